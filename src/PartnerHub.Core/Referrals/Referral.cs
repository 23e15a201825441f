using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// A woman referred to the programme, with her recorded consent. The personal part (<see cref="Person"/>,
/// <see cref="Consent"/>, <see cref="MotherNotes"/>) is erased on withdrawal or retention expiry; what remains
/// (state, dates, need categories, organisations) is anonymous and kept for counting.
/// </summary>
public sealed record Referral
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required ReferralState State { get; init; }
    public required string ReferrerObjectId { get; init; }
    public required string ReferrerOrganisationId { get; init; }
    public required DateTimeOffset SubmittedAt { get; init; }
    public required NeedCategories Needs { get; init; }
    public ReferralPerson? Person { get; init; }
    public Consent? Consent { get; init; }
    public string? AssignedMotherId { get; init; }
    public DeclineReason? DeclineReason { get; init; }
    public ReferralOutcome? Outcome { get; init; }

    /// <summary>The assigned neighbourhood mother's own notes: visible to her and the coordinator only.</summary>
    public string? MotherNotes { get; init; }

    public IReadOnlyList<ReferralEvent> History { get; init; } = [];
    public DateTimeOffset? ErasedAt { get; init; }

    public bool IsOpen => State is ReferralState.Submitted or ReferralState.Accepted or ReferralState.Assigned or ReferralState.Contacted;

    /// <summary>The mother working on it now: assigned and not yet closed. Her open load counts it.</summary>
    public string? WorkingMotherId => WithMother(State) ? AssignedMotherId : null;

    /// <summary>The states in which the assigned mother is working on a referral.</summary>
    public static bool WithMother(ReferralState state) => state is ReferralState.Assigned or ReferralState.Contacted;

    public DateTimeOffset LastChangedAt => History.Count > 0 ? History[^1].At : SubmittedAt;

    /// <summary>A new referral, as its referrer submits it.</summary>
    /// <exception cref="UnauthorizedAccessException">The referrer may not create referrals (§7: coordinators and partner staff with an organisation).</exception>
    public static Referral Submit(string id, Actor referrer, ReferralPerson person, NeedCategories needs, Consent consent, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referrer);
        ArgumentNullException.ThrowIfNull(person);
        ArgumentNullException.ThrowIfNull(consent);
        return ReferralAccess.Allows(referrer, ReferralAction.Create, null)
            ? Submitted(id, referrer, person, needs, consent, now)
            : throw new UnauthorizedAccessException("The actor may not create referrals.");
    }

    private static Referral Submitted(string id, Actor referrer, ReferralPerson person, NeedCategories needs, Consent consent, DateTimeOffset now) => new()
    {
        Id = id,
        ProjectId = referrer.ProjectId,
        State = ReferralState.Submitted,
        ReferrerObjectId = referrer.ObjectId,
        ReferrerOrganisationId = referrer.OrganisationId ?? string.Empty,
        SubmittedAt = now,
        Needs = needs,
        Person = person,
        Consent = consent,
        History = [new ReferralEvent(ReferralState.Submitted, now, referrer.Role)],
    };

    /// <summary>The referral with every personal field removed. Idempotent.</summary>
    public Referral Erased(DateTimeOffset now) => this with
    {
        Person = null,
        Consent = null,
        MotherNotes = null,
        ErasedAt = ErasedAt ?? now,
    };
}
