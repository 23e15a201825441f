using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Graph.Notifications;

public sealed class LifecycleEndpointTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ReauthorizationRequired_renews_the_subscription_through_the_outbox()
    {
        using var host = new GraphNotificationHost();
        var (record, clientState) = await host.SubscribeAsync();
        host.Clock.Advance(TimeSpan.FromHours(5));

        using var response = await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record, clientState, "reauthorizationRequired"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = Assert.Single(await host.OutboxAsync(record.ProjectId));
        Assert.Equal(GraphNotificationKinds.RenewSubscription, row.Kind);
        Assert.Empty(host.Subscriptions.Renewed); // Not inline: Graph gets its answer first.

        await host.Dispatcher.SweepOnceAsync(CancellationToken.None);

        var renewed = Assert.Single(host.Subscriptions.Renewed);
        Assert.Equal(record.Id, renewed.Id);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromMinutes(4230), renewed.ExpiresAt);
        Assert.Equal(renewed.ExpiresAt, (await host.Store.FindAsync(record.Id, CancellationToken.None))!.ExpiresAt);
    }

    [Fact]
    public async Task Missed_enqueues_a_delta_sweep_for_that_organiser()
    {
        using var host = new GraphNotificationHost();
        var (record, clientState) = await host.SubscribeAsync();

        using var response = await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record, clientState, "missed"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var row = Assert.Single(await host.OutboxAsync(record.ProjectId));
        Assert.Equal(GraphNotificationKinds.DeltaSweep, row.Kind);
        var payload = JsonNode.Parse(row.Payload)!.AsObject();
        Assert.Equal(["organizerObjectId", "projectId"], payload.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(record.OrganizerObjectId, (string?)payload["organizerObjectId"]);

        host.Calendar.DeltaPages[string.Empty] = new([FakeCalendarGateway.Snapshot("ev-1")], null, "delta-1");
        await host.Dispatcher.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(record.OrganizerObjectId, Assert.Single(host.Calendar.DeltaCalls).Organizer);
        Assert.Equal("ev-1", Assert.Single(host.Sink.Applied).Snapshot.EventId);
    }

    [Fact]
    public async Task SubscriptionRemoved_creates_a_new_subscription_and_catches_up()
    {
        using var host = new GraphNotificationHost();
        var (record, clientState) = await host.SubscribeAsync();

        await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record, clientState, "subscriptionRemoved"));
        Assert.Equal(GraphNotificationKinds.RecreateSubscription, Assert.Single(await host.OutboxAsync(record.ProjectId)).Kind);
        await host.Dispatcher.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(2, host.Subscriptions.Created.Count);
        var current = await host.Store.FindByOrganizerAsync(record.OrganizerObjectId, CancellationToken.None);
        Assert.NotEqual(record.Id, current!.Id);
        Assert.Null(await host.Store.FindAsync(record.Id, CancellationToken.None));
        // The gap is covered by a delta sweep (enqueued by the recreation, delivered by the next sweep).
        await host.Dispatcher.SweepOnceAsync(CancellationToken.None);
        Assert.Single(host.Calendar.DeltaCalls);

        // The old subscription's clientState no longer opens anything.
        await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "ev-1"));
        Assert.Empty(await host.OutboxAsync(record.ProjectId));
    }

    [Fact]
    public async Task Lifecycle_events_follow_the_same_clientState_rules_and_replays_are_dropped()
    {
        using var host = new GraphNotificationHost();
        var (record, clientState) = await host.SubscribeAsync();

        await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record, "wrong", "subscriptionRemoved"));
        await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record with { Id = Guid.NewGuid().ToString() }, clientState, "missed"));
        await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record, clientState, "somethingNew"));
        Assert.Empty(await host.OutboxAsync(record.ProjectId));

        await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record, clientState, "missed"));
        await host.PostLifecycleAsync(GraphNotificationHost.Lifecycle(record, clientState, "missed"));
        Assert.Single(await host.OutboxAsync(record.ProjectId));
    }
}
