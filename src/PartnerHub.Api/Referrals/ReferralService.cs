using System.Text.Json;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <param name="Errors">For <see cref="ChangeOutcome.InvalidInput"/>: the field and the reason code (e.g. <c>motherId</c>: <c>unknownValue</c>).</param>
public sealed record ChangeResult(ChangeOutcome Outcome, StoredReferral? Current, IReadOnlyDictionary<string, string>? Errors = null);

public sealed record SubmitResult(StoredReferral? Referral, IReadOnlyDictionary<string, string> Errors, bool Duplicate, bool Forbidden);

/// <param name="NextToken">The next page's token, protected for this person and list (<see cref="ContinuationTokens"/>).</param>
/// <param name="TokenRefused">The token asked for was edited, made up or made for someone else: nothing was listed.</param>
public sealed record ReferralPage(IReadOnlyList<StoredReferral> Items, string? NextToken, bool TokenRefused = false);

/// <summary>An open state's board column: its oldest referrals, oldest first, and how many the state holds.</summary>
/// <param name="Count">The referrals in the state, counted by their index keys.</param>
/// <param name="CountedAll">False when the state holds more than <see cref="ReferralService.CountedAtMost"/>: then
/// <paramref name="Count"/> is that bound and <paramref name="Oldest"/> are the oldest of the newest that many.</param>
public sealed record ReferralsInState(IReadOnlyList<StoredReferral> Oldest, int Count, bool CountedAll);

