using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Partners;

/// <summary>
/// Memberships are remembered for ReadCache:Seconds: a change made by another instance (here a second directory on the
/// same tables, with a cache of its own) is honoured here within that bound, never later; one made here at once.
/// </summary>
public class CachedMembershipTests : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string Person = "c0a1b2c3-0000-4000-8000-0000000000c1";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_member_removed_by_another_instance_is_refused_here_once_the_bound_has_passed()
    {
        var (here, elsewhere) = await TwoInstancesAsync();
        await elsewhere.GrantAsync(Tenant, Person, new ProjectMembership("vollsmose", ProjectRole.NeighbourhoodMother), CancellationToken.None);
        Assert.Single(await here.MembershipsAsync(Tenant, Person, CancellationToken.None));

        await elsewhere.RevokeAsync(Tenant, Person, "vollsmose", CancellationToken.None);
        _time.Advance(Bound - TimeSpan.FromSeconds(1));
        // Within the bound this instance may still answer from what it read: that is the documented staleness.
        Assert.Single(await here.MembershipsAsync(Tenant, Person, CancellationToken.None));

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Empty(await here.MembershipsAsync(Tenant, Person, CancellationToken.None));
    }

    [Fact]
    public async Task A_role_changed_by_another_instance_is_honoured_here_once_the_bound_has_passed()
    {
        var (here, elsewhere) = await TwoInstancesAsync();
        await elsewhere.GrantAsync(Tenant, Person, new ProjectMembership("vollsmose", ProjectRole.Coordinator), CancellationToken.None);
        Assert.Equal(ProjectRole.Coordinator, Assert.Single(await here.MembershipsAsync(Tenant, Person, CancellationToken.None)).Role);

        await elsewhere.GrantAsync(Tenant, Person, new ProjectMembership("vollsmose", ProjectRole.PartnerStaff, "solsikken"), CancellationToken.None);
        _time.Advance(Bound);

        Assert.Equal(new ProjectMembership("vollsmose", ProjectRole.PartnerStaff, "solsikken"), Assert.Single(await here.MembershipsAsync(Tenant, Person, CancellationToken.None)));
    }

    [Fact]
    public async Task A_removal_or_role_change_made_through_this_instance_is_seen_at_once()
    {
        var (here, _) = await TwoInstancesAsync();
        await here.GrantAsync(Tenant, Person, new ProjectMembership("vollsmose", ProjectRole.Coordinator), CancellationToken.None);
        Assert.Single(await here.MembershipsAsync(Tenant, Person, CancellationToken.None));

        await here.GrantAsync(Tenant, Person, new ProjectMembership("vollsmose", ProjectRole.NeighbourhoodMother), CancellationToken.None);
        Assert.Equal(ProjectRole.NeighbourhoodMother, Assert.Single(await here.MembershipsAsync(Tenant, Person, CancellationToken.None)).Role);

        await here.RevokeAsync(Tenant, Person, "vollsmose", CancellationToken.None);
        Assert.Empty(await here.MembershipsAsync(Tenant, Person, CancellationToken.None));
    }

    [Fact]
    public async Task With_zero_seconds_every_call_reads_storage()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var here = new TableCallerDirectory(tables, Cache(seconds: 0));
        var elsewhere = new TableCallerDirectory(tables, Cache(seconds: 30));
        await elsewhere.GrantAsync(Tenant, Person, new ProjectMembership("vollsmose", ProjectRole.NeighbourhoodMother), CancellationToken.None);
        Assert.Single(await here.MembershipsAsync(Tenant, Person, CancellationToken.None));

        await elsewhere.RevokeAsync(Tenant, Person, "vollsmose", CancellationToken.None);

        Assert.Empty(await here.MembershipsAsync(Tenant, Person, CancellationToken.None));
    }

    private async Task<(TableCallerDirectory Here, TableCallerDirectory Elsewhere)> TwoInstancesAsync()
    {
        TableStore tables = await AzuriteFixture.NewStoreAsync();
        return (new TableCallerDirectory(tables, Cache(30)), new TableCallerDirectory(tables, Cache(30)));
    }

    private ReadCache Cache(int seconds) => ReadCaches.Of(seconds, _time);
}
