using System.Diagnostics.Metrics;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Graph.Notifications;

public enum NotificationChannel
{
    /// <summary>POST /api/graph/notifications: created, updated, deleted.</summary>
    Changes,

    /// <summary>POST /api/graph/lifecycle: reauthorizationRequired, subscriptionRemoved, missed.</summary>
    Lifecycle,
}

/// <summary>What became of the items of one POST (for tests and the metric; never shown to the caller).</summary>
public sealed record IntakeResult(int Enqueued, int Replayed, int Ignored, int Dropped);

/// <summary>
/// Turns the items of a notification POST into outbox rows. Each item is checked on its own: the subscription must
/// be one we created and not expired, the clientState must hash to its secret, the item must not be older than the
/// subscription, and only then does its (already-validated) subscription record decide the project and organiser.
/// Nothing from the item is trusted but the event id, which only ever leads to a read of that event on that
/// organiser's calendar. No Graph call happens here: Graph gets its answer within its 3 seconds.
/// </summary>
public sealed partial class GraphNotificationIntake(
    SubscriptionStore subscriptions,
    NotificationInbox inbox,
    IOutboxNudge nudge,
    TimeProvider time,
    IOptions<GraphNotificationOptions> options,
    ILogger<GraphNotificationIntake> logger)
{
    private const int MaxIdLength = 128;
    private const int MaxResourceLength = 1024;

    private static readonly Meter Meter = new(Telemetry.Name);
    private static readonly Counter<long> Items = Meter.CreateCounter<long>(
        "partnerhub.graph_notifications", description: "Graph notification items received, by channel and outcome.");

    private static readonly HashSet<string> ChangeTypes = new(StringComparer.Ordinal) { "created", "updated", "deleted" };

    public async Task<IntakeResult> AcceptAsync(NotificationChannel channel, JsonElement items, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var started = time.GetTimestamp();
        var known = new Dictionary<string, SubscriptionRecord?>(StringComparer.Ordinal);
        var entries = new List<OutboxEntry>();
        int enqueued = 0, replayed = 0, ignored = 0, dropped = 0, index = 0;

        foreach (var item in items.EnumerateArray())
        {
            if (index++ >= settings.MaxNotificationsPerRequest || time.GetElapsedTime(started) > settings.ResponseBudget)
            {
                dropped++;
                continue;
            }

            var outcome = await AcceptItemAsync(channel, item, known, entries, cancellationToken);
            Count(channel, outcome);
            switch (outcome)
            {
                case Outcome.Enqueued:
                    enqueued++;
                    break;
                case Outcome.Replayed:
                    replayed++;
                    break;
                default:
                    ignored++;
                    break;
            }
        }

        if (dropped > 0)
        {
            Items.Add(dropped, new KeyValuePair<string, object?>("channel", ChannelTag(channel)), new KeyValuePair<string, object?>("outcome", "dropped"));
            LogDropped(logger, dropped, settings.MaxNotificationsPerRequest);
        }

        // Nudges are best effort (the outbox sweep delivers anyway): never let them eat Graph's time limit.
        var remaining = settings.ResponseBudget - time.GetElapsedTime(started);
        using var nudgeBudget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        nudgeBudget.CancelAfter(remaining > TimeSpan.FromMilliseconds(250) ? remaining : TimeSpan.FromMilliseconds(250));
        await nudge.NudgeAsync(entries, nudgeBudget.Token);

        return new IntakeResult(enqueued, replayed, ignored, dropped);
    }

    private async Task<Outcome> AcceptItemAsync(
        NotificationChannel channel, JsonElement item, Dictionary<string, SubscriptionRecord?> known, List<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        if (item.ValueKind != JsonValueKind.Object || String(item, "subscriptionId") is not { Length: > 0 and <= MaxIdLength } subscriptionId)
        {
            LogMalformed(logger);
            return Outcome.Malformed;
        }

        if (!known.TryGetValue(subscriptionId, out var subscription))
        {
            subscription = await subscriptions.FindAsync(subscriptionId, cancellationToken);
            known[subscriptionId] = subscription;
        }

        if (subscription is null)
        {
            LogUnknownSubscription(logger, Loggable(subscriptionId));
            return Outcome.UnknownSubscription;
        }

        if (!ClientStateSecret.Matches(subscription.ClientStateHash, String(item, "clientState")))
        {
            LogWrongClientState(logger, subscription.Id);
            return Outcome.WrongClientState;
        }

        var now = time.GetUtcNow();
        var skew = options.Value.ClockSkew;
        if (subscription.ExpiresAt < now - skew)
        {
            // We did not renew it, so Graph has stopped: whatever claims to come from it is not a live delivery.
            LogStale(logger, subscription.Id, "subscriptionExpired");
            return Outcome.Stale;
        }

        // Every delivery states the subscription's expiry at the time it was sent. One that says the subscription had
        // already expired, or expired before this subscription was even created, is a recording played back.
        if (item.TryGetProperty("subscriptionExpirationDateTime", out var stated) &&
            stated.ValueKind == JsonValueKind.String && stated.TryGetDateTimeOffset(out var statedExpiry) &&
            (statedExpiry < subscription.CreatedAt || statedExpiry < now - skew))
        {
            LogStale(logger, subscription.Id, "olderThanSubscription");
            return Outcome.Stale;
        }

        string changeType;
        string resource;
        OutboxMessage message;
        if (channel == NotificationChannel.Changes)
        {
            changeType = String(item, "changeType") ?? string.Empty;
            resource = String(item, "resource") ?? string.Empty;
            var eventId = item.TryGetProperty("resourceData", out var data) && data.ValueKind == JsonValueKind.Object ? String(data, "id") : null;
            if (!ChangeTypes.Contains(changeType) || resource.Length > MaxResourceLength || !GraphPayloads.IsEventId(eventId))
            {
                LogIgnoredItem(logger, subscription.Id, "unexpectedChange");
                return Outcome.Malformed;
            }

            message = GraphPayloads.EventChanged(subscription.ProjectId, subscription.OrganizerObjectId, eventId!);
        }
        else
        {
            changeType = String(item, "lifecycleEvent") ?? string.Empty;
            resource = subscription.Resource;
            OutboxMessage? lifecycle = changeType switch
            {
                "reauthorizationRequired" => GraphPayloads.Subscription(GraphNotificationKinds.RenewSubscription, subscription.ProjectId, subscription.OrganizerObjectId, subscription.Id),
                "subscriptionRemoved" => GraphPayloads.Subscription(GraphNotificationKinds.RecreateSubscription, subscription.ProjectId, subscription.OrganizerObjectId, subscription.Id),
                "missed" => GraphPayloads.DeltaSweep(subscription.ProjectId, subscription.OrganizerObjectId),
                _ => null,
            };
            if (lifecycle is null)
            {
                LogIgnoredItem(logger, subscription.Id, "unknownLifecycleEvent");
                return Outcome.Malformed;
            }

            message = lifecycle;
        }

        var key = NotificationInbox.Key(subscription.Id, resource, changeType, Encoding.UTF8.GetBytes(item.GetRawText()));
        var entry = await inbox.EnqueueOnceAsync(subscription.ProjectId, key, message, cancellationToken);
        if (entry is null)
        {
            LogReplay(logger, subscription.Id);
            return Outcome.Replayed;
        }

        entries.Add(entry);
        LogEnqueued(logger, subscription.ProjectId, subscription.Id, message.Kind, entry.RowKey);
        return Outcome.Enqueued;
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Graph subscription ids are GUIDs: only a GUID, re-formatted, goes into a log line.</summary>
    private static string Loggable(string subscriptionId) =>
        Guid.TryParse(subscriptionId, out var id) ? id.ToString("D") : "(not a subscription id)";

    private static string ChannelTag(NotificationChannel channel) => channel == NotificationChannel.Changes ? "changes" : "lifecycle";

    private static void Count(NotificationChannel channel, Outcome outcome) =>
        Items.Add(1, new KeyValuePair<string, object?>("channel", ChannelTag(channel)), new KeyValuePair<string, object?>("outcome", outcome.ToString()));

    private enum Outcome
    {
        Enqueued,
        Replayed,
        Malformed,
        UnknownSubscription,
        WrongClientState,
        Stale,
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph notification ignored: not a notification item")]
    private static partial void LogMalformed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph notification ignored: subscription {SubscriptionId} is not one PartnerHub created")]
    private static partial void LogUnknownSubscription(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph notification ignored: clientState does not match subscription {SubscriptionId}")]
    private static partial void LogWrongClientState(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph notification ignored for subscription {SubscriptionId}: {Reason}")]
    private static partial void LogStale(ILogger logger, string subscriptionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Graph notification ignored for subscription {SubscriptionId}: {Reason}")]
    private static partial void LogIgnoredItem(ILogger logger, string subscriptionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Graph notification for subscription {SubscriptionId} already seen: dropped as a replay")]
    private static partial void LogReplay(ILogger logger, string subscriptionId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Graph notification for subscription {SubscriptionId} enqueued as {Kind} ({ProjectId}/{RowKey})")]
    private static partial void LogEnqueued(ILogger logger, string projectId, string subscriptionId, string kind, string rowKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Dropped} Graph notification items dropped (over {Limit} per request or over the response budget); the delta sweep covers them")]
    private static partial void LogDropped(ILogger logger, int dropped, int limit);
}
