using System.Globalization;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Dashboard.Partner;

/// <summary>
/// The referral form as the tab holds it while she fills it in: the card form's fields, strings as typed. The request
/// id is made when the form opens, so pressing "Send" twice (or again after a dropped connection) is one referral.
/// </summary>
public sealed class ReferralFormModel
{
    public string RequestId { get; } = Guid.NewGuid().ToString("N");

    public string FirstName { get; set; } = string.Empty;

    /// <summary>Up to three preferred languages, one select each; empty ones are left out.</summary>
    public string[] Languages { get; } = [string.Empty, string.Empty, string.Empty];

    public string Area { get; set; } = string.Empty;

    public string ContactChannel { get; set; } = string.Empty;

    public string BestTime { get; set; } = nameof(ContactTime.Anytime);

    public string Phone { get; set; } = string.Empty;

    public HashSet<NeedCategories> Needs { get; } = [];

    public string Note { get; set; } = string.Empty;

    public string ConsentGivenBy { get; set; } = string.Empty;

    public string ConsentMethod { get; set; } = string.Empty;

    public string ConsentDate { get; set; } = string.Empty;

    public string ConsentLanguage { get; set; } = string.Empty;

    public bool ConsentConfirmed { get; set; }

    /// <summary>A new form, the consent dated today (Copenhagen) as on the card.</summary>
    public static ReferralFormModel New(DateOnly today) => new() { ConsentDate = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    /// <summary>The form exactly as the card sends it: Core's <see cref="ReferralForm"/> validates it in the service.</summary>
    public ReferralFormInput ToInput() => new()
    {
        FirstNameOrInitials = FirstName,
        Languages = string.Join(',', Languages.Where(l => !string.IsNullOrWhiteSpace(l))),
        Area = Area,
        ContactChannel = ContactChannel,
        BestTime = BestTime,
        // The number only matters when she is to be called; otherwise it is not sent at all.
        PhoneNumber = ContactChannel == nameof(Core.Referrals.ContactChannel.Phone) ? Phone : null,
        Needs = string.Join(',', Needs.Order()),
        Note = Note,
        ConsentGivenBy = ConsentGivenBy,
        ConsentMethod = ConsentMethod,
        ConsentDate = ConsentDate,
        ConsentLanguage = ConsentLanguage,
        ConsentConfirmed = ConsentConfirmed ? "true" : "false",
    };
}
