using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage.Outbox;

/// <summary>The dispatcher against Azurite tables and queues; time is a FakeTimeProvider, never a wait.</summary>
public class OutboxDispatcherTests : IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_nudge_gets_the_row_delivered_once_then_removed_with_a_tombstone_left()
    {
        var time = TestClock.New();
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));

        await harness.Nudge.NudgeAsync([entry], None);
        Assert.Single(await harness.PeekQueueAsync());
        Assert.Equal(1, await harness.Dispatcher.ReceiveOnceAsync(None));

        var call = Assert.Single(handler.Calls);
        Assert.Equal((projectId, entry.RowKey, 1), (call.ProjectId, call.IdempotencyKey, call.Attempt));
        Assert.Null(await harness.FindAsync(projectId, entry.RowKey));
        var tombstone = await harness.FindAsync(projectId, "outbox-done|" + entry.RowKey["outbox|".Length..]);
        Assert.NotNull(tombstone);
        Assert.Equal(time.GetUtcNow(), tombstone.GetDateTimeOffset("DeliveredAt"));
        Assert.Empty(await harness.PeekQueueAsync());
        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task A_row_due_later_waits_for_its_time_whatever_nudges_it_then_the_sweep_delivers_it_once()
    {
        var time = TestClock.New();
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        await harness.Registry.RegisterAsync(projectId, None);
        var dueAt = time.GetUtcNow().AddHours(20);
        var entry = harness.Writer.Create(projectId, OutboxHarness.Message(), dueAt);
        await harness.Main.SubmitTransactionAsync([entry.Action], None);

        await harness.Nudge.NudgeAsync([entry], None);
        await harness.Dispatcher.ReceiveOnceAsync(None);
        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));
        time.Advance(TimeSpan.FromHours(19));
        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));
        Assert.Empty(handler.Calls);

        time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await harness.Dispatcher.SweepOnceAsync(None));
        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));
        Assert.Single(handler.Calls);
    }

    [Fact]
    public async Task A_nudge_for_a_row_that_no_longer_exists_is_dropped()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler));
        await harness.Nudge.NudgeAsync(OutboxHarness.NewProjectId(), OutboxKeys.RowKeyFor(new UlidGenerator(TimeProvider.System).NewUlid()), None);
        await harness.Queue.SendMessageAsync("not a nudge");

        Assert.Equal(2, await harness.Dispatcher.ReceiveOnceAsync(None));

        Assert.Empty(handler.Calls);
        Assert.Empty(await harness.PeekQueueAsync());
    }

    [Fact]
    public async Task After_a_crash_between_commit_and_nudge_a_new_dispatcher_sweeps_each_row_exactly_once()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var time = TestClock.New();
        var handler = new RecordingHandler();
        var projectA = OutboxHarness.NewProjectId();
        var projectB = OutboxHarness.NewProjectId();
        var entries = new List<OutboxEntry>();

        // The first process commits and dies before it nudges; its dispatcher never runs.
        await using (var dying = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(handler)))
        {
            _ = dying.Dispatcher;
            entries.AddRange(await dying.CommitAsync(projectA, OutboxHarness.Message(), OutboxHarness.Message()));
            entries.AddRange(await dying.CommitAsync(projectB, OutboxHarness.Message()));
        }

        Assert.Empty(handler.Calls);

        // The next process starts its background loop, which sweeps at once.
        var restarted = RecordingHandler.UntilCalled(entries.Count, out var allDelivered);
        await using var next = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(restarted), enabled: true);
        await next.Dispatcher.StartAsync(None);
        // A guard against a hang only: the assertions below are about what happened, not when.
        await allDelivered.WaitAsync(TimeSpan.FromSeconds(60));
        await next.Dispatcher.StopAsync(None);

        Assert.All(entries, entry => Assert.Equal(1, restarted.CallsFor(entry.RowKey)));
        Assert.Equal(entries.Count, restarted.Calls.Count);
        foreach (var entry in entries)
        {
            Assert.Null(await next.FindAsync(entry.ProjectId, entry.RowKey));
            Assert.NotNull(await next.FindAsync(entry.ProjectId, OutboxKeys.DoneRowKeyFor(entry.RowKey)));
        }

        Assert.Equal(0, await next.Dispatcher.SweepOnceAsync(None));
        Assert.Equal(entries.Count, restarted.Calls.Count);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task A_transaction_with_several_rows_sends_one_nudge_and_that_nudge_delivers_every_row()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entries = await harness.CommitAsync(projectId, [.. Enumerable.Range(0, 7).Select(_ => OutboxHarness.Message())]);

        await harness.Nudge.NudgeAsync(entries, None);
        Assert.Single(await harness.PeekQueueAsync());
        Assert.Equal(1, await harness.Dispatcher.ReceiveOnceAsync(None));

        await harness.AssertDeliveredOnceAsync(handler, projectId, entries);

        Assert.Empty(await harness.PeekQueueAsync());
    }

    [Fact]
    public async Task A_single_row_nudge_in_the_earlier_format_is_still_delivered()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));
        await harness.Queue.CreateIfNotExistsAsync();
        await harness.Queue.SendMessageAsync(projectId + "|" + entry.RowKey);

        Assert.Equal(1, await harness.Dispatcher.ReceiveOnceAsync(None));

        Assert.Equal(1, handler.CallsFor(entry.RowKey));
        Assert.Empty(await harness.PeekQueueAsync());
    }

    [Fact]
    public async Task A_nudge_with_a_key_that_is_not_an_outbox_row_is_dropped_without_delivering_anything()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));
        await harness.Queue.CreateIfNotExistsAsync();
        await harness.Queue.SendMessageAsync(projectId + "|" + entry.RowKey + ",referral|r1");

        Assert.Equal(1, await harness.Dispatcher.ReceiveOnceAsync(None));

        Assert.Empty(handler.Calls);
        Assert.Empty(await harness.PeekQueueAsync());
    }

    [Fact]
    public async Task Duplicate_nudges_deliver_once()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));

        await harness.Nudge.NudgeAsync([entry], None);
        await harness.Nudge.NudgeAsync([entry], None);
        await harness.Nudge.NudgeAsync([entry, entry], None);
        Assert.Equal(3, await harness.Dispatcher.ReceiveOnceAsync(None));

        Assert.Equal(1, handler.CallsFor(entry.RowKey));
        Assert.Empty(await harness.PeekQueueAsync());
    }

    [Fact]
    public async Task Racing_sweeps_nudges_and_retries_across_two_dispatchers_deliver_each_row_once()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var time = TestClock.New();
        // One handler instance for both processes, so every call to it is counted together.
        var handler = new RecordingHandler(async (_, _) => await Task.Yield());
        await using var a = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(handler));
        await using var b = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entries = await a.CommitAsync(projectId, [.. Enumerable.Range(0, 12).Select(_ => OutboxHarness.Message())]);
        await a.Nudge.NudgeAsync(entries, None);
        await b.Nudge.NudgeAsync(entries, None);

        await Task.WhenAll(
            a.Dispatcher.ReceiveOnceAsync(None),
            b.Dispatcher.SweepOnceAsync(None),
            a.Dispatcher.SweepOnceAsync(None),
            b.Dispatcher.ReceiveOnceAsync(None),
            Task.WhenAll(entries.Select(entry => b.Dispatcher.DeliverAsync(projectId, entry.RowKey, None))));

        await a.AssertDeliveredOnceAsync(handler, projectId, entries);
    }

    [Fact]
    public async Task While_one_dispatcher_is_delivering_a_row_a_sweep_and_a_nudge_elsewhere_leave_it_alone()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var time = TestClock.New();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler(async (_, _) =>
        {
            started.TrySetResult();
            await release.Task;
        });
        await using var a = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(handler));
        await using var b = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await a.CommitAsync(projectId, OutboxHarness.Message()));

        var delivering = a.Dispatcher.DeliverAsync(projectId, entry.RowKey, None);
        await started.Task;
        await b.Nudge.NudgeAsync([entry], None);
        Assert.Equal(0, await b.Dispatcher.SweepOnceAsync(None));
        Assert.Equal(1, await b.Dispatcher.ReceiveOnceAsync(None));
        Assert.Equal(OutboxOutcome.Leased, await b.Dispatcher.DeliverWithOutcomeAsync(projectId, entry.RowKey, None));
        release.SetResult();

        Assert.True(await delivering);
        Assert.Single(handler.Calls);
        Assert.Empty(await b.PeekQueueAsync());
    }

    [Fact]
    public async Task A_lease_held_by_a_dead_dispatcher_blocks_others_until_it_expires()
    {
        var prefix = AzuriteFixture.NewPrefix();
        var time = TestClock.New();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var calls = 0;
        // The first call hangs and ignores cancellation: the process holding the lease is as good as dead.
        var handler = new RecordingHandler(async (_, _) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                started.TrySetResult();
                await never.Task;
            }
        });
        await using var dead = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(handler));
        await using var live = await OutboxHarness.CreateAsync(prefix, time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await dead.CommitAsync(projectId, OutboxHarness.Message()));
        var stuck = dead.Dispatcher.DeliverAsync(projectId, entry.RowKey, None);
        await started.Task;

        time.Advance(OutboxHarness.Lease - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await live.Dispatcher.SweepOnceAsync(None));
        Assert.Equal(1, calls);

        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await live.Dispatcher.SweepOnceAsync(None));
        Assert.Equal(2, calls);
        Assert.Null(await live.FindAsync(projectId, entry.RowKey));

        // If the old holder wakes up after all, its result is refused: the row is no longer the one it claimed.
        never.SetResult();
        Assert.False(await stuck);
        Assert.NotNull(await live.FindAsync(projectId, OutboxKeys.DoneRowKeyFor(entry.RowKey)));
    }

    [Fact]
    public async Task A_failing_handler_backs_off_exponentially_and_succeeds_on_a_later_attempt()
    {
        var time = TestClock.New();
        var handler = new RecordingHandler((delivery, _) =>
            delivery.Attempt < 3 ? throw new InvalidOperationException("remote said no: personal data here") : Task.CompletedTask);
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));
        var t0 = time.GetUtcNow();

        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));

        var row = await harness.FindAsync(projectId, entry.RowKey);
        Assert.NotNull(row);
        Assert.Equal(1, row.GetInt32("Attempts"));
        Assert.Equal("InvalidOperationException", row.GetString("LastError"));
        Assert.False(row.GetBoolean("Failed"));
        Assert.True(row.GetDateTimeOffset("LeaseUntil") <= time.GetUtcNow());
        var next = row.GetDateTimeOffset("NextAttemptAt")!.Value;
        Assert.InRange(next, t0 + (OutboxHarness.BaseDelay * 0.8), t0 + OutboxHarness.BaseDelay);

        // Not due yet: neither a sweep nor a stray nudge retries it early.
        await harness.Nudge.NudgeAsync([entry], None);
        await harness.Dispatcher.ReceiveOnceAsync(None);
        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));
        Assert.Single(handler.Calls);

        time.SetUtcNow(next);
        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));
        row = await harness.FindAsync(projectId, entry.RowKey);
        Assert.NotNull(row);
        Assert.Equal(2, row.GetInt32("Attempts"));
        var second = row.GetDateTimeOffset("NextAttemptAt")!.Value;
        Assert.InRange(second, next + (OutboxHarness.BaseDelay * 2 * 0.8), next + (OutboxHarness.BaseDelay * 2));

        time.SetUtcNow(second);
        Assert.Equal(1, await harness.Dispatcher.SweepOnceAsync(None));
        Assert.Equal([1, 2, 3], handler.Calls.Select(call => call.Attempt));
        // Only the first attempt may skip looking for what an earlier one did.
        Assert.Equal([true, false, false], handler.Calls.Select(call => call.FirstTry));
        Assert.Null(await harness.FindAsync(projectId, entry.RowKey));
    }

    [Fact]
    public async Task After_MaxAttempts_the_row_is_kept_as_failed_the_observer_is_told_once_and_nothing_retries_it()
    {
        var time = TestClock.New();
        var handler = new RecordingHandler((_, _) => throw new OutboxDeliveryException("remote503"));
        var observer = new RecordingObserver();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s =>
        {
            s.AddSingleton<IOutboxHandler>(handler);
            s.AddSingleton<IOutboxFailureObserver>(observer);
        });
        var projectId = OutboxHarness.NewProjectId();
        var message = OutboxHarness.Message();
        var entry = Assert.Single(await harness.CommitAsync(projectId, message));

        for (var i = 0; i < OutboxHarness.MaxAttempts; i++)
        {
            await harness.Dispatcher.SweepOnceAsync(None);
            time.Advance(OutboxHarness.MaxDelay);
        }

        var row = await harness.FindAsync(projectId, entry.RowKey);
        Assert.NotNull(row);
        Assert.True(row.GetBoolean("Failed"));
        Assert.Equal(OutboxHarness.MaxAttempts, row.GetInt32("Attempts"));
        Assert.Equal("remote503", row.GetString("LastError"));
        Assert.Equal(message.Kind, row.GetString("Kind"));
        var failure = Assert.Single(observer.Failures);
        Assert.Equal(new OutboxFailure(projectId, entry.RowKey, message.Kind, message.Payload, OutboxHarness.MaxAttempts, "remote503"), failure);

        time.Advance(TimeSpan.FromDays(1));
        await harness.Nudge.NudgeAsync([entry], None);
        await harness.Dispatcher.ReceiveOnceAsync(None);
        await harness.Dispatcher.SweepOnceAsync(None);
        Assert.Equal(OutboxHarness.MaxAttempts, handler.Calls.Count);
        Assert.Single(observer.Failures);
    }

    [Fact]
    public async Task A_permanent_failure_fails_at_once_and_retry_now_can_still_deliver_it()
    {
        var time = TestClock.New();
        var fail = true;
        var handler = new RecordingHandler((_, _) => fail ? throw new OutboxDeliveryException("conversationGone", permanent: true) : Task.CompletedTask);
        var observer = new RecordingObserver();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s =>
        {
            s.AddSingleton<IOutboxHandler>(handler);
            s.AddSingleton<IOutboxFailureObserver>(observer);
        });
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));

        Assert.Equal(OutboxOutcome.Failed, await harness.Dispatcher.DeliverWithOutcomeAsync(projectId, entry.RowKey, None));
        Assert.Equal("conversationGone", Assert.Single(observer.Failures).ErrorCode);
        Assert.Equal(1, (await harness.FindAsync(projectId, entry.RowKey))?.GetInt32("Attempts"));

        // A person fixed the cause and presses "retry now".
        fail = false;
        Assert.True(await harness.Dispatcher.DeliverAsync(projectId, entry.RowKey, None));
        Assert.Null(await harness.FindAsync(projectId, entry.RowKey));
        Assert.Equal(2, handler.Calls.Count);
        Assert.Single(observer.Failures);
    }

    [Fact]
    public async Task A_kind_without_a_handler_is_marked_failed_with_noHandler()
    {
        var handler = new RecordingHandler();
        var observer = new RecordingObserver();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s =>
        {
            s.AddSingleton<IOutboxHandler>(handler);
            s.AddSingleton<IOutboxFailureObserver>(observer);
        });
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message("nobody.listens")));

        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));

        var row = await harness.FindAsync(projectId, entry.RowKey);
        Assert.NotNull(row);
        Assert.True(row.GetBoolean("Failed"));
        Assert.Equal("noHandler", row.GetString("LastError"));
        Assert.Equal("nobody.listens", row.GetString("Kind"));
        Assert.Equal("noHandler", Assert.Single(observer.Failures).ErrorCode);
        Assert.Empty(handler.Calls);
    }

    [Fact]
    public async Task A_handler_that_outlasts_its_budget_is_cancelled_and_retried_later()
    {
        var time = TestClock.New();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler(async (delivery, ct) =>
        {
            if (delivery.Attempt == 1)
            {
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, ct);
            }
        });
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));

        var delivering = harness.Dispatcher.DeliverWithOutcomeAsync(projectId, entry.RowKey, None);
        await started.Task;
        time.Advance(OutboxHarness.Lease * 0.8);

        Assert.Equal(OutboxOutcome.RetryScheduled, await delivering);
        Assert.Equal("timeout", (await harness.FindAsync(projectId, entry.RowKey))?.GetString("LastError"));
    }

    [Fact]
    public async Task Handlers_see_only_the_rows_of_registered_projects()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler));
        var unregistered = OutboxHarness.NewProjectId();
        var entry = harness.Writer.Create(unregistered, OutboxHarness.Message());
        await harness.Main.SubmitTransactionAsync([entry.Action]);

        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));

        await harness.Registry.RegisterAsync(unregistered, None);
        await harness.Registry.RegisterAsync(unregistered, None);
        Assert.Equal([unregistered], await harness.Registry.ListAsync(None).ToListAsync());
        Assert.Equal(1, await harness.Dispatcher.SweepOnceAsync(None));
    }

    [Fact]
    public async Task Tombstones_are_swept_after_the_retention_period()
    {
        var time = TestClock.New();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s => s.AddSingleton<IOutboxHandler>(new RecordingHandler()));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));
        Assert.True(await harness.Dispatcher.DeliverAsync(projectId, entry.RowKey, None));
        var tombstone = OutboxKeys.DoneRowKeyFor(entry.RowKey);

        time.Advance(TimeSpan.FromDays(6));
        await harness.Dispatcher.SweepOnceAsync(None);
        Assert.NotNull(await harness.FindAsync(projectId, tombstone));

        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));
        await harness.Dispatcher.SweepOnceAsync(None);
        Assert.Null(await harness.FindAsync(projectId, tombstone));
    }

    [Fact]
    public async Task Two_handlers_for_one_kind_are_refused_at_start_up()
    {
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s =>
        {
            s.AddSingleton<IOutboxHandler>(new RecordingHandler());
            s.AddSingleton<IOutboxHandler>(new RecordingHandler());
        });

        Assert.Throws<InvalidOperationException>(() => harness.Dispatcher);
    }

    [Fact]
    public async Task A_message_whose_deliveries_keep_dying_is_failed_as_interrupted_after_MaxAttempts()
    {
        var time = TestClock.New();
        var never = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new SemaphoreSlim(0);
        // Every call hangs and ignores cancellation, as if the message took its process down each time.
        var handler = new RecordingHandler(async (_, _) =>
        {
            started.Release();
            await never.Task;
        });
        var observer = new RecordingObserver();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s =>
        {
            s.AddSingleton<IOutboxHandler>(handler);
            s.AddSingleton<IOutboxFailureObserver>(observer);
        });
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));

        var hung = new List<Task<int>>();
        for (var i = 0; i < OutboxHarness.MaxAttempts; i++)
        {
            hung.Add(harness.Dispatcher.SweepOnceAsync(None));
            await started.WaitAsync();
            var row = await harness.FindAsync(projectId, entry.RowKey);
            Assert.Equal((i + 1, "interrupted"), (row?.GetInt32("Attempts"), row?.GetString("LastError")));
            time.Advance(OutboxHarness.Lease + TimeSpan.FromSeconds(1));
        }

        Assert.Equal(0, await harness.Dispatcher.SweepOnceAsync(None));

        var failed = await harness.FindAsync(projectId, entry.RowKey);
        Assert.NotNull(failed);
        Assert.True(failed.GetBoolean("Failed"));
        Assert.Equal(OutboxHarness.MaxAttempts, failed.GetInt32("Attempts"));
        Assert.Equal("interrupted", Assert.Single(observer.Failures).ErrorCode);
        Assert.Equal(OutboxHarness.MaxAttempts, handler.Calls.Count);
        never.SetResult();
        Assert.All(await Task.WhenAll(hung), delivered => Assert.Equal(0, delivered));
    }

    [Fact]
    public async Task Stopping_mid_delivery_hands_the_row_back_without_counting_the_attempt()
    {
        var time = TestClock.New();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingHandler(async (_, ct) =>
        {
            if (started.TrySetResult())
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
        });
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time, s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entry = Assert.Single(await harness.CommitAsync(projectId, OutboxHarness.Message()));
        using var stopping = new CancellationTokenSource();

        var delivering = harness.Dispatcher.DeliverAsync(projectId, entry.RowKey, stopping.Token);
        await started.Task;
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delivering);
        var row = await harness.FindAsync(projectId, entry.RowKey);
        Assert.NotNull(row);
        Assert.Equal((0, string.Empty, false), (row.GetInt32("Attempts"), row.GetString("LastError"), row.GetBoolean("Failed")));
        Assert.True(row.GetDateTimeOffset("LeaseUntil") <= time.GetUtcNow());

        // Handed back uncounted, but its handler had started: the next attempt is not a first try (it may have sent).
        Assert.True(await harness.Dispatcher.DeliverAsync(projectId, entry.RowKey, None));
        Assert.Equal([(1, true), (1, false)], handler.Calls.Select(call => (call.Attempt, call.FirstTry)));
    }

    [Fact]
    public async Task A_row_written_before_first_tries_were_marked_is_never_taken_for_one()
    {
        var handler = new RecordingHandler();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New(), s => s.AddSingleton<IOutboxHandler>(handler));
        var projectId = OutboxHarness.NewProjectId();
        var entries = await harness.CommitAsync(projectId, OutboxHarness.Message(), OutboxHarness.Message());
        var older = (await harness.FindAsync(projectId, entries[0].RowKey))!;
        older.Remove(OutboxKeys.Tried);
        await harness.Main.UpdateEntityAsync(older, older.ETag, TableUpdateMode.Replace);

        Assert.Equal(2, await harness.Dispatcher.SweepOnceAsync(None));

        Assert.False(Assert.Single(handler.Calls, call => call.RowKey == entries[0].RowKey).FirstTry);
        Assert.True(Assert.Single(handler.Calls, call => call.RowKey == entries[1].RowKey).FirstTry);
    }
}
