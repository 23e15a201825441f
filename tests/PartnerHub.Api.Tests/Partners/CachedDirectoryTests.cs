using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Partners;

/// <summary>
/// A project's people and organisations as cards read them, remembered for ReadCache:Seconds and then asked again of the
/// version row (<see cref="DirectoryVersion"/>): a change made by another instance (a second directory on the same
/// tables) is listed here once the bound has passed, and an unchanged directory costs one point read, not two queries.
/// </summary>
public class CachedDirectoryTests : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string ProjectId = "vollsmose";
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private static readonly ProjectMember Anna = new("a0000000-0000-4000-8000-000000000001", ProjectId, ProjectRole.Coordinator, null, "Anna");
    private static readonly ProjectMember Samira = new("a0000000-0000-4000-8000-000000000002", ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira");
    private static readonly Organisation Solsikken = new("solsikken", ProjectId, OrganisationKind.Kindergarten, "Solsikken", false);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 5, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task After_the_bound_an_unchanged_directory_is_a_point_read_of_its_version_not_a_query()
    {
        var (prefix, here, elsewhere) = await TwoInstancesAsync();
        await elsewhere.UpsertMemberAsync(Tenant, Anna, CancellationToken.None);
        await elsewhere.UpsertOrganisationAsync(Solsikken, CancellationToken.None);
        using var calls = new StorageCalls(prefix);

        var first = await calls.CountAsync(async () =>
        {
            await here.MembersAsync(ProjectId, null, CancellationToken.None);
            await here.OrganisationsAsync(ProjectId, CancellationToken.None);
        });
        // Each with the version first: the people and the organisations are remembered apart.
        Assert.Equal([$"{TableNames.Main} point-read", $"{TableNames.Main} query", $"{TableNames.Main} point-read", $"{TableNames.Main} query"], first);

        _time.Advance(Bound);
        var again = await calls.CountAsync(async () =>
        {
            Assert.Equal([Anna], await here.MembersAsync(ProjectId, null, CancellationToken.None));
            Assert.Equal([Solsikken], await here.OrganisationsAsync(ProjectId, CancellationToken.None));
        });
        Assert.Equal([$"{TableNames.Main} point-read", $"{TableNames.Main} point-read"], again);
    }

    [Fact]
    public async Task People_added_changed_and_removed_by_another_instance_are_listed_here_once_the_bound_has_passed()
    {
        var (_, here, elsewhere) = await TwoInstancesAsync();
        await elsewhere.UpsertMemberAsync(Tenant, Anna, CancellationToken.None);
        Assert.Equal([Anna], await here.MembersAsync(ProjectId, null, CancellationToken.None));

        Assert.Equal(DirectoryWriteOutcome.Saved, await elsewhere.AddMemberAsync(Tenant, Samira, NewFingerprint(), CancellationToken.None));
        _time.Advance(Bound - TimeSpan.FromSeconds(1));
        // Within the bound this instance may still answer from what it read: that is the documented staleness.
        Assert.Equal([Anna], await here.MembersAsync(ProjectId, null, CancellationToken.None));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal([Anna, Samira], await here.MembersAsync(ProjectId, null, CancellationToken.None));

        var samira = (await elsewhere.FindStoredMemberAsync(ProjectId, Samira.ObjectId, CancellationToken.None))!;
        Assert.Equal(DirectoryWriteOutcome.Saved, await elsewhere.ChangeMemberAsync(Tenant, samira, Samira with { FirstName = string.Empty }, NewFingerprint(), CancellationToken.None));
        _time.Advance(Bound);
        Assert.Equal([Anna, Samira with { FirstName = string.Empty }], await here.MembersAsync(ProjectId, null, CancellationToken.None));

        samira = (await elsewhere.FindStoredMemberAsync(ProjectId, Samira.ObjectId, CancellationToken.None))!;
        Assert.Equal(DirectoryWriteOutcome.Saved, await elsewhere.RemoveMemberAsync(Tenant, samira, NewFingerprint(), [], CancellationToken.None));
        _time.Advance(Bound);
        Assert.Equal([Anna], await here.MembersAsync(ProjectId, null, CancellationToken.None));
    }

    [Fact]
    public async Task Organisations_added_or_renamed_by_another_instance_are_listed_here_once_the_bound_has_passed()
    {
        var (_, here, elsewhere) = await TwoInstancesAsync();
        Assert.Empty(await here.OrganisationsAsync(ProjectId, CancellationToken.None));

        Assert.Equal(DirectoryWriteOutcome.Saved, await elsewhere.AddOrganisationAsync(Solsikken, NewFingerprint(), CancellationToken.None));
        _time.Advance(Bound);
        Assert.Equal([Solsikken], await here.OrganisationsAsync(ProjectId, CancellationToken.None));

        var stored = (await elsewhere.FindStoredOrganisationAsync(ProjectId, Solsikken.Id, CancellationToken.None))!;
        Assert.Equal(DirectoryWriteOutcome.Saved, await elsewhere.ReplaceOrganisationAsync(Solsikken with { Name = "Børnehuset Solsikken" }, stored.ETag, NewFingerprint(), CancellationToken.None));
        _time.Advance(Bound);
        Assert.Equal("Børnehuset Solsikken", Assert.Single(await here.OrganisationsAsync(ProjectId, CancellationToken.None)).Name);
    }

    [Fact]
    public async Task A_change_that_does_not_commit_leaves_the_version_where_it_was()
    {
        var (prefix, here, elsewhere) = await TwoInstancesAsync();
        await elsewhere.UpsertMemberAsync(Tenant, Anna, CancellationToken.None);
        await here.MembersAsync(ProjectId, null, CancellationToken.None);
        var before = await DirectoryVersion.ReadAsync(Tables(prefix).Table(TableNames.Main), ProjectId, CancellationToken.None);

        // A second add of the same person fails on her row: the whole transaction, the version's move with it.
        Assert.Equal(DirectoryWriteOutcome.Conflict, await elsewhere.AddMemberAsync(Tenant, Anna, NewFingerprint(), CancellationToken.None));

        Assert.NotNull(before);
        Assert.Equal(before, await DirectoryVersion.ReadAsync(Tables(prefix).Table(TableNames.Main), ProjectId, CancellationToken.None));
    }

    private static string NewFingerprint() => Guid.NewGuid().ToString("N");

    private async Task<(string Prefix, DirectoryStore Here, DirectoryStore Elsewhere)> TwoInstancesAsync()
    {
        var prefix = AzuriteFixture.NewPrefix();
        await Tables(prefix).EnsureTablesAsync(CancellationToken.None);
        return (prefix, Instance(prefix), Instance(prefix));
    }

    /// <summary>One API instance's directory: its own clients and its own remembered reads.</summary>
    private DirectoryStore Instance(string prefix)
    {
        var cache = ReadCaches.Of((int)Bound.TotalSeconds, _time);
        var tables = Tables(prefix);
        return new DirectoryStore(tables, new TableCallerDirectory(tables, cache), cache);
    }

    private static TableStore Tables(string prefix) =>
        new(Options.Create(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, TablePrefix = prefix }));
}
