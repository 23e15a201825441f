using System.Text.Json;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

public enum OnwardOutcome
{
    /// <summary>Sent or answered now.</summary>
    Done,
    NotFound,
    Forbidden,

    /// <summary>The coordinator's choices were incomplete or unknown: nothing stored; see the errors.</summary>
    InvalidInput,

    /// <summary>Consent was withdrawn or her data erased: she can no longer be referred on.</summary>
    Unavailable,

    /// <summary>The triage card acted on an older version of the referral, or a REST If-Match was stale: nothing stored.</summary>
    Stale,

    /// <summary>Someone (perhaps a colleague) answered first: nothing changed.</summary>
    AlreadyAnswered,

    /// <summary>A retried request (Teams retries invokes) that was already applied.</summary>
    Duplicate,
}

/// <summary>
/// What became of a coordinator's "refer on". <paramref name="Referral"/> is the referral as read, for answering with
/// her triage card; <paramref name="Errors"/> maps a triage-card input id to a reason code when input was invalid.
/// </summary>
public sealed record OnwardSendResult(OnwardOutcome Outcome, StoredReferral? Referral, StoredOnward? Onward, IReadOnlyDictionary<string, string> Errors);

public sealed record OnwardAnswerResult(OnwardOutcome Outcome, StoredOnward? Current);

