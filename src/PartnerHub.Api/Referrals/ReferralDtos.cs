using System.Text.Json.Serialization;

namespace PartnerHub.Api.Referrals;

// The referral REST API's request and response bodies (ReferralEndpoints). Members absent from the caller's view are
// left out of the JSON rather than sent empty, so a view never hints at what it hides.

/// <summary>A new referral: the referral form's fields by their ids. Multi-selects are arrays; values are enum names.</summary>
public sealed record CreateReferralRequest
{
    public string? FirstName { get; init; }
    public IReadOnlyList<string?>? Languages { get; init; }
    public string? Area { get; init; }
    public string? ContactChannel { get; init; }
    public string? BestTime { get; init; }
    public string? Phone { get; init; }
    public IReadOnlyList<string?>? Needs { get; init; }
    public string? Note { get; init; }
    public string? ConsentGivenBy { get; init; }
    public string? ConsentMethod { get; init; }

    /// <summary>yyyy-MM-dd, within the last 30 days.</summary>
    public string? ConsentDate { get; init; }

    public string? ConsentLanguage { get; init; }
    public bool? ConsentConfirmed { get; init; }
}

/// <summary>A step in the workflow. <c>reason</c> for decline, <c>motherId</c> for assign, <c>outcome</c> for close, <c>notes</c> for editNotes.</summary>
public sealed record TransitionRequest(string? Action, string? Reason, string? MotherId, string? Outcome, string? Notes);

public sealed record ReferralListResponse(IReadOnlyList<ReferralListItem> Items, string? ContinuationToken);

/// <summary>A line of "my referrals": what every role that may list it may see.</summary>
public sealed record ReferralListItem(string Id, string Reference, string? FirstName, string State, DateTimeOffset SubmittedAt, DateTimeOffset LastChangedAt);

/// <summary>
/// One referral as the caller may see it. <c>view</c> says which: <c>coordinator</c> (everything),
/// <c>assignedMother</c> (details and her notes) or <c>status</c> (the referring organisation: no details, no notes).
/// Absent members are not part of the caller's view. <c>firstName</c> is null once personal data is erased.
/// </summary>
public sealed record ReferralResponse(
    string Id,
    string Reference,
    string View,
    string State,
    string? FirstName,
    DateTimeOffset SubmittedAt,
    DateTimeOffset LastChangedAt,
    IReadOnlyList<ReferralTimelineEntry> Timeline,
    IReadOnlyList<string> AllowedActions,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MotherFirstName,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? ErasedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReferralDetails? Details,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MotherNotes);

public sealed record ReferralTimelineEntry(string State, DateTimeOffset At);

/// <summary>The personal and case details: the coordinator and the assigned mother only.</summary>
public sealed record ReferralDetails(
    IReadOnlyList<string> Needs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Languages,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Area,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReferralContact? Contact,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Note,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ReferralConsent? Consent,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? DeclineReason,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Outcome,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReferrerOrganisationId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReferrerObjectId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? AssignedMotherId);

public sealed record ReferralContact(
    string Channel,
    string BestTime,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone);

public sealed record ReferralConsent(string GivenBy, string Method, DateOnly GivenOn, string ExplainedInLanguage);
