using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage.ReadCaching;

/// <summary>A remembered value around a write: dropped, or kept with the write's known effect applied, and when it is read instead.</summary>
public class CachedReadsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly CachedReads<string, int> _reads;
    private int _stored = 5;
    private int _readsMade;

    public CachedReadsTests() => _reads = new(ReadCaches.Of(30, _clock));

    [Fact]
    public async Task A_write_with_a_known_effect_leaves_the_value_remembered_changed_and_reads_nothing()
    {
        await ReadAsync();
        await _reads.WriteAsync("p", () => Store(1), value => CachedChange.Keep(value + 1));

        Assert.Equal(6, await ReadAsync());
        Assert.Equal(1, _readsMade);
    }

    [Fact]
    public async Task A_read_that_overlapped_the_write_is_not_kept_the_restored_value_is()
    {
        await ReadAsync();
        Task<int>? overlapping = null;
        await _reads.WriteAsync(
            "p",
            () =>
            {
                // A read during the write sees the old row and finishes after the write committed.
                overlapping = _reads.GetAsync("p", async _ => { await Task.Yield(); return _stored; }, CancellationToken.None);
                return Store(1);
            },
            value => CachedChange.Keep(value + 1));
        await overlapping!;

        Assert.Equal(6, await ReadAsync());
    }

    [Fact]
    public async Task Another_change_of_the_same_key_during_the_write_makes_the_next_call_read()
    {
        await ReadAsync();
        await _reads.WriteAsync(
            "p",
            () =>
            {
                _reads.Invalidate("p");
                return Store(2);
            },
            value => CachedChange.Keep(value + 1));

        Assert.Equal(7, await ReadAsync());
        Assert.Equal(2, _readsMade);
    }

    [Fact]
    public async Task Changes_of_other_keys_during_a_write_or_a_read_keep_this_key_remembered()
    {
        await ReadAsync();
        await _reads.WriteAsync(
            "p",
            () =>
            {
                _reads.Invalidate("other");
                return Store(1);
            },
            value => CachedChange.Keep(value + 1));
        Assert.True(_reads.TryPeek("p", out var restored));
        Assert.Equal(6, restored);

        _reads.Invalidate("p");
        Assert.Equal(6, await _reads.GetAsync("p", _ => { _readsMade++; _reads.Invalidate("other"); return Task.FromResult(_stored); }, CancellationToken.None));
        Assert.True(_reads.TryPeek("p", out var kept));
        Assert.Equal(6, kept);

        // Clearing every key is a change of this one too.
        _reads.Invalidate("p");
        await _reads.GetAsync("p", _ => { _reads.Clear(); return Task.FromResult(_stored); }, CancellationToken.None);
        Assert.False(_reads.TryPeek("p", out _));
    }

    [Fact]
    public async Task Nothing_is_restored_past_its_lifetime_or_when_nothing_was_remembered()
    {
        await _reads.WriteAsync("p", () => Store(0), value => CachedChange.Keep(value + 100));
        Assert.False(_reads.TryPeek("p", out _));

        await ReadAsync();
        await _reads.WriteAsync(
            "p",
            () =>
            {
                _clock.Advance(TimeSpan.FromSeconds(31));
                return Store(0);
            },
            value => CachedChange.Keep(value + 100));
        Assert.False(_reads.TryPeek("p", out _));
        Assert.Equal(5, await ReadAsync());
    }

    [Fact]
    public async Task A_failed_write_or_one_without_a_known_effect_makes_the_next_call_read()
    {
        await ReadAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => _reads.WriteAsync("p", () => throw new InvalidOperationException(), value => CachedChange.Keep(value + 1)));
        Assert.False(_reads.TryPeek("p", out _));

        await ReadAsync();
        await _reads.WriteAsync("p", () => Store(1));
        Assert.False(_reads.TryPeek("p", out _));
        Assert.Equal(6, await ReadAsync());
    }

    [Fact]
    public async Task A_change_that_cannot_tell_the_writes_effect_drops_the_value_and_the_next_call_reads()
    {
        await ReadAsync();
        var seen = 0;
        await _reads.WriteAsync(
            "p",
            () => Store(1),
            value =>
            {
                seen = value;
                return value == 5 ? CachedChange.Drop<int>() : CachedChange.Keep(value + 1);
            });

        Assert.Equal(5, seen);
        Assert.False(_reads.TryPeek("p", out _));
        Assert.Equal(6, await ReadAsync());
        Assert.Equal(2, _readsMade);

        // The same change kept when it can tell: the next call reads nothing.
        await _reads.WriteAsync("p", () => Store(1), value => value == 5 ? CachedChange.Drop<int>() : CachedChange.Keep(value + 1));
        Assert.Equal(7, await ReadAsync());
        Assert.Equal(2, _readsMade);
    }

    [Fact]
    public async Task Commuting_writes_in_flight_at_once_keep_the_value_and_each_applies_its_change_in_whatever_order_they_finish()
    {
        await ReadAsync();
        var first = new TaskCompletionSource();
        var second = new TaskCompletionSource();
        var a = _reads.ApplyAsync("p", async () => { await first.Task; await Store(1); return 0; }, value => value + 1);
        var b = _reads.ApplyAsync("p", async () => { await second.Task; await Store(10); return 0; }, value => value + 10);

        // While both run, the value before them is still in use: neither has happened yet.
        Assert.Equal(5, await ReadAsync());
        second.SetResult();
        await b;
        Assert.Equal(15, await ReadAsync());
        first.SetResult();
        await a;

        Assert.Equal(16, await ReadAsync());
        Assert.Equal(1, _readsMade);
    }

    [Fact]
    public async Task A_read_with_a_commuting_write_beside_it_is_not_kept_and_the_next_call_reads_what_is_stored()
    {
        // Read while a write runs (it may or may not hold its effect): answered, never remembered.
        var inWrite = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var write = _reads.ApplyAsync("p", async () => { inWrite.SetResult(); await release.Task; await Store(1); return 0; }, value => value + 1);
        await inWrite.Task;
        Assert.Equal(5, await ReadAsync());
        Assert.False(_reads.TryPeek("p", out _));
        release.SetResult();
        await write;

        // A read that began before a write and ended after it, with what it saw before: not remembered either.
        var slowRead = new TaskCompletionSource<int>();
        var overlapping = _reads.GetAsync("p", _ => slowRead.Task, CancellationToken.None);
        await _reads.ApplyAsync("p", async () => { await Store(1); return 0; }, value => value + 1);
        slowRead.SetResult(6);
        Assert.Equal(6, await overlapping);
        Assert.False(_reads.TryPeek("p", out _));

        Assert.Equal(7, await ReadAsync());
        Assert.True(_reads.TryPeek("p", out var kept));
        Assert.Equal(7, kept);
    }

    [Fact]
    public async Task A_failed_commuting_write_drops_the_value()
    {
        await ReadAsync();
        await Assert.ThrowsAsync<InvalidOperationException>(() => _reads.ApplyAsync<int>("p", () => throw new InvalidOperationException(), value => value + 1));

        Assert.False(_reads.TryPeek("p", out _));
        Assert.Equal(5, await ReadAsync());
        Assert.Equal(2, _readsMade);
    }

    [Fact]
    public async Task Calls_that_miss_the_same_key_at_once_share_one_read()
    {
        var stored = new TaskCompletionSource<int>();
        var reads = 0;
        var calls = Enumerable.Range(0, 3).Select(_ => _reads.GetAsync("p", _ => { reads++; return stored.Task; }, CancellationToken.None)).ToList();
        stored.SetResult(5);

        var answers = await Task.WhenAll(calls);
        Assert.All(answers, answer => Assert.Equal(5, answer));
        Assert.Equal(3, answers.Length);
        Assert.Equal(1, reads);
        Assert.True(_reads.TryPeek("p", out _));
    }

    [Fact]
    public async Task A_call_after_a_write_does_not_join_a_read_that_began_before_it()
    {
        var before = new TaskCompletionSource<int>();
        var early = _reads.GetAsync("p", _ => before.Task, CancellationToken.None);
        await _reads.WriteAsync("p", () => Store(1));

        Assert.Equal(6, await ReadAsync());
        before.SetResult(5);
        Assert.Equal(5, await early);
        Assert.Equal(6, await ReadAsync());
        Assert.Equal(1, _readsMade);
    }

    [Fact]
    public async Task A_shared_read_that_fails_fails_every_caller_and_leaves_nothing_remembered()
    {
        var failing = new TaskCompletionSource<int>();
        var first = _reads.GetAsync("p", _ => failing.Task, CancellationToken.None);
        var second = _reads.GetAsync("p", _ => throw new InvalidOperationException("not joined"), CancellationToken.None);
        failing.SetException(new TimeoutException());

        await Assert.ThrowsAsync<TimeoutException>(() => first);
        await Assert.ThrowsAsync<TimeoutException>(() => second);
        Assert.Equal(5, await ReadAsync());
    }

    [Fact]
    public async Task One_callers_cancellation_leaves_the_others_their_read()
    {
        var stored = new TaskCompletionSource<int>();
        using var cancelled = new CancellationTokenSource();
        var leaving = _reads.GetAsync("p", _ => stored.Task, cancelled.Token);
        var staying = _reads.GetAsync("p", _ => stored.Task, CancellationToken.None);
        await cancelled.CancelAsync();
        stored.SetResult(5);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        Assert.Equal(5, await staying);
        Assert.True(_reads.TryPeek("p", out _));
    }

    [Fact]
    public async Task Refreshing_ahead_answers_the_remembered_value_and_reads_the_next_beside_the_call()
    {
        var reads = new CachedReads<string, int>(ReadCaches.Of(30, _clock), refreshAhead: true);
        var refreshed = new TaskCompletionSource<int>();
        Assert.Equal(5, await reads.GetAsync("p", _ => Task.FromResult(5), CancellationToken.None));

        // In its first two thirds nothing is read.
        _clock.Advance(TimeSpan.FromSeconds(19));
        Assert.Equal(5, await reads.GetAsync("p", _ => throw new InvalidOperationException("read too early"), CancellationToken.None));

        // In its last third the call is answered at once, and one read starts that later calls do not repeat.
        _clock.Advance(TimeSpan.FromSeconds(2));
        var readsMade = 0;
        Assert.Equal(5, await reads.GetAsync("p", _ => { readsMade++; return refreshed.Task; }, CancellationToken.None));
        Assert.Equal(5, await reads.GetAsync("p", _ => { readsMade++; return refreshed.Task; }, CancellationToken.None));
        refreshed.SetResult(6);
        await WaitUntilAsync(() => reads.TryPeek("p", out var next) && next == 6);
        Assert.Equal(1, readsMade);

        // The refreshed value's lifetime counts from its own read: nothing is answered later than 30 s after it was read.
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(7, await reads.GetAsync("p", _ => Task.FromResult(7), CancellationToken.None));
    }

    [Fact]
    public async Task Without_refreshing_ahead_the_last_third_of_a_lifetime_reads_nothing()
    {
        await ReadAsync();
        _clock.Advance(TimeSpan.FromSeconds(29));
        await Store(1);

        Assert.Equal(5, await ReadAsync());
        Assert.Equal(1, _readsMade);
    }

    [Fact]
    public async Task A_shown_value_read_beside_commuting_writes_is_kept_briefly_and_joined_meanwhile()
    {
        var reads = new CachedReads<string, int>(ReadCaches.Of(30, _clock), besideWrites: TimeSpan.FromSeconds(2));
        var inWrite = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var write = reads.ApplyAsync("p", async () => { inWrite.SetResult(); await release.Task; return 0; }, value => value + 1);
        await inWrite.Task;

        // Read while the write runs: a second call joins it although a write runs, and the answer is kept.
        var stored = new TaskCompletionSource<int>();
        var readsMade = 0;
        var first = reads.GetAsync("p", _ => { readsMade++; return stored.Task; }, CancellationToken.None);
        var second = reads.GetAsync("p", _ => { readsMade++; return stored.Task; }, CancellationToken.None);
        stored.SetResult(5);
        Assert.Equal(5, await first);
        Assert.Equal(5, await second);
        Assert.Equal(1, readsMade);
        release.SetResult();
        await write;

        // The write's change is applied to what is kept; for 2 s, then it is read again.
        Assert.True(reads.TryPeek("p", out var kept));
        Assert.Equal(6, kept);
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(reads.TryPeek("p", out _));
        Assert.Equal(9, await reads.GetAsync("p", _ => Task.FromResult(9), CancellationToken.None));

        // A read with no write beside it is kept for the whole lifetime.
        _clock.Advance(TimeSpan.FromSeconds(29));
        Assert.True(reads.TryPeek("p", out _));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Entries_past_their_lifetime_are_let_go_once_a_lifetime_has_passed_and_the_others_stay()
    {
        foreach (var key in new[] { "a", "b", "c" })
        {
            await ReadAsync(key);
        }

        _clock.Advance(TimeSpan.FromSeconds(20));
        await ReadAsync("d");
        Assert.Equal(4, _reads.Remembered);

        _clock.Advance(TimeSpan.FromSeconds(11));
        await ReadAsync("e");

        // a, b and c were read 31 s ago: gone. d (11 s) and e stay, and d is answered without a read.
        Assert.Equal(2, _reads.Remembered);
        var made = _readsMade;
        await ReadAsync("d");
        Assert.Equal(made, _readsMade);
    }

    [Fact]
    public async Task Keys_written_are_let_go_too_so_steady_new_records_do_not_grow_memory()
    {
        for (var round = 0; round < 5; round++)
        {
            for (var i = 0; i < 100; i++)
            {
                await _reads.WriteNewAsync($"new-{round}-{i}", () => Task.FromResult(i));
            }

            _clock.Advance(TimeSpan.FromSeconds(31));
        }

        await ReadAsync("last");
        Assert.Equal(1, _reads.Remembered);
    }

    [Fact]
    public async Task A_read_in_flight_when_the_change_counts_start_afresh_is_not_kept()
    {
        // The read begins just before the prune is due, so what it reads would still be within its lifetime after it.
        _clock.Advance(TimeSpan.FromSeconds(29));
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var inFlight = _reads.GetAsync("p", _ => { _readsMade++; return gate.Task; }, CancellationToken.None);

        // A change of "p" while its read is in flight, whose count the prune then forgets.
        _reads.Invalidate("p");
        _clock.Advance(TimeSpan.FromSeconds(2));
        _reads.Invalidate("other");
        gate.SetResult(_stored);
        await inFlight;

        await ReadAsync();
        Assert.Equal(2, _readsMade);
    }

    private Task<int> ReadAsync(string key) => _reads.GetAsync(key, _ => { _readsMade++; return Task.FromResult(_stored); }, CancellationToken.None);

    private Task Store(int added)
    {
        _stored += added;
        return Task.CompletedTask;
    }

    private Task<int> ReadAsync() => ReadAsync("p");
}