/// <summary>
/// The onward referral's application layer, in the referral service's pattern: read, check access through Core,
/// transition in Core, commit one transaction (onward row, index row, idempotency row, outbox rows), nudge, audit.
/// Notifications leave only through the outbox.
/// </summary>
public sealed class OnwardService(
    OnwardStore onwards,
    ReferralStore referrals,
    CardLocationStore cards,
    DirectoryStore directory,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    AuditLog audit,
    TimeProvider time,
    ReferralChangeSignal signal)
{
    public const string RecordType = "onward";

    /// <summary>The audit action of reading a referral's onward referrals.</summary>
    [AuditAction]
    public const string ListAction = "ListOnward";

    /// <summary>The triage card's input ids, which errors are reported against.</summary>
    public const string OrganisationField = "organisationId";
    public const string NeedsField = "onwardNeeds";

    /// <summary>"Henvis videre" on the triage card, which carries the referral's version it was rendered from.</summary>
    public Task<OnwardSendResult> SendAsync(Actor coordinator, string referralId, string? organisationId, string? needs, string? version, CancellationToken cancellationToken) =>
        SendAsync(coordinator, referralId, organisationId, needs, version, requestId: null, cancellationToken);

    /// <summary>
    /// The same from REST: <paramref name="requestId"/> is the client's Idempotency-Key, so a retried request answers
    /// <see cref="OnwardOutcome.Duplicate"/> with the onward referral it created, even if she could no longer be referred on.
    /// </summary>
    public Task<OnwardSendResult> SendRequestAsync(Actor coordinator, string referralId, string? organisationId, string? needs, string requestId, CancellationToken cancellationToken) =>
        SendAsync(coordinator, referralId, organisationId, needs, version: null, requestId, cancellationToken);

    /// <summary>The coordinator's onward referrals of one referral, oldest first; null when it is absent or not hers to see (audited).</summary>
    public async Task<IReadOnlyList<OnwardReferral>?> ListForReferralAsync(Actor coordinator, string referralId, CancellationToken cancellationToken)
    {
        var stored = await referrals.FindAsync(coordinator.ProjectId, referralId, cancellationToken);
        var allowed = stored is not null && coordinator.Role == ProjectRole.Coordinator && ReferralAccess.Allows(coordinator, ReferralAction.ViewDetails, stored.Referral);
        await audit.RecordAsync(coordinator.ProjectId, coordinator.ObjectId, ListAction, ReferralService.RecordType, Safe(referralId), allowed, cancellationToken);
        return allowed
            ? (await onwards.OfReferralAsync(coordinator.ProjectId, referralId, cancellationToken)).Where(o => OnwardAccess.Allows(coordinator, OnwardAction.View, o)).ToList()
            : null;
    }

    private async Task<OnwardSendResult> SendAsync(Actor coordinator, string referralId, string? organisationId, string? needs, string? version, string? requestId, CancellationToken cancellationToken)
    {
        var action = nameof(ReferralAction.ReferOnward);
        var stored = await referrals.FindAsync(coordinator.ProjectId, referralId, cancellationToken);
        if (stored is null)
        {
            await audit.RecordAsync(coordinator.ProjectId, coordinator.ObjectId, action, ReferralService.RecordType, Safe(referralId), allowed: false, cancellationToken);
            return new OnwardSendResult(OnwardOutcome.NotFound, null, null, NoErrors);
        }

        // Checked here as well as in Core's Send, which throws: a refusal is a user's attempt, audited, never a 500.
        if (!OnwardAccess.Allows(coordinator, OnwardAction.Create, null) || !ReferralAccess.Allows(coordinator, ReferralAction.ReferOnward, stored.Referral))
        {
            await audit.RecordAsync(coordinator.ProjectId, coordinator.ObjectId, action, ReferralService.RecordType, referralId, allowed: false, cancellationToken);
            return new OnwardSendResult(OnwardOutcome.Forbidden, null, null, NoErrors);
        }

        // A REST request's key is the coordinator's own; its replay answers before anything is validated again.
        var requestKey = requestId is null ? null : "onward.create|" + ChangeFingerprint.Of(coordinator.ObjectId, referralId, null, action, new { RequestId = requestId });
        if (requestKey is not null && await WasAppliedAsync(coordinator.ProjectId, requestKey, stored, cancellationToken) is { } replay)
        {
            return replay;
        }

        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var organisation = string.IsNullOrWhiteSpace(organisationId) || organisationId.Length > 100
            ? null
            : await directory.FindOrganisationAsync(coordinator.ProjectId, organisationId, cancellationToken);
        if (organisation is not { ReceivesOnwardReferrals: true } || organisation.ProjectId != stored.Referral.ProjectId)
        {
            errors[OrganisationField] = string.IsNullOrWhiteSpace(organisationId) ? "required" : "unknownValue";
        }

        var categories = ParseNeeds(needs);
        if (categories is null or NeedCategories.None)
        {
            errors[NeedsField] = string.IsNullOrWhiteSpace(needs) ? "required" : "unknownValue";
        }

        if (errors.Count > 0)
        {
            return new OnwardSendResult(OnwardOutcome.InvalidInput, stored, null, errors);
        }

        if (stored.Referral.State == ReferralState.Withdrawn || stored.Referral.ErasedAt is not null || stored.Referral.Person is null)
        {
            return new OnwardSendResult(OnwardOutcome.Unavailable, stored, null, NoErrors);
        }

        // Sending on does not change the referral, so its version stays the same; the whole command is part of the key
        // so the coordinator can refer her on to a second service from the same card, while a retry stays one referral.
        var idempotencyKey = requestKey
            ?? "referral.referOnward|" + ChangeFingerprint.Of(coordinator.ObjectId, referralId, version, action, new { OrganisationId = organisation!.Id, Needs = categories!.Value.ToString() });
        if (version is not null && version != stored.Version)
        {
            return await WasAppliedAsync(coordinator.ProjectId, idempotencyKey, stored, cancellationToken)
                ?? new OnwardSendResult(OnwardOutcome.Stale, stored, null, NoErrors);
        }

        var onward = OnwardReferral.Send(ReferralIds.New(), stored.Referral, organisation!, categories!.Value, coordinator, time.GetUtcNow());
        // One row for all the service's staff: the handler reads who they are when it runs, so the transaction stays
        // small however many staff there are, and someone added in between still gets the card.
        List<OutboxEntry> messages = [outbox.Create(coordinator.ProjectId, OnwardNotifications.SendCards(onward.Id))];
        if (requestId is not null)
        {
            // From the triage card she gets her updated card as the answer; from REST her triage card in Teams is updated in place.
            messages.Add(outbox.Create(coordinator.ProjectId, ReferralNotifications.UpdateCards(referralId)));
        }

        try
        {
            var created = await onwards.CreateAsync(onward, idempotencyKey, messages.Select(m => m.Action), cancellationToken);
            signal.Raise(coordinator.ProjectId, referralId);
            await nudge.NudgeAsync(messages, cancellationToken);
            await audit.RecordAsync(coordinator.ProjectId, coordinator.ObjectId, nameof(OnwardAction.Create), RecordType, onward.Id, allowed: true, cancellationToken);
            return new OnwardSendResult(OnwardOutcome.Done, stored, created, NoErrors);
        }
        catch (DuplicateRequestException)
        {
            return await WasAppliedAsync(coordinator.ProjectId, idempotencyKey, stored, cancellationToken)
                ?? new OnwardSendResult(OnwardOutcome.Duplicate, stored, null, NoErrors);
        }
    }

    /// <summary>The receiving service's staff accept or decline on the onward card. Only the first answer counts.</summary>
    /// <param name="actingCard">The card she answered on: it shows the answer from now on, recorded in the answer's transaction.</param>
    public Task<OnwardAnswerResult> AnswerAsync(Actor staff, string onwardId, bool accept, CardLocation? actingCard, CancellationToken cancellationToken) =>
        AnswerCoreAsync(staff, onwardId, accept, expectedETag: null, actingCard, cancellationToken);

    /// <summary>
    /// The same, conditional on the ETag the caller read (REST's If-Match): a stale one is <see cref="OnwardOutcome.Stale"/>,
    /// unless it is her own answer retried (<see cref="OnwardOutcome.Duplicate"/>).
    /// </summary>
    public Task<OnwardAnswerResult> AnswerAsync(Actor staff, string onwardId, bool accept, string? expectedETag, CancellationToken cancellationToken) =>
        AnswerCoreAsync(staff, onwardId, accept, expectedETag, actingCard: null, cancellationToken);

    private async Task<OnwardAnswerResult> AnswerCoreAsync(Actor staff, string onwardId, bool accept, string? expectedETag, CardLocation? actingCard, CancellationToken cancellationToken)
    {
        var action = nameof(OnwardAction.Answer);
        var stored = await onwards.FindAsync(staff.ProjectId, onwardId, cancellationToken);
        if (stored is null)
        {
            await audit.RecordAsync(staff.ProjectId, staff.ObjectId, action, RecordType, Safe(onwardId), allowed: false, cancellationToken);
            return new OnwardAnswerResult(OnwardOutcome.NotFound, null);
        }

        if (!OnwardAccess.Allows(staff, OnwardAction.Answer, stored.Onward))
        {
            await audit.RecordAsync(staff.ProjectId, staff.ObjectId, action, RecordType, onwardId, allowed: false, cancellationToken);
            // A stranger learns nothing, not even that it exists.
            return new OnwardAnswerResult(OnwardOutcome.Forbidden, null);
        }

        var idempotencyKey = "onward.answer|" + ChangeFingerprint.Of(staff.ObjectId, onwardId, expectedETag, action, new { Accept = accept });
        if (expectedETag is not null && !string.Equals(expectedETag, stored.ETag.ToString(), StringComparison.Ordinal))
        {
            var outcome = await onwards.WasAppliedAsync(staff.ProjectId, idempotencyKey, cancellationToken) ? OnwardOutcome.Duplicate : OnwardOutcome.Stale;
            return new OnwardAnswerResult(outcome, stored);
        }

        var result = stored.Onward.Answer(accept, staff, time.GetUtcNow());
        if (!result.Succeeded)
        {
            // Her own retried click is not "someone else answered": she gets the thank-you again.
            var outcome = result.Error == TransitionError.Forbidden ? OnwardOutcome.Forbidden
                : await onwards.WasAppliedAsync(staff.ProjectId, idempotencyKey, cancellationToken) ? OnwardOutcome.Duplicate
                : OnwardOutcome.AlreadyAnswered;
            return new OnwardAnswerResult(outcome, outcome == OnwardOutcome.Forbidden ? null : stored);
        }

        var after = result.Onward!;
        OutboxEntry[] messages =
        [
            outbox.Create(staff.ProjectId, OnwardNotifications.SendStatus(after.Id, after.SentByObjectId)),
            // Every onward card but the one she answered on, whose invoke response already shows the answer.
            outbox.Create(staff.ProjectId, OnwardNotifications.UpdateCards(after.Id, actingCard?.AsActing())),
            // The referral's own cards (the coordinator's triage card) refresh as well.
            outbox.Create(staff.ProjectId, ReferralNotifications.UpdateCards(after.ReferralId)),
        ];
        try
        {
            // The card she answered on shows the answer from now on: recorded with the answer, or not at all.
            var extra = messages.Select(m => m.Action).ToList();
            if (actingCard is not null)
            {
                extra.Add(cards.Upsert(staff.ProjectId, CardKind.Onward, onwardId, actingCard));
            }

            var updated = await onwards.UpdateAsync(stored, after, idempotencyKey, extra, cancellationToken);
            signal.Raise(staff.ProjectId, after.ReferralId);
            await nudge.NudgeAsync(messages, cancellationToken);
            await audit.RecordAsync(staff.ProjectId, staff.ObjectId, action, RecordType, onwardId, allowed: true, cancellationToken);
            return new OnwardAnswerResult(OnwardOutcome.Done, updated);
        }
        catch (ReferralConflictException)
        {
            return new OnwardAnswerResult(OnwardOutcome.AlreadyAnswered, await onwards.FindAsync(staff.ProjectId, onwardId, cancellationToken));
        }
        catch (DuplicateRequestException)
        {
            return new OnwardAnswerResult(OnwardOutcome.Duplicate, await onwards.FindAsync(staff.ProjectId, onwardId, cancellationToken));
        }
    }

    /// <summary>Reads one onward referral for a view, checking and auditing access. Null when absent or not allowed.</summary>
    public async Task<StoredOnward?> ReadAsync(Actor actor, string onwardId, CancellationToken cancellationToken)
    {
        var stored = await onwards.FindAsync(actor.ProjectId, onwardId, cancellationToken);
        var allowed = stored is not null && OnwardAccess.Allows(actor, OnwardAction.View, stored.Onward);
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(OnwardAction.View), RecordType, Safe(onwardId), allowed, cancellationToken);
        return allowed ? stored : null;
    }

    /// <summary>The triage card's multi-select answers "Work,Health" (any case, as REST's). Null when any value is not a category.</summary>
    public static NeedCategories? ParseNeeds(string? text) => ReferralValues.ParseNeeds(text);

    private async Task<OnwardSendResult?> WasAppliedAsync(string projectId, string idempotencyKey, StoredReferral referral, CancellationToken cancellationToken)
    {
        var existingId = await onwards.OnwardIdForAsync(projectId, idempotencyKey, cancellationToken);
        return existingId is null
            ? null
            : new OnwardSendResult(OnwardOutcome.Duplicate, referral, await onwards.FindAsync(projectId, existingId, cancellationToken), NoErrors);
    }

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    /// <summary>Ids from outside go into the audit only when they look like ours.</summary>
    private static string Safe(string id) => ReferralIds.IsValid(id) ? id : "invalid";
}

