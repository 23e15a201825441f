namespace PartnerHub.Core.Referrals;

public enum ReferralState
{
    Submitted,
    Accepted,
    Declined,
    Assigned,
    Contacted,
    Closed,
    Withdrawn,
}

/// <summary>What the woman may want help with. Categories, never free text, so they can be counted anonymously.</summary>
[Flags]
public enum NeedCategories
{
    None = 0,
    Children = 1,
    Health = 2,
    Language = 4,
    Work = 8,
    Network = 16,
    Authorities = 32,
}

public enum ConsentMethod
{
    Verbal,
    Written,
}

/// <summary>Who gave the consent: the woman herself, directly or through an interpreter.</summary>
public enum ConsentGivenBy
{
    Herself,
    HerselfThroughInterpreter,
}

public enum ContactChannel
{
    /// <summary>The neighbourhood mother calls her.</summary>
    Phone,

    /// <summary>Contact goes through the referrer, e.g. a meeting at the kindergarten.</summary>
    ThroughReferrer,

    /// <summary>They meet at the programme's fixed place in the area.</summary>
    AtProjectPlace,
}

public enum ContactTime
{
    Anytime,
    Morning,
    Afternoon,
    Evening,
}

public enum DeclineReason
{
    OutsideArea,
    NotTargetGroup,
    NoCapacity,
    AlreadyInContact,
    Other,
}

public enum ReferralOutcome
{
    JoinedActivities,
    ReferredOn,
    NotReached,
    Declined,
}

/// <summary>Consent as recorded by the referrer before anything about the woman is stored.</summary>
public sealed record Consent(ConsentGivenBy GivenBy, ConsentMethod Method, DateOnly GivenOn, string ExplainedInLanguage, string RecordedByObjectId);

/// <summary>How and when to reach her. A phone number only when the channel is the phone.</summary>
public sealed record ContactPreference(ContactChannel Channel, ContactTime BestTime, string? PhoneNumber);

/// <summary>
/// The personal part of a referral: the minimum the programme needs to reach her. No CPR number, no ethnicity,
/// no free text beyond a short note. All of it is erased when consent is withdrawn or retention expires.
/// </summary>
public sealed record ReferralPerson(
    string FirstNameOrInitials,
    IReadOnlyList<string> PreferredLanguages,
    string Area,
    ContactPreference Contact,
    string? Note);

/// <summary>One step in a referral's life, for the status card: what happened, when, by which role. No personal data.</summary>
public sealed record ReferralEvent(ReferralState State, DateTimeOffset At, Partners.ProjectRole ByRole);
