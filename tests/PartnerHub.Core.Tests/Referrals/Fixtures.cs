using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

/// <summary>Shared people and referrals for the referral tests. Plain values, no I/O.</summary>
internal static class Fixtures
{
    public const string Project = "vollsmose";
    public const string OtherProject = "gellerup";
    public const string ReferrerOrganisation = "org-kita-solsikken";
    public const string OtherOrganisation = "org-sundhedsplejen";
    public const string Referrer = "staff-kita-1";
    public const string AssignedMother = "mother-amina";
    public const string OtherMother = "mother-hodan";

    public static readonly DateTimeOffset SubmittedAt = new(2026, 3, 2, 9, 0, 0, TimeSpan.FromHours(1));
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 30, 0, TimeSpan.FromHours(1));

    public static Actor Coordinator => new("coord-1", Project, ProjectRole.Coordinator, null);

    public static Actor Mother => new(AssignedMother, Project, ProjectRole.NeighbourhoodMother, null);

    public static Actor ReferrerStaff => new(Referrer, Project, ProjectRole.PartnerStaff, ReferrerOrganisation);

    public static ReferralPerson Person => new(
        "Fatima", ["ar", "da"], "Vollsmose Øst", new ContactPreference(ContactChannel.Phone, ContactTime.Morning, "+4512345678"), "Ring efter kl. 14");

    public static Consent Consent => new(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 3, 1), "ar", Referrer);

    public const NeedCategories Needs = NeedCategories.Children | NeedCategories.Network;

    /// <summary>A freshly submitted referral from the kindergarten.</summary>
    public static Referral Submitted() => Referral.Submit("ref-1", ReferrerStaff, Person, Needs, Consent, SubmittedAt);

    /// <summary>A referral in the given state, with the fields that state implies (as the workflow would have left them).</summary>
    public static Referral InState(ReferralState state)
    {
        var submitted = Submitted();
        var coordinatorRole = ProjectRole.Coordinator;
        var t = SubmittedAt;
        return state switch
        {
            ReferralState.Submitted => submitted,
            ReferralState.Accepted => submitted with
            {
                State = state,
                History = [.. submitted.History, new ReferralEvent(ReferralState.Accepted, t.AddHours(1), coordinatorRole)],
            },
            ReferralState.Declined => submitted with
            {
                State = state,
                DeclineReason = DeclineReason.OutsideArea,
                History = [.. submitted.History, new ReferralEvent(ReferralState.Declined, t.AddHours(1), coordinatorRole)],
            },
            ReferralState.Assigned => submitted with
            {
                State = state,
                AssignedMotherId = AssignedMother,
                MotherNotes = "Amina's notes",
                History = [.. submitted.History, new ReferralEvent(ReferralState.Assigned, t.AddHours(1), coordinatorRole)],
            },
            ReferralState.Contacted => InState(ReferralState.Assigned) with
            {
                State = state,
                History = [.. InState(ReferralState.Assigned).History, new ReferralEvent(ReferralState.Contacted, t.AddDays(1), ProjectRole.NeighbourhoodMother)],
            },
            ReferralState.Closed => InState(ReferralState.Contacted) with
            {
                State = state,
                Outcome = ReferralOutcome.JoinedActivities,
                History = [.. InState(ReferralState.Contacted).History, new ReferralEvent(ReferralState.Closed, t.AddDays(2), ProjectRole.NeighbourhoodMother)],
            },
            ReferralState.Withdrawn => (InState(ReferralState.Assigned) with
            {
                State = state,
                History = [.. InState(ReferralState.Assigned).History, new ReferralEvent(ReferralState.Withdrawn, t.AddDays(1), ProjectRole.PartnerStaff)],
            }).Erased(t.AddDays(1)),
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
        };
    }
}