/// <summary>The outbox messages onward referrals cause. Payloads carry ids only.</summary>
public static class OnwardNotifications
{
    /// <summary>The onward card to every staff member of the receiving organisation.</summary>
    public const string SendCardsKind = "onward.send-cards";

    /// <summary>The onward cards already sent, updated in place after the answer.</summary>
    public const string UpdateCardsKind = "onward.update-cards";

    /// <summary>The small answer card to the coordinator who sent it.</summary>
    public const string SendStatusKind = "onward.send-status";

    public static OutboxMessage SendCards(string onwardId) =>
        new(SendCardsKind, JsonSerializer.Serialize(new Payload(onwardId, null)));

    /// <param name="acting">The card the answer was given on, which the update skips (its invoke response already shows it).</param>
    public static OutboxMessage UpdateCards(string onwardId, ActingCard? acting = null) =>
        new(UpdateCardsKind, JsonSerializer.Serialize(new Payload(onwardId, null) { Acting = acting }));

    public static OutboxMessage SendStatus(string onwardId, string recipientObjectId) =>
        new(SendStatusKind, JsonSerializer.Serialize(new Payload(onwardId, recipientObjectId)));

    public static Payload Read(string json) => JsonSerializer.Deserialize<Payload>(json) ?? throw new InvalidDataException("Empty onward notification payload.");

    public sealed record Payload(string OnwardId, string? Recipient)
    {
        /// <summary>update-cards: the card acted on, skipped by the update.</summary>
        public ActingCard? Acting { get; init; }
    }
}
