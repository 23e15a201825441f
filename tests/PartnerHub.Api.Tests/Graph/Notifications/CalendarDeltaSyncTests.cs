using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Graph.Notifications;

public sealed class CalendarDeltaSyncTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_sweep_pages_through_next_links_applies_every_event_and_stores_the_delta_link()
    {
        using var host = new GraphNotificationHost();
        var (record, _) = await host.SubscribeAsync();
        host.Calendar.DeltaPages[string.Empty] = new([FakeCalendarGateway.Snapshot("ev-1"), FakeCalendarGateway.Snapshot("ev-2")], "https://graph.example/next-1", null);
        host.Calendar.DeltaPages["https://graph.example/next-1"] = new([FakeCalendarGateway.Snapshot("ev-3", deleted: true)], null, "https://graph.example/delta-1");

        var result = await host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None);

        Assert.Equal(new DeltaSweepResult(2, 3, Stored: true, Restarted: true), result);
        Assert.Equal(["ev-1", "ev-2", "ev-3"], host.Sink.Applied.Select(a => a.Snapshot.EventId));
        Assert.All(host.Sink.Applied, a => Assert.Equal((record.ProjectId, record.OrganizerObjectId), (a.ProjectId, a.Organizer)));
        Assert.True(host.Sink.Applied[2].Snapshot.IsDeleted);
        var calls = host.Calendar.DeltaCalls;
        Assert.Equal([null, "https://graph.example/next-1"], calls.Select(c => c.Link));
        Assert.Equal(host.Clock.GetUtcNow() - TimeSpan.FromDays(30), calls[0].WindowStart);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromDays(365), calls[0].WindowEnd);
        Assert.Equal("https://graph.example/delta-1", (await host.Store.FindDeltaAsync(record.OrganizerObjectId, CancellationToken.None))!.DeltaLink);
    }

    [Fact]
    public async Task The_next_sweep_starts_from_the_stored_delta_link_with_the_same_window()
    {
        using var host = new GraphNotificationHost();
        var (record, _) = await host.SubscribeAsync();
        host.Calendar.DeltaPages[string.Empty] = new([FakeCalendarGateway.Snapshot("ev-1")], null, "https://graph.example/delta-1");
        host.Calendar.DeltaPages["https://graph.example/delta-1"] = new([FakeCalendarGateway.Snapshot("ev-2")], null, "https://graph.example/delta-2");
        await host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        var second = await host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None);

        Assert.False(second.Restarted);
        var calls = host.Calendar.DeltaCalls;
        Assert.Equal("https://graph.example/delta-1", calls[1].Link);
        Assert.Equal(calls[0].WindowStart, calls[1].WindowStart);
        Assert.Equal("ev-2", host.Sink.Applied[^1].Snapshot.EventId);
        Assert.Equal("https://graph.example/delta-2", (await host.Store.FindDeltaAsync(record.OrganizerObjectId, CancellationToken.None))!.DeltaLink);
    }

    [Fact]
    public async Task A_sweep_that_fails_halfway_stores_nothing_and_the_next_one_repeats_from_the_old_link()
    {
        using var host = new GraphNotificationHost();
        var (record, _) = await host.SubscribeAsync();
        host.Calendar.DeltaPages[string.Empty] = new([FakeCalendarGateway.Snapshot("ev-1")], "next-1", null);
        host.Calendar.DeltaPages["next-1"] = new([FakeCalendarGateway.Snapshot("ev-2")], null, "delta-1");
        host.Sink.FailOn = snapshot => snapshot.EventId == "ev-2";

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None));
        Assert.Null(await host.Store.FindDeltaAsync(record.OrganizerObjectId, CancellationToken.None));

        host.Sink.FailOn = null;
        await host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None);

        Assert.Equal([null, "next-1", null, "next-1"], host.Calendar.DeltaCalls.Select(c => c.Link));
        Assert.Equal("delta-1", (await host.Store.FindDeltaAsync(record.OrganizerObjectId, CancellationToken.None))!.DeltaLink);
    }

    [Fact]
    public async Task A_window_running_out_is_started_afresh()
    {
        using var host = new GraphNotificationHost();
        var (record, _) = await host.SubscribeAsync();
        host.Calendar.DeltaPages[string.Empty] = new([], null, "delta-1");
        await host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromDays(200)); // Under half of the 365-day look-ahead left.

        var result = await host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None);

        Assert.True(result.Restarted);
        Assert.Null(host.Calendar.DeltaCalls[1].Link);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromDays(365), host.Calendar.DeltaCalls[1].WindowEnd);
    }

    [Fact]
    public async Task A_delta_query_that_never_ends_gives_up_at_the_page_limit()
    {
        using var host = new GraphNotificationHost(new Dictionary<string, string?> { ["Graph:Notifications:MaxDeltaPages"] = "3" });
        var (record, _) = await host.SubscribeAsync();
        host.Calendar.DeltaPages[string.Empty] = new([], "loop", null);
        host.Calendar.DeltaPages["loop"] = new([], "loop", null);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.DeltaSync.SweepAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None));

        Assert.Equal(3, host.Calendar.DeltaCalls.Count);
        Assert.Null(await host.Store.FindDeltaAsync(record.OrganizerObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task The_sweep_loop_visits_every_known_organiser_on_each_tick()
    {
        using var host = new GraphNotificationHost();
        var (first, _) = await host.SubscribeAsync();
        var (second, _) = await host.SubscribeAsync();

        using var loop = ActivatorUtilities.CreateInstance<CalendarDeltaSweepLoop>(host.Services);
        using var passes = new LoopPasses(loop);
        await loop.StartAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromMinutes(30));

        // Two passes (start-up and the tick) over two organisers: four delta calls.
        await passes.WaitUntilAsync(() => host.Calendar.DeltaCalls.Count == 4);
        await loop.StopAsync(CancellationToken.None);

        Assert.Equal(
            new[] { first.OrganizerObjectId, second.OrganizerObjectId }.Order(StringComparer.Ordinal),
            host.Calendar.DeltaCalls.Select(c => c.Organizer).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(2, host.Calendar.DeltaCalls.Count(c => c.Link == "delta-empty"));
    }

    [Fact]
    public async Task The_event_changed_handler_reports_a_vanished_event_as_deleted()
    {
        using var host = new GraphNotificationHost();
        var handler = host.Services.GetServices<PartnerHub.Api.Storage.Outbox.IOutboxHandler>().Single(h => h.Kind == GraphNotificationKinds.EventChanged);
        var projectId = GraphNotificationHost.NewProjectId();

        await handler.HandleAsync(
            new(projectId, "outbox|01J0000000000000000000000A", GraphNotificationKinds.EventChanged,
                $$"""{"projectId":"{{projectId}}","organizerObjectId":"org-1","eventId":"ev-9"}""", 1, host.Clock.GetUtcNow()),
            CancellationToken.None);

        var applied = Assert.Single(host.Sink.Applied);
        Assert.Equal(CalendarSnapshots.Deleted("ev-9").EventId, applied.Snapshot.EventId);
        Assert.True(applied.Snapshot.IsDeleted);
    }

    [Fact]
    public async Task A_payload_for_another_partition_fails_permanently()
    {
        using var host = new GraphNotificationHost();
        var handler = host.Services.GetServices<PartnerHub.Api.Storage.Outbox.IOutboxHandler>().Single(h => h.Kind == GraphNotificationKinds.EventChanged);

        var error = await Assert.ThrowsAsync<PartnerHub.Api.Storage.Outbox.OutboxDeliveryException>(() => handler.HandleAsync(
            new("p-mine", "outbox|01J0000000000000000000000A", GraphNotificationKinds.EventChanged,
                """{"projectId":"p-other","organizerObjectId":"org-1","eventId":"ev-9"}""", 1, host.Clock.GetUtcNow()),
            CancellationToken.None));

        Assert.True(error.Permanent);
        Assert.Empty(host.Sink.Applied);
    }
}
