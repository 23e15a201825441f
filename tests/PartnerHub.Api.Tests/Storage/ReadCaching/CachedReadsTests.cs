using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage.ReadCaching;

namespace PartnerHub.Api.Tests.Storage.ReadCaching;

/// <summary>A remembered value around a write: dropped, or kept with the write's known effect applied, and when it is read instead.</summary>
public class CachedReadsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly CachedReads<string, int> _reads;
    private int _stored = 5;
    private int _readsMade;

    public CachedReadsTests() => _reads = new(new ReadCache(Options.Create(new ReadCacheOptions { Seconds = 30 }), _clock));

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

    private Task Store(int added)
    {
        _stored += added;
        return Task.CompletedTask;
    }

    private Task<int> ReadAsync() => _reads.GetAsync("p", _ => { _readsMade++; return Task.FromResult(_stored); }, CancellationToken.None);
}
