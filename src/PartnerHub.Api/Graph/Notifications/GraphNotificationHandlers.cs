using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Graph.Notifications;

/// <summary>"graph.event-changed": reads the event back from Graph and hands its current state to the sink.</summary>
public sealed class EventChangedHandler(ICalendarGateway calendar, ICalendarChangeSink sink) : IOutboxHandler
{
    public string Kind => GraphNotificationKinds.EventChanged;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = GraphPayloads.Read<EventChangedPayload>(delivery, p => p.ProjectId);
        if (!GraphPayloads.IsObjectId(payload.OrganizerObjectId) || !GraphPayloads.IsEventId(payload.EventId))
        {
            throw new OutboxDeliveryException("badPayload", permanent: true);
        }

        // Current state, not the notification's claim: a late or repeated delivery applies the same thing again.
        var snapshot = await calendar.GetEventAsync(payload.OrganizerObjectId, payload.EventId, cancellationToken)
            ?? CalendarSnapshots.Deleted(payload.EventId);
        await sink.ApplyAsync(payload.ProjectId, payload.OrganizerObjectId, snapshot, cancellationToken);
    }
}

/// <summary>"graph.delta-sweep": the organiser's delta sweep now (lifecycle "missed", or after a subscription lapsed).</summary>
public sealed class DeltaSweepHandler(CalendarDeltaSync sync) : IOutboxHandler
{
    public string Kind => GraphNotificationKinds.DeltaSweep;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = GraphPayloads.Read<OrganizerPayload>(delivery, p => p.ProjectId);
        if (!GraphPayloads.IsObjectId(payload.OrganizerObjectId))
        {
            throw new OutboxDeliveryException("badPayload", permanent: true);
        }

        await sync.SweepAsync(payload.ProjectId, payload.OrganizerObjectId, cancellationToken);
    }
}

/// <summary>"graph.subscription-renew": renew now (lifecycle reauthorizationRequired); recreated if Graph says 404.</summary>
public sealed class RenewSubscriptionHandler(SubscriptionManager manager) : IOutboxHandler
{
    public string Kind => GraphNotificationKinds.RenewSubscription;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = GraphPayloads.Read<SubscriptionPayload>(delivery, p => p.ProjectId);
        await manager.RenewAsync(payload.OrganizerObjectId, payload.SubscriptionId, cancellationToken);
    }
}

/// <summary>"graph.subscription-recreate": a new subscription in place of one Graph removed (lifecycle subscriptionRemoved).</summary>
public sealed class RecreateSubscriptionHandler(SubscriptionManager manager) : IOutboxHandler
{
    public string Kind => GraphNotificationKinds.RecreateSubscription;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var payload = GraphPayloads.Read<SubscriptionPayload>(delivery, p => p.ProjectId);
        await manager.RecreateAsync(payload.OrganizerObjectId, payload.SubscriptionId, cancellationToken);
    }
}

/// <summary>
/// Stands in for a handler whose Graph ports (or sink) are not registered in this deployment: the row is retried
/// with back-off and, if they never appear, kept as failed with code <c>graphNotConfigured</c>.
/// </summary>
internal sealed class UnconfiguredHandler(string kind) : IOutboxHandler
{
    public string Kind { get; } = kind;

    public Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken) =>
        throw new OutboxDeliveryException("graphNotConfigured");
}
