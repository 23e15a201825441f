using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// A referral as the REST caller may see it: <see cref="ReferralVisibility"/> decides every field and action (the same
/// rule the cards project); this only shapes its answer as JSON.
/// </summary>
internal static class ReferralResponses
{
    /// <summary>The caller's view of a referral, or null when she may see none.</summary>
    public static async Task<ReferralResponse?> ForAsync(Actor actor, StoredReferral stored, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var referral = stored.Referral;
        var view = ReferralVisibility.For(actor, referral);
        if (view.Kind == ReferralViewKind.None)
        {
            return null;
        }

        string? motherFirstName = null;
        if (view.Shows(ReferralField.MotherFirstName) && referral.AssignedMotherId is { } motherId)
        {
            motherFirstName = (await directory.FindMemberAsync(referral.ProjectId, motherId, cancellationToken))?.FirstName;
        }

        return new ReferralResponse(
            referral.Id,
            ReferralIds.Reference(referral.Id),
            view.Kind switch
            {
                ReferralViewKind.Coordinator => "coordinator",
                ReferralViewKind.AssignedMother => "assignedMother",
                _ => "status",
            },
            referral.State.ToString(),
            view.Shows(ReferralField.FirstName) ? referral.Person?.FirstNameOrInitials : null,
            referral.SubmittedAt,
            referral.LastChangedAt,
            view.Shows(ReferralField.Timeline) ? referral.History.Select(e => new ReferralTimelineEntry(e.State.ToString(), e.At)).ToList() : [],
            ReferralActionNames.AllowedBy(view),
            motherFirstName,
            referral.ErasedAt,
            view.Kind is ReferralViewKind.Coordinator or ReferralViewKind.AssignedMother ? Details(view, referral) : null,
            view.Shows(ReferralField.MotherNotes) ? referral.MotherNotes : null);
    }

    /// <summary>A line of a list: what every role that may list the referral may see.</summary>
    public static ReferralListItem ListItem(StoredReferral stored) => new(
        stored.Referral.Id,
        ReferralIds.Reference(stored.Referral.Id),
        stored.Referral.Person?.FirstNameOrInitials,
        stored.Referral.State.ToString(),
        stored.Referral.SubmittedAt,
        stored.Referral.LastChangedAt);

    private static ReferralDetails Details(ReferralView view, Referral referral)
    {
        var person = referral.Person;
        var consent = referral.Consent;
        T? Shown<T>(ReferralField field, T? value)
            where T : class => view.Shows(field) ? value : null;
        return new ReferralDetails(
            view.Shows(ReferralField.Needs) ? [.. Enum.GetValues<NeedCategories>().Where(n => n != NeedCategories.None && referral.Needs.HasFlag(n)).Select(n => n.ToString())] : [],
            Shown(ReferralField.Languages, person?.PreferredLanguages),
            Shown(ReferralField.Area, person?.Area),
            person is null || !view.Shows(ReferralField.Contact)
                ? null
                : new ReferralContact(person.Contact.Channel.ToString(), person.Contact.BestTime.ToString(), Shown(ReferralField.Phone, person.Contact.PhoneNumber)),
            Shown(ReferralField.Note, person?.Note),
            consent is null || !view.Shows(ReferralField.Consent) ? null : new ReferralConsent(consent.GivenBy.ToString(), consent.Method.ToString(), consent.GivenOn, consent.ExplainedInLanguage),
            Shown(ReferralField.DeclineReason, referral.DeclineReason?.ToString()),
            Shown(ReferralField.Outcome, referral.Outcome?.ToString()),
            // A referral the coordinator made has no organisation: nothing to name.
            Shown(ReferralField.ReferrerOrganisation, referral.ReferrerOrganisationId.Length > 0 ? referral.ReferrerOrganisationId : null),
            Shown(ReferralField.Referrer, referral.ReferrerObjectId),
            Shown(ReferralField.MotherId, referral.AssignedMotherId));
    }
}
