using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage.Leases;

/// <summary>Two instances (two <see cref="TableLeases"/> on one table, as two hosts would have) asking for one lease.</summary>
public sealed class TableLeasesTests : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Of_two_instances_asking_at_once_exactly_one_gets_the_lease_every_time()
    {
        var (first, second) = await TwoInstancesAsync();

        for (var round = 0; round < 10; round++)
        {
            var name = "race-" + round;
            var got = await Task.WhenAll(first.TryAcquireAsync(name, Hour, CancellationToken.None), second.TryAcquireAsync(name, Hour, CancellationToken.None));

            Assert.Single(got, held => held);
        }
    }

    [Fact]
    public async Task The_holder_extends_its_lease_and_another_gets_it_only_when_it_has_run_out()
    {
        var (first, second) = await TwoInstancesAsync();

        Assert.True(await first.TryAcquireAsync("loop", Hour, CancellationToken.None));
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await second.TryAcquireAsync("loop", Hour, CancellationToken.None));
        Assert.True(await first.TryAcquireAsync("loop", Hour, CancellationToken.None)); // extended to 10:59
        _clock.Advance(TimeSpan.FromMinutes(59));
        Assert.False(await second.TryAcquireAsync("loop", Hour, CancellationToken.None));

        _clock.Advance(TimeSpan.FromMinutes(2)); // the holder died: nobody extended it
        Assert.True(await second.TryAcquireAsync("loop", Hour, CancellationToken.None));
        Assert.False(await first.TryAcquireAsync("loop", Hour, CancellationToken.None));
    }

    [Fact]
    public async Task A_released_lease_goes_to_the_next_instance_at_once_and_only_its_holder_can_release_it()
    {
        var (first, second) = await TwoInstancesAsync();
        Assert.True(await first.TryAcquireAsync("loop", Hour, CancellationToken.None));

        await second.ReleaseAsync("loop", CancellationToken.None); // not its lease: nothing happens
        Assert.False(await second.TryAcquireAsync("loop", Hour, CancellationToken.None));

        await first.ReleaseAsync("loop", CancellationToken.None);
        Assert.True(await second.TryAcquireAsync("loop", Hour, CancellationToken.None));
        Assert.NotEqual(first.Holder, second.Holder);
    }

    private async Task<(TableLeases First, TableLeases Second)> TwoInstancesAsync()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        return (Instance(store), Instance(store));
    }

    private TableLeases Instance(TableStore store) => new(store, _clock, NullLogger<TableLeases>.Instance);
}
