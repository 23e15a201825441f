using System.Text.Json.Nodes;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Card data for onward referrals. The receiving service sees only what it needs to reach her (first name, languages,
/// how to reach her, the needs the coordinator chose): never the referrer's note, the consent details, her area or the
/// mother's notes. Her details are read from the referral at render time, so an erased referral shows no one.
/// </summary>
public sealed class OnwardViews(CardCatalog cards, ReferralStore referrals, ProjectStore projects, DirectoryStore directory)
{
    public const string OnwardCard = "onward-referral";
    public const string StatusCard = "onward-status";

    /// <summary>The onward card as this actor may see it, or null when she may not see it at all.</summary>
    public async Task<JsonObject?> CardForAsync(Actor actor, StoredOnward stored, string language, string? notice, IReadOnlyList<string>? refreshUserIds, CancellationToken cancellationToken)
    {
        var onward = stored.Onward;
        if (!OnwardAccess.Allows(actor, OnwardAction.View, onward))
        {
            return null;
        }

        var referral = (await referrals.FindAsync(onward.ProjectId, onward.ReferralId, cancellationToken))?.Referral;
        // What the service sees of her is ReferralVisibility's rule, as every other view of a referral.
        var person = referral is not null && !ReferralVisibility.IsErased(referral) ? referral.Person : null;
        var shown = ReferralVisibility.OnwardFields;
        var project = await projects.FindAsync(onward.ProjectId, cancellationToken);
        var data = new JsonObject
        {
            ["projectId"] = onward.ProjectId,
            ["onwardId"] = onward.Id,
            ["referralId"] = onward.ReferralId,
            ["reference"] = ReferralIds.Reference(onward.ReferralId),
            ["firstName"] = shown.Contains(ReferralField.FirstName) ? person?.FirstNameOrInitials ?? string.Empty : string.Empty,
            ["languagesText"] = person is null || !shown.Contains(ReferralField.Languages) ? string.Empty : string.Join(", ", person.PreferredLanguages.Select(code => cards.Text(language, "languages." + code))),
            ["contactText"] = person is null || !shown.Contains(ReferralField.Contact)
                ? string.Empty
                : cards.Text(language, "contact.channelLabels." + person.Contact.Channel) + ", " + cards.Text(language, "contact.timePhrases." + person.Contact.BestTime),
            ["needsText"] = shown.Contains(ReferralField.Needs) ? NeedsText(onward.Needs, language) : string.Empty,
            ["fromProject"] = project?.Name ?? string.Empty,
            ["sentAtText"] = CopenhagenDates.DateAndTime(onward.SentAt, language),
            ["state"] = onward.State.ToString(),
            ["stateLabel"] = cards.Text(language, "onward.states." + onward.State),
            ["canAnswer"] = onward.State == OnwardState.Sent && person is not null && OnwardAccess.Allows(actor, OnwardAction.Answer, onward),
        };
        if (shown.Contains(ReferralField.Phone) && person?.Contact.PhoneNumber is { } phone)
        {
            data["phone"] = phone;
        }

        if (notice is not null)
        {
            data["notice"] = notice;
        }

        if (refreshUserIds is { Count: > 0 })
        {
            data["refreshUserIds"] = new JsonArray(refreshUserIds.Select(id => (JsonNode?)JsonValue.Create(id)).ToArray());
        }

        return cards.Render(OnwardCard, data, language);
    }

    /// <summary>The coordinator's small card with the service's answer. Ids, names of services and dates only.</summary>
    public async Task<JsonObject?> StatusCardAsync(Actor coordinator, StoredOnward stored, string language, CancellationToken cancellationToken)
    {
        var onward = stored.Onward;
        if (onward.AnsweredAt is not { } answeredAt || !OnwardAccess.Allows(coordinator, OnwardAction.View, onward))
        {
            return null;
        }

        var organisation = await directory.FindOrganisationAsync(onward.ProjectId, onward.ToOrganisationId, cancellationToken);
        return cards.Render(StatusCard, new JsonObject
        {
            ["reference"] = ReferralIds.Reference(onward.ReferralId),
            ["organisationName"] = organisation?.Name ?? string.Empty,
            ["stateLabel"] = cards.Text(language, "onward.states." + onward.State),
            ["answeredAtText"] = CopenhagenDates.DateAndTime(answeredAt, language),
        }, language);
    }

    private string NeedsText(NeedCategories needs, string language) =>
        string.Join(", ", Enum.GetValues<NeedCategories>()
            .Where(need => need != NeedCategories.None && needs.HasFlag(need))
            .Select(need => cards.Text(language, "needs." + need)));
}
