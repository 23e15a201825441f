using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage.ReadCaching;

/// <summary>A costly value kept with the version it was read at: answered again on an unchanged version, read again on any other.</summary>
public class RevalidatedReadsTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));
    private string? _version;
    private int _stored = 5;
    private int _readsMade;

    [Fact]
    public async Task An_unchanged_version_answers_the_value_read_before_without_reading_it()
    {
        var reads = New(seconds: 30);
        _version = "v1";
        Assert.Equal(5, await GetAsync(reads));

        _stored = 6; // changed without moving the version: only a hand edit in storage does this
        Assert.Equal(5, await GetAsync(reads));
        Assert.Equal(1, _readsMade);
    }

    [Fact]
    public async Task A_moved_version_reads_the_value_again_and_so_does_a_first_version_after_none()
    {
        var reads = New(seconds: 30);
        Assert.Equal(5, await GetAsync(reads)); // no version row yet: null is a version too
        Assert.Equal(5, await GetAsync(reads));

        (_stored, _version) = (6, "v1");
        Assert.Equal(6, await GetAsync(reads));
        (_stored, _version) = (7, "v2");
        Assert.Equal(7, await GetAsync(reads));
        Assert.Equal(3, _readsMade);
    }

    [Fact]
    public async Task A_write_between_the_version_and_the_value_makes_the_next_call_read_again()
    {
        var reads = New(seconds: 30);
        _version = "v1";

        // The write commits after the version was read and before the value was: the value holds it, the version kept
        // does not, so the next call sees a moved version. Kept the other way round, the write would go unseen.
        var value = await reads.GetAsync("p", Version, async token => { (_stored, _version) = (6, "v2"); return await Value(token); }, CancellationToken.None);
        Assert.Equal(6, value);

        Assert.Equal(6, await GetAsync(reads));
        Assert.Equal(2, _readsMade);
    }

    [Fact]
    public async Task Past_the_longest_age_the_value_is_read_in_full_even_on_the_same_version()
    {
        var reads = New(seconds: 30);
        _version = "v1";
        await GetAsync(reads);
        _stored = 6;

        _clock.Advance(RevalidatedReads<string, int>.MaxAge - TimeSpan.FromSeconds(1));
        Assert.Equal(5, await GetAsync(reads));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(6, await GetAsync(reads));
        Assert.Equal(2, _readsMade);
    }

    [Fact]
    public async Task Invalidated_or_with_the_cache_off_the_value_is_read_every_time()
    {
        _version = "v1";
        var on = New(seconds: 30);
        await GetAsync(on);
        on.Invalidate("p");
        await GetAsync(on);
        Assert.Equal(2, _readsMade);

        var off = New(seconds: 0);
        await GetAsync(off);
        await GetAsync(off);
        Assert.Equal(4, _readsMade);
    }

    private RevalidatedReads<string, int> New(int seconds) => new(ReadCaches.Of(seconds, _clock));

    private Task<int> GetAsync(RevalidatedReads<string, int> reads) => reads.GetAsync("p", Version, Value, CancellationToken.None);

    private Task<string?> Version(CancellationToken cancellationToken) => Task.FromResult(_version);

    private Task<int> Value(CancellationToken cancellationToken)
    {
        _readsMade++;
        return Task.FromResult(_stored);
    }
}
