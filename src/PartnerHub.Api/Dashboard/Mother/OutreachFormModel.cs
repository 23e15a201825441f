using System.Globalization;
using PartnerHub.Core.Outreach;

namespace PartnerHub.Api.Dashboard.Mother;

/// <summary>
/// The outreach form as the tab holds it while she fills it in, with the card's defaults (today, a home visit, one
/// woman). The request id is made when the form opens, so pressing "Log kontakt" twice is one entry.
/// </summary>
public sealed class OutreachFormModel
{
    public string RequestId { get; } = Guid.NewGuid().ToString("N");

    public string Date { get; set; } = string.Empty;

    public string Kind { get; set; } = nameof(OutreachKind.HomeVisit);

    public string Women { get; set; } = "1";

    public HashSet<string> Topics { get; } = new(StringComparer.Ordinal);

    public HashSet<OutreachService> Services { get; } = [];

    public static OutreachFormModel New(DateOnly today) => new() { Date = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };

    /// <summary>One more or one fewer woman, kept within the form's range; text she typed that is no number starts from 1.</summary>
    public void Step(int by)
    {
        var current = int.TryParse(Women, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : OutreachForm.MinWomen;
        Women = Math.Clamp(current + by, OutreachForm.MinWomen, OutreachForm.MaxWomen).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The form exactly as the card sends it: Core's <see cref="OutreachForm"/> validates it in <c>OutreachLog</c>.</summary>
    public OutreachFormInput ToInput() => new()
    {
        Date = Date,
        Kind = Kind,
        Women = Women,
        Topics = string.Join(',', Topics.Order(StringComparer.Ordinal)),
        Services = string.Join(',', Services.Order()),
    };
}
