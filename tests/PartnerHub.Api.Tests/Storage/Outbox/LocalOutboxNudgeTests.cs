using Microsoft.Extensions.DependencyInjection;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
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
        await harness.StartLocalAsync();
        var projectId = OutboxHarness.NewProjectId();
        // Not registered with the sweep: only the nudge can get these rows delivered.
        var entries = await harness.CommitUnregisteredAsync(projectId, [.. Enumerable.Range(0, 3).Select(_ => OutboxHarness.Message())]);

        await harness.Nudge.NudgeAsync(entries, None);
        // A guard against a hang only.
        await delivered.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Dispatcher.StopAsync(None);

        await harness.AssertDeliveredOnceAsync(handler, projectId, entries);

        Assert.Empty(await harness.PeekQueueAsync());
    }

    [Fact]
    public async Task Rows_committed_here_are_claimed_as_written_without_being_read_back()
    {
        var prefix = AzuriteFixture.NewPrefix();
        using var calls = new StorageCalls(prefix, anyFlow: true);
        var handler = RecordingHandler.UntilCalled(2, out var delivered);
        await using var harness = await OutboxHarness.CreateAsync(prefix, TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler), enabled: true);
        await harness.StartLocalAsync();
        var projectId = OutboxHarness.NewProjectId();
        var entries = await harness.CommitUnregisteredAsync(projectId, OutboxHarness.Message(), OutboxHarness.Message());
        var before = calls.Calls.Length;

        await harness.Nudge.NudgeAsync(entries, None);
        await delivered.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Dispatcher.StopAsync(None);

        // Each row: its claim, conditional on the ETag of the commit, then the tombstone's transaction. No point read.
        var delivery = calls.Calls[before..];
        Assert.DoesNotContain(TableNames.Main + " point-read", delivery);
        Assert.Equal(2, delivery.Count(call => call == TableNames.Main + " replace-or-upsert"));
        await harness.AssertDeliveredOnceAsync(handler, projectId, entries);
    }

    [Fact]
    public async Task A_row_changed_since_its_commit_is_left_to_whoever_changed_it()
    {
        var clock = TestClock.New();
        var handler = RecordingHandler.UntilCalled(1, out var delivered);
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), clock, s => s.AddSingleton<IOutboxHandler>(handler), enabled: true);
        var projectId = OutboxHarness.NewProjectId();
        var entries = await harness.CommitUnregisteredAsync(projectId, OutboxHarness.Message(), OutboxHarness.Message());
        // Another instance's dispatcher claimed the first row meanwhile: the ETag this instance holds is out of date.
        var taken = (await harness.FindAsync(projectId, entries[0].RowKey))!;
        taken[OutboxKeys.LeaseUntil] = clock.GetUtcNow() + OutboxHarness.Lease;
        taken[OutboxKeys.Attempts] = 1;
        await harness.Main.UpdateEntityAsync(taken, taken.ETag, TableUpdateMode.Replace);
        await harness.StartLocalAsync();

        // Rows of one nudge go in order: once the second is delivered, the first has been tried.
        await harness.Nudge.NudgeAsync(entries, None);
        await delivered.WaitAsync(TimeSpan.FromSeconds(60));
        await harness.Dispatcher.StopAsync(None);

        Assert.Equal(0, handler.CallsFor(entries[0].RowKey));
        Assert.Equal(1, handler.CallsFor(entries[1].RowKey));
        var left = (await harness.FindAsync(projectId, entries[0].RowKey))!;
        Assert.Equal(1, left.GetInt32(OutboxKeys.Attempts));
        Assert.Equal(clock.GetUtcNow() + OutboxHarness.Lease, left.GetDateTimeOffset(OutboxKeys.LeaseUntil));
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
