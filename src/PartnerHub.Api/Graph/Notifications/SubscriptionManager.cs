using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Graph.Notifications;

public enum RenewalOutcome
{
    /// <summary>Graph extended the subscription.</summary>
    Renewed,

    /// <summary>Graph no longer had it: a new one was created (and a delta sweep enqueued for the gap).</summary>
    Recreated,

    /// <summary>The subscription is no longer the organiser's current one: nothing to do.</summary>
    NotCurrent,

    /// <summary>Another instance holds the organiser's claim (it is renewing or recreating her subscription): nothing done here.</summary>
    InProgress,
}

/// <summary>What one renewal pass did; <paramref name="InProgress"/>: due, but another instance had claimed it.</summary>
public sealed record RenewalPass(int Renewed, int Recreated, int Failed, int InProgress = 0);

/// <summary>
/// One subscription per coordinator (for all her projects) on /users/{id}/events (created, updated, deleted), with a fresh random
/// clientState each time one is created. Creates, renews, and recreates what Graph has dropped; every lapse is
/// followed by a delta sweep, so changes made while no subscription was listening are still picked up.
/// </summary>
public sealed partial class SubscriptionManager(
    SubscriptionStore store,
    ISubscriptionGateway gateway,
    NotificationInbox inbox,
    ProjectRegistry registry,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    TableStore tables,
    IOptions<GraphNotificationOptions> options,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<SubscriptionManager> logger)
{
    public const string ChangeTypes = "created,updated,deleted";

    /// <summary>
    /// How long one renewal or recreation holds the organiser's claim: longer than its Graph calls can take with their
    /// retries. A claim left by an instance that died is taken over when it runs out.
    /// </summary>
    public static readonly TimeSpan ClaimDuration = TimeSpan.FromMinutes(5);

    public static string ResourceFor(string organizerObjectId) => "/users/" + organizerObjectId + "/events";

    /// <summary>
    /// The organiser's subscription: the current one while it has not expired, otherwise a new one. One subscription on
    /// her events serves every project she coordinates: its record names the project it was made for (where its outbox
    /// rows live), and the sink finds each event's project by keyed reads. Asking for another of her projects returns
    /// the same subscription and registers that project with the outbox, whose rows the changes there will cause.
    /// </summary>
    public async Task<SubscriptionRecord> EnsureAsync(string projectId, string organizerObjectId, CancellationToken cancellationToken)
    {
        OutboxKeys.ValidateProjectId(projectId);
        if (!GraphPayloads.IsObjectId(organizerObjectId))
        {
            throw new ArgumentException("Not an Entra object id.", nameof(organizerObjectId));
        }

        var index = await store.FindIndexAsync(organizerObjectId, cancellationToken);
        var current = index is null ? null : await store.FindAsync(index.SubscriptionId, cancellationToken);
        if (current is not null && current.ExpiresAt > time.GetUtcNow() + options.Value.ClockSkew)
        {
            if (!string.Equals(current.ProjectId, projectId, StringComparison.Ordinal))
            {
                await registry.RegisterAsync(projectId, cancellationToken);
            }

            return current;
        }

        // The outbox sweep visits registered projects only; the rows this subscription causes live in this one.
        await registry.RegisterAsync(projectId, cancellationToken);
        var created = await CreateAndSwapAsync(projectId, organizerObjectId, index, current, cancellationToken);
        if (current is not null)
        {
            // It lapsed: whatever changed meanwhile was never notified.
            await EnqueueSweepAsync(projectId, organizerObjectId, cancellationToken);
        }

        return created;
    }

    /// <summary>Renews the organiser's current subscription now (lifecycle reauthorizationRequired); recreates it on 404.</summary>
    public async Task<RenewalOutcome> RenewAsync(string organizerObjectId, string subscriptionId, CancellationToken cancellationToken)
    {
        var index = await store.FindIndexAsync(organizerObjectId, cancellationToken);
        if (index is null || !string.Equals(index.SubscriptionId, subscriptionId, StringComparison.Ordinal))
        {
            return RenewalOutcome.NotCurrent;
        }

        var current = await store.FindAsync(subscriptionId, cancellationToken);
        return await ClaimedAsync(
            index,
            claimed => current is null ? RecreateCoreAsync(claimed, null, cancellationToken) : RenewCoreAsync(claimed, current, cancellationToken),
            cancellationToken);
    }

    /// <summary>Creates a new subscription in place of one Graph removed (lifecycle subscriptionRemoved).</summary>
    public async Task<RenewalOutcome> RecreateAsync(string organizerObjectId, string subscriptionId, CancellationToken cancellationToken)
    {
        var index = await store.FindIndexAsync(organizerObjectId, cancellationToken);
        if (index is null || !string.Equals(index.SubscriptionId, subscriptionId, StringComparison.Ordinal))
        {
            return RenewalOutcome.NotCurrent;
        }

        var current = await store.FindAsync(subscriptionId, cancellationToken);
        return await ClaimedAsync(index, claimed => RecreateCoreAsync(claimed, current, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// One pass of the renewal loop: every coordinator's subscription with less than RenewBefore left is renewed,
    /// an expired or vanished one recreated; then each project's expired replay keys are purged.
    /// </summary>
    public async Task<RenewalPass> RenewDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        int renewed = 0, recreated = 0, failed = 0, inProgress = 0;
        var projects = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var index in store.ListOrganizersAsync(cancellationToken))
        {
            projects.Add(index.ProjectId);
            try
            {
                // The index (from the listing) is read before the subscription: a renewal recorded after our index read
                // changed the index (claim), so our claim below fails; one recorded before it shows in the expiry read here.
                var now = time.GetUtcNow();
                var current = await store.FindAsync(index.SubscriptionId, cancellationToken);
                RenewalOutcome? outcome = current is null || current.ExpiresAt <= now
                    ? await ClaimedAsync(index, claimed => RecreateCoreAsync(claimed, current, cancellationToken), cancellationToken)
                    : current.ExpiresAt - now < settings.RenewBefore
                        ? await ClaimedAsync(index, claimed => RenewCoreAsync(claimed, current, cancellationToken), cancellationToken)
                        : null;
                renewed += outcome == RenewalOutcome.Renewed ? 1 : 0;
                recreated += outcome == RenewalOutcome.Recreated ? 1 : 0;
                inProgress += outcome == RenewalOutcome.InProgress ? 1 : 0;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One coordinator's trouble must not stop the others' renewals; the next pass retries.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failed++;
                LogRenewalFailed(logger, index.ProjectId, index.SubscriptionId, e.GetType().Name);
            }
        }

        foreach (var projectId in projects)
        {
            try
            {
                await inbox.PurgeExpiredAsync(projectId, cancellationToken);
            }
            catch (Azure.RequestFailedException e)
            {
                LogPurgeFailed(logger, projectId, e.Status);
            }
        }

        return new RenewalPass(renewed, recreated, failed, inProgress);
    }

    /// <summary>
    /// Runs <paramref name="work"/> (one renewal or recreation, which calls Graph) only if this caller claims the
    /// organiser's index row first, conditional on the index read: of two instances at once exactly one calls Graph.
    /// A renewal then ends the claim; a recreation's new index row has already dropped it.
    /// </summary>
    private async Task<RenewalOutcome> ClaimedAsync(OrganizerIndex index, Func<OrganizerIndex, Task<RenewalOutcome>> work, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var claimed = index.ClaimedUntil > now ? null : await store.TryClaimAsync(index, now + ClaimDuration, cancellationToken);
        if (claimed is null)
        {
            LogInProgress(logger, index.ProjectId, index.SubscriptionId);
            return RenewalOutcome.InProgress;
        }

        var outcome = await work(claimed);
        if (outcome != RenewalOutcome.Recreated)
        {
            await store.ReleaseClaimAsync(claimed, time.GetUtcNow(), cancellationToken);
        }

        return outcome;
    }

    private async Task<RenewalOutcome> RenewCoreAsync(OrganizerIndex index, SubscriptionRecord current, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        GraphSubscription renewed;
        try
        {
            renewed = await gateway.RenewAsync(current.Id, now + options.Value.SubscriptionLifetime, cancellationToken);
        }
        catch (Exception e) when (GraphErrors.IsNotFound(e))
        {
            LogGone(logger, current.ProjectId, current.Id);
            return await RecreateCoreAsync(index, current, cancellationToken);
        }

        if (!await store.TryUpdateExpiryAsync(current, renewed.ExpiresAt, now, cancellationToken))
        {
            LogRenewalRaced(logger, current.ProjectId, current.Id);
        }

        LogRenewed(logger, current.ProjectId, current.Id, renewed.ExpiresAt);
        return RenewalOutcome.Renewed;
    }

    private async Task<RenewalOutcome> RecreateCoreAsync(OrganizerIndex index, SubscriptionRecord? current, CancellationToken cancellationToken)
    {
        var projectId = current?.ProjectId ?? index.ProjectId;
        await CreateAndSwapAsync(projectId, index.OrganizerObjectId, index, current, cancellationToken);
        await EnqueueSweepAsync(projectId, index.OrganizerObjectId, cancellationToken);
        return RenewalOutcome.Recreated;
    }

    private async Task<SubscriptionRecord> CreateAndSwapAsync(
        string projectId, string organizerObjectId, OrganizerIndex? index, SubscriptionRecord? replacing, CancellationToken cancellationToken)
    {
        var (notificationUrl, lifecycleUrl) = options.Value.CallbackUrls(environment.IsDevelopment());
        var clientState = ClientStateSecret.New();
        var now = time.GetUtcNow();
        var resource = ResourceFor(organizerObjectId);
        var created = await gateway.CreateAsync(resource, ChangeTypes, notificationUrl, lifecycleUrl, clientState, now + options.Value.SubscriptionLifetime, cancellationToken);
        var record = new SubscriptionRecord(created.Id, projectId, organizerObjectId, resource, created.ExpiresAt, now, now, ClientStateSecret.Hash(clientState));
        if (!await store.TrySaveNewAsync(record, index, cancellationToken))
        {
            // Another instance replaced the index first: its subscription stands, ours goes.
            LogLostRace(logger, projectId, created.Id);
            await TryDeleteAtGraphAsync(created.Id, cancellationToken);
            return await store.FindByOrganizerAsync(organizerObjectId, cancellationToken)
                ?? throw new InvalidOperationException("The organiser's subscription changed while it was being created; try again.");
        }

        if (replacing is not null && !string.Equals(replacing.Id, created.Id, StringComparison.Ordinal))
        {
            await store.DeleteAsync(replacing.Id, cancellationToken);
        }

        LogCreated(logger, projectId, created.Id, created.ExpiresAt);
        return record;
    }

    private async Task TryDeleteAtGraphAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await gateway.DeleteAsync(subscriptionId, cancellationToken);
        }
#pragma warning disable CA1031 // Best effort: an unowned subscription expires by itself and its notifications are ignored as unknown.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            LogDeleteFailed(logger, subscriptionId, e.GetType().Name);
        }
    }

    private async Task EnqueueSweepAsync(string projectId, string organizerObjectId, CancellationToken cancellationToken)
    {
        var entry = outbox.Create(projectId, GraphPayloads.DeltaSweep(projectId, organizerObjectId));
        await tables.Table(TableNames.Main).CommitAsync([entry.Action], cancellationToken);
        await nudge.NudgeAsync([entry], cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph subscription {SubscriptionId} created for project {ProjectId}, expires {ExpiresAt:O}")]
    private static partial void LogCreated(ILogger logger, string projectId, string subscriptionId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph subscription {SubscriptionId} of project {ProjectId} renewed until {ExpiresAt:O}")]
    private static partial void LogRenewed(ILogger logger, string projectId, string subscriptionId, DateTimeOffset expiresAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph subscription {SubscriptionId} of project {ProjectId} is gone at Graph: creating a new one")]
    private static partial void LogGone(ILogger logger, string projectId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph subscription {SubscriptionId} of project {ProjectId} changed while being renewed; the next pass looks again")]
    private static partial void LogRenewalRaced(ILogger logger, string projectId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Graph subscription {SubscriptionId} of project {ProjectId} is being renewed or recreated by another instance")]
    private static partial void LogInProgress(ILogger logger, string projectId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph subscription {SubscriptionId} for project {ProjectId} lost a race with another instance: deleting it")]
    private static partial void LogLostRace(ILogger logger, string projectId, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Deleting Graph subscription {SubscriptionId} failed ({ErrorType}); it expires by itself")]
    private static partial void LogDeleteFailed(ILogger logger, string subscriptionId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing Graph subscription {SubscriptionId} of project {ProjectId} failed ({ErrorType}); retrying next pass")]
    private static partial void LogRenewalFailed(ILogger logger, string projectId, string subscriptionId, string errorType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired notification keys of project {ProjectId} failed (storage {Status})")]
    private static partial void LogPurgeFailed(ILogger logger, string projectId, int status);
}