/// <summary>
/// The referral workflow's application layer, shared by card actions and REST: reads, checks access and state through
/// Core, commits one transaction (referral, indexes, idempotency row, outbox rows), nudges the dispatcher, audits.
/// It never calls Teams itself: notifications go through the outbox.
/// </summary>
public sealed class ReferralService(
    ReferralStore referrals,
    CardLocationStore cards,
    OnwardStore onwards,
    DirectoryStore directory,
    ProjectStore projects,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    AuditLog audit,
    ContinuationTokens tokens,
    TimeProvider time,
    ReferralChangeSignal signal)
{
    public const string RecordType = "referral";

    /// <summary>The list a continuation token belongs to; the index the person may list is part of it.</summary>
    private const string ListName = "referrals";

    public async Task<SubmitResult> SubmitAsync(Actor actor, ReferralFormInput input, string requestId, CardLocation? referrerCard, CancellationToken cancellationToken)
    {
        if (!ReferralAccess.Allows(actor, ReferralAction.Create, null))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(ReferralAction.Create), RecordType, "-", allowed: false, cancellationToken);
            return new SubmitResult(null, new Dictionary<string, string>(), Duplicate: false, Forbidden: true);
        }

        var project = await projects.FindAsync(actor.ProjectId, cancellationToken)
            ?? throw new InvalidOperationException("The actor's project does not exist.");
        var now = time.GetUtcNow();
        var (form, errors) = ReferralForm.Validate(input, project.Areas, actor.ObjectId, CopenhagenTime.DateOf(now));
        if (form is null)
        {
            return new SubmitResult(null, errors, Duplicate: false, Forbidden: false);
        }

        var idempotencyKey = "submit|" + actor.ObjectId + "|" + requestId;
        var referral = Referral.Submit(ReferralIds.New(), actor, form.Person, form.Needs, form.Consent, now);
        var coordinators = await directory.MembersAsync(actor.ProjectId, ProjectRole.Coordinator, cancellationToken);
        var messages = coordinators
            .Select(coordinator => outbox.Create(actor.ProjectId, ReferralNotifications.SendCard(referral.Id, coordinator.ObjectId)))
            .ToList();
        var extra = messages.Select(m => m.Action).ToList();
        if (referrerCard is not null)
        {
            extra.AddRange(cards.Upserts(actor.ProjectId, CardKind.Referral, referral.Id, referrerCard));
        }

        try
        {
            // Nobody else holds a card of it yet and it has no onward referral: known without reading.
            var stored = await referrals.CreateAsync(referral, idempotencyKey, extra, ReferralBeside.New(referrerCard), cancellationToken);
            signal.Raise(actor.ProjectId, referral.Id);
            await nudge.NudgeAsync(messages, cancellationToken);
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(ReferralAction.Create), RecordType, referral.Id, allowed: true, cancellationToken);
            return new SubmitResult(stored, errors, Duplicate: false, Forbidden: false);
        }
        catch (DuplicateRequestException)
        {
            var existingId = await referrals.ReferralIdForAsync(actor.ProjectId, idempotencyKey, cancellationToken);
            var existing = existingId is null ? null : await referrals.FindAsync(actor.ProjectId, existingId, cancellationToken);
            return new SubmitResult(existing, errors, Duplicate: true, Forbidden: false);
        }
    }

    /// <param name="actingCard">The card she acted on, if any: it shows this referral from now on, recorded in the change's transaction.</param>
    public async Task<ChangeResult> ChangeAsync(Actor actor, string referralId, string? expectedVersion, ReferralCommand command, CardLocation? actingCard, CancellationToken cancellationToken)
    {
        using var span = Telemetry.Source.StartActivity("referral change");
        span?.SetTag("partnerhub.project", actor.ProjectId);
        span?.SetTag("partnerhub.referral", ReferralIds.IsValid(referralId) ? referralId : "invalid");
        span?.SetTag("partnerhub.action", command.Action.ToString());
        var result = await ChangeCoreAsync(actor, referralId, expectedVersion, command, actingCard, cancellationToken);
        span?.SetTag("partnerhub.outcome", result.Outcome.ToString());
        Telemetry.ReferralChanges.Add(1, new KeyValuePair<string, object?>("action", command.Action.ToString()), new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
        return result;
    }

    private async Task<ChangeResult> ChangeCoreAsync(Actor actor, string referralId, string? expectedVersion, ReferralCommand command, CardLocation? actingCard, CancellationToken cancellationToken)
    {
        var action = command.Action.ToString();
        // With the rows beside it, so the answer's card needs no second read (its holders, whether it has onward referrals).
        var stored = await referrals.FindWithBesideAsync(actor.ProjectId, referralId, cancellationToken);
        if (stored is null)
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, Safe(referralId), allowed: false, cancellationToken);
            return new ChangeResult(ChangeOutcome.NotFound, null);
        }

        if (!ReferralAccess.Allows(actor, command.Action, stored.Referral))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, referralId, allowed: false, cancellationToken);
            // A stranger learns nothing, not even that the referral exists.
            return new ChangeResult(ChangeOutcome.Forbidden, null);
        }

        // Only the same person sending the same command from the same version is a retry; anything else is a lost race.
        var idempotencyKey = "change|" + ChangeFingerprint.Of(actor.ObjectId, referralId, expectedVersion, action, command);
        if (expectedVersion is not null && expectedVersion != stored.Version)
        {
            var outcome = await referrals.WasAppliedAsync(actor.ProjectId, idempotencyKey, cancellationToken) ? ChangeOutcome.Duplicate : ChangeOutcome.Stale;
            return new ChangeResult(outcome, stored);
        }

        if (command is AssignReferral { MotherObjectId: var motherId }
            && await directory.FindMemberAsync(actor.ProjectId, motherId, cancellationToken) is not { Role: ProjectRole.NeighbourhoodMother })
        {
            // Only a neighbourhood mother of this project: checked here, so no entry point (card or REST) can skip it.
            return new ChangeResult(ChangeOutcome.InvalidInput, stored, new Dictionary<string, string> { ["motherId"] = ReferralForm.Errors.UnknownValue });
        }

        if (command is RectifyReferral rectify)
        {
            // A correction is checked against her details as stored; the fingerprint above is of what was sent.
            var (corrected, refusal) = await CorrectionAsync(actor, stored, rectify, cancellationToken);
            if (corrected is null)
            {
                return refusal!;
            }

            command = corrected;
        }

        var now = time.GetUtcNow();
        var result = ReferralWorkflow.Apply(stored.Referral, command, actor, now);
        if (!result.Succeeded)
        {
            return new ChangeResult(
                result.Error switch
                {
                    TransitionError.Forbidden => ChangeOutcome.Forbidden,
                    TransitionError.InvalidInput => ChangeOutcome.InvalidInput,
                    _ => ChangeOutcome.InvalidTransition,
                },
                stored);
        }

        var after = result.Referral!;
        var messages = new List<OutboxEntry>();
        if (after.State == ReferralState.Assigned && after.AssignedMotherId != stored.Referral.AssignedMotherId)
        {
            messages.Add(outbox.Create(actor.ProjectId, ReferralNotifications.SendCard(after.Id, after.AssignedMotherId!)));
        }

        // Every change refreshes every card that shows this referral (referrer, coordinators, mother), except the one
        // she acted on: its invoke response already shows the change.
        messages.Add(outbox.Create(actor.ProjectId, ReferralNotifications.UpdateCards(after.Id, actingCard?.AsActing())));
        if (after.ErasedAt is not null && stored.Referral.ErasedAt is null)
        {
            // Erased: the services she was referred on to must stop showing her name too.
            messages.AddRange((await OnwardCardUpdatesAsync(actor.ProjectId, after.Id, cancellationToken)).Select(m => outbox.Create(actor.ProjectId, m)));
        }

        try
        {
            // The card she acted on shows this referral from now on: recorded with the change, or not at all.
            var extra = messages.Select(m => m.Action).ToList();
            if (actingCard is not null)
            {
                extra.AddRange(cards.Upserts(actor.ProjectId, CardKind.Referral, referralId, actingCard));
            }

            var updated = await referrals.UpdateAsync(stored, after, idempotencyKey, extra, cancellationToken);
            signal.Raise(actor.ProjectId, referralId);
            await nudge.NudgeAsync(messages, cancellationToken);
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, referralId, allowed: true, cancellationToken);
            return new ChangeResult(ChangeOutcome.Changed, updated with { Beside = stored.Beside?.With(actingCard) });
        }
        catch (ReferralConflictException)
        {
            return new ChangeResult(ChangeOutcome.Conflict, await referrals.FindWithBesideAsync(actor.ProjectId, referralId, cancellationToken));
        }
        catch (DuplicateRequestException)
        {
            return new ChangeResult(ChangeOutcome.Duplicate, await referrals.FindWithBesideAsync(actor.ProjectId, referralId, cancellationToken));
        }
    }

    /// <summary>Her details with the correction applied, or the refusal: erased, invalid, or a field she may not correct.</summary>
    private async Task<(CorrectedPerson? Corrected, ChangeResult? Refusal)> CorrectionAsync(Actor actor, StoredReferral stored, RectifyReferral rectify, CancellationToken cancellationToken)
    {
        if (ReferralVisibility.IsErased(stored.Referral) || stored.Referral.Person is null || stored.Referral.Consent is null)
        {
            return (null, new ChangeResult(ChangeOutcome.InvalidTransition, stored));
        }

        var project = await projects.FindAsync(actor.ProjectId, cancellationToken)
            ?? throw new InvalidOperationException("The actor's project does not exist.");
        var (corrected, errors) = ReferralCorrection.Validate(stored.Referral, rectify.Input, project.Areas);
        var refused = corrected is null ? errors : ReferralCorrection.Refused(actor, stored.Referral, corrected);
        return refused.Count > 0 ? (null, new ChangeResult(ChangeOutcome.InvalidInput, stored, refused)) : (corrected, null);
    }

    /// <summary>Reads one referral for a view, checking and auditing access. Null when absent or not allowed.</summary>
    public async Task<StoredReferral?> ReadAsync(Actor actor, string referralId, ReferralAction view, CancellationToken cancellationToken)
    {
        var stored = await referrals.FindWithBesideAsync(actor.ProjectId, referralId, cancellationToken);
        var allowed = stored is not null && ReferralAccess.Allows(actor, view, stored.Referral);
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, view.ToString(), RecordType, Safe(referralId), allowed, cancellationToken);
        return allowed ? stored : null;
    }

    /// <summary>"My referrals": the coordinator's whole project, the mother's assignments, the partner's organisation's referrals.</summary>
    public async Task<ReferralPage> ListAsync(Actor actor, string? pageToken, int pageSize, CancellationToken cancellationToken)
    {
        var index = actor.Role switch
        {
            ProjectRole.Coordinator => ReferralStore.ByTime,
            ProjectRole.NeighbourhoodMother => ReferralStore.MotherIndex(actor.ObjectId),
            ProjectRole.PartnerStaff when actor.OrganisationId is not null => ReferralStore.PartnerIndex(actor.OrganisationId),
            _ => null,
        };
        if (index is null || !ReferralAccess.Allows(actor, ReferralAction.List, null))
        {
            return new ReferralPage([], null);
        }

        string? storageToken = null;
        if (!string.IsNullOrEmpty(pageToken) && (storageToken = tokens.Unprotect(actor, ListName + "|" + index, pageToken)) is null)
        {
            return new ReferralPage([], null, TokenRefused: true);
        }

        var (ids, next) = await referrals.PageAsync(actor.ProjectId, index, pageSize, storageToken, cancellationToken);
        // The index names the page's referrals; each is read by its key, a few at once, and checked against what she may see.
        var read = await KeyedReads.InOrderAsync(ids, (id, token) => referrals.FindAsync(actor.ProjectId, id, token), cancellationToken);
        var items = read.OfType<StoredReferral>().Where(stored => ReferralAccess.Allows(actor, ReferralAction.ViewStatus, stored.Referral)).ToList();

        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(ReferralAction.List), RecordType, "-", allowed: true, cancellationToken);
        return new ReferralPage(items, next is null ? null : tokens.Protect(actor, ListName + "|" + index, next));
    }

    /// <summary>
    /// How many keys of one state's index the board's open columns count at most: a page of 1,000 keys holds any real
    /// project's open referrals (a year of them is a few hundred), so this only bounds a backlog gone wrong, at five pages.
    /// </summary>
    public const int CountedAtMost = 5_000;

    /// <summary>
    /// The coordinator's board column of an ended state: the newest <paramref name="max"/> referrals in it, from the
    /// project's by-state index and each read by its key (no scan), checked against what she may see; audited as a list.
    /// </summary>
    /// <returns>The referrals, and whether the index holds more than were read.</returns>
    public async Task<(IReadOnlyList<StoredReferral> Items, bool More)> ListInStateAsync(Actor actor, ReferralState state, int max, CancellationToken cancellationToken)
    {
        if (!MayReadBoard(actor))
        {
            return ([], false);
        }

        var (ids, next) = await referrals.PageAsync(actor.ProjectId, ReferralStore.StateIndex(state), max, null, cancellationToken);
        return (await ReadInStateAsync(actor, state, ids, cancellationToken), next is not null);
    }

    /// <summary>
    /// The coordinator's board column of an open state: the oldest <paramref name="max"/> referrals in it, oldest first,
    /// and how many it holds. The state's index is read by its keys only (<see cref="ReferralStore.IdsInStateAsync"/>,
    /// at most <see cref="CountedAtMost"/>) and counted; the oldest of them are read by key and checked as the list is.
    /// </summary>
    public async Task<ReferralsInState> OldestInStateAsync(Actor actor, ReferralState state, int max, CancellationToken cancellationToken)
    {
        if (!MayReadBoard(actor))
        {
            return new ReferralsInState([], 0, CountedAll: true);
        }

        var (newestFirst, all) = await referrals.IdsInStateAsync(actor.ProjectId, state, CountedAtMost, cancellationToken);
        var oldest = newestFirst.Reverse().Take(max).ToList();
        return new ReferralsInState(await ReadInStateAsync(actor, state, oldest, cancellationToken), newestFirst.Count, all);
    }

    /// <summary>Only a coordinator reads the board: a whole state of the project.</summary>
    private static bool MayReadBoard(Actor actor) => actor.Role == ProjectRole.Coordinator && ReferralAccess.Allows(actor, ReferralAction.List, null);

    /// <summary>The referrals the index named, each read by its key, still in the state and hers to see; audited as a list.</summary>
    private async Task<IReadOnlyList<StoredReferral>> ReadInStateAsync(Actor actor, ReferralState state, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var read = await KeyedReads.InOrderAsync(ids, (id, token) => referrals.FindAsync(actor.ProjectId, id, token), cancellationToken);
        var items = read.OfType<StoredReferral>().Where(stored => stored.Referral.State == state && ReferralAccess.Allows(actor, ReferralAction.ViewDetails, stored.Referral)).ToList();
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, nameof(ReferralAction.List), RecordType, "state-" + state, allowed: true, cancellationToken);
        return items;
    }

    /// <summary>The outbox messages that update every onward card of a referral, for an erasure.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OnwardCardUpdatesAsync(string projectId, string referralId, CancellationToken cancellationToken) =>
        (await onwards.ForReferralAsync(projectId, referralId, cancellationToken)).Select(o => OnwardNotifications.UpdateCards(o.OnwardId)).ToList();

    /// <summary>Ids from outside go into the audit only when they look like ours.</summary>
    private static string Safe(string referralId) => ReferralIds.IsValid(referralId) ? referralId : "invalid";
}

/// <summary>The outbox messages the referral workflow causes. Payloads carry ids only.</summary>
public static class ReferralNotifications
{
    public const string SendCardKind = "referral.send-card";
    public const string UpdateCardsKind = "referral.update-cards";

    public static OutboxMessage SendCard(string referralId, string recipientObjectId) =>
        new(SendCardKind, JsonSerializer.Serialize(new Payload(referralId, recipientObjectId)));

    /// <param name="acting">The card the change was made on, which the update skips (its invoke response already shows it).</param>
    public static OutboxMessage UpdateCards(string referralId, ActingCard? acting = null) =>
        new(UpdateCardsKind, JsonSerializer.Serialize(new Payload(referralId, null) { Acting = acting }));

    public static Payload Read(string json) => JsonSerializer.Deserialize<Payload>(json) ?? throw new InvalidDataException("Empty referral notification payload.");

    public sealed record Payload(string ReferralId, string? Recipient)
    {
        /// <summary>update-cards: the card acted on, skipped by the update.</summary>
        public ActingCard? Acting { get; init; }
    }
}
