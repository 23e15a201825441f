using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage.Outbox;

/// <summary>The nudge handed to this instance's running dispatcher in memory, and to the queue when it cannot take it.</summary>
public class LocalOutboxNudgeTests : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task With_the_loop_running_the_nudged_rows_are_delivered_without_a_queue_message()
    {
        var handler = RecordingHandler.UntilCalled(3, out var delivered);
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler), enabled: true);
        await harness.Dispatcher.StartAsync(None);
        var projectId = OutboxHarness.NewProjectId();
        // Not registered with the sweep: only the nudge can get these rows delivered.
        var entries = await harness.CommitUnregisteredAsync(projectId, [.. Enumerable.Range(0, 3).Select(_ => OutboxHarness.Message())]);

        await harness.Nudge.NudgeAsync(entries, None);
        // A guard against a hang only.
        await delivered.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Dispatcher.StopAsync(None);

        Assert.All(entries, entry => Assert.Equal(1, handler.CallsFor(entry.RowKey)));
        foreach (var entry in entries)
        {
            Assert.Null(await harness.FindAsync(projectId, entry.RowKey));
        }

        Assert.Empty(await harness.PeekQueueAsync());
    }

    [Fact]
    public async Task Once_the_loop_has_stopped_a_nudge_goes_to_the_queue_for_any_instance()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler), enabled: true);
        await harness.Dispatcher.StartAsync(None);
        await harness.Dispatcher.StopAsync(None);
        var projectId = OutboxHarness.NewProjectId();
        var entries = await harness.CommitUnregisteredAsync(projectId, OutboxHarness.Message(), OutboxHarness.Message());

        await harness.Nudge.NudgeAsync(entries, None);

        var message = Assert.Single(await harness.PeekQueueAsync());
        Assert.Equal(QueueOutboxNudge.Format(projectId, entries.Select(e => e.RowKey)), message.MessageText);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public void The_hand_over_takes_nothing_while_closed_and_at_most_its_capacity_while_open()
    {
        var local = new LocalOutboxNudges();
        string[] rows = ["outbox|01JB0000000000000000000000"];
        Assert.False(local.TryHandOver("p1", rows));

        local.Open();
        Assert.All(Enumerable.Range(0, LocalOutboxNudges.Capacity), _ => Assert.True(local.TryHandOver("p1", rows)));
        Assert.False(local.TryHandOver("p1", rows));

        Assert.True(local.Reader.TryRead(out var first));
        Assert.Equal(("p1", rows), (first!.ProjectId, first.RowKeys));
        Assert.True(local.TryHandOver("p1", rows));

        local.Close();
        Assert.False(local.TryHandOver("p1", rows));
    }

    [Theory]
    [InlineData("thing|1")]
    [InlineData("outbox|bad,key")]
    public async Task A_nudge_naming_something_other_than_outbox_rows_is_refused_however_it_would_travel(string rowKey)
    {
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), enabled: true);
        await harness.Dispatcher.StartAsync(None);
        try
        {
            await Assert.ThrowsAsync<ArgumentException>(() => harness.Nudge.NudgeAsync(OutboxHarness.NewProjectId(), [rowKey], None));
        }
        finally
        {
            await harness.Dispatcher.StopAsync(None);
        }
    }
}
