using Azure;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Partners;

/// <summary>The directory's conditional writes against Azurite: ETags, idempotency rows, the last-coordinator rule under races, and grants that follow the list.</summary>
public sealed class DirectoryStoreTests : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "tenant-directory";
    private const string ProjectId = "vollsmose";
    private static readonly ProjectMember Anna = new("a0000000-0000-4000-8000-000000000001", ProjectId, ProjectRole.Coordinator, null, "Anna");
    private static readonly ProjectMember Bodil = new("a0000000-0000-4000-8000-000000000002", ProjectId, ProjectRole.Coordinator, null, "Bodil");

    [Fact]
    public async Task Two_coordinators_demoting_each_other_at_once_never_leave_the_project_without_one()
    {
        for (var round = 0; round < 12; round++)
        {
            var (directory, callers) = await NewDirectoryAsync();
            await directory.UpsertMemberAsync(Tenant, Anna, CancellationToken.None);
            await directory.UpsertMemberAsync(Tenant, Bodil, CancellationToken.None);
            var anna = (await directory.FindStoredMemberAsync(ProjectId, Anna.ObjectId, CancellationToken.None))!;
            var bodil = (await directory.FindStoredMemberAsync(ProjectId, Bodil.ObjectId, CancellationToken.None))!;

            // Each demotes the other, from forms both read while there were two coordinators; one of them also removes.
            var outcomes = await Task.WhenAll(
                directory.ChangeMemberAsync(Tenant, anna, Anna with { Role = ProjectRole.NeighbourhoodMother }, NewFingerprint(), CancellationToken.None),
                round % 2 == 0
                    ? directory.ChangeMemberAsync(Tenant, bodil, Bodil with { Role = ProjectRole.Teacher }, NewFingerprint(), CancellationToken.None)
                    : directory.RemoveMemberAsync(Tenant, bodil, NewFingerprint(), [], CancellationToken.None));

            Assert.Single(outcomes, o => o == DirectoryWriteOutcome.Saved);
            Assert.Single(outcomes, o => o is DirectoryWriteOutcome.Conflict or DirectoryWriteOutcome.LastCoordinator);
            var coordinators = await directory.MembersAsync(ProjectId, ProjectRole.Coordinator, CancellationToken.None);
            var last = Assert.Single(coordinators);

            // What callers are resolved by follows the list exactly, including the grant restored for the refused one.
            foreach (var person in new[] { Anna, Bodil })
            {
                var listed = await directory.FindMemberAsync(ProjectId, person.ObjectId, CancellationToken.None);
                var granted = await callers.MembershipsAsync(Tenant, person.ObjectId, CancellationToken.None);
                Assert.Equal(listed?.Role, granted.SingleOrDefault(m => m.ProjectId == ProjectId)?.Role);
            }

            Assert.Equal(ProjectRole.Coordinator, (await callers.MembershipsAsync(Tenant, last.ObjectId, CancellationToken.None)).Single().Role);
        }
    }

    [Fact]
    public async Task A_change_or_removal_on_a_stale_etag_is_refused_and_changes_nothing()
    {
        var (directory, callers) = await NewDirectoryAsync();
        var mother = new ProjectMember("a0000000-0000-4000-8000-000000000003", ProjectId, ProjectRole.NeighbourhoodMother, null, "Hodan");
        Assert.Equal(DirectoryWriteOutcome.Saved, await directory.AddMemberAsync(Tenant, mother, NewFingerprint(), CancellationToken.None));
        Assert.Equal(DirectoryWriteOutcome.Conflict, await directory.AddMemberAsync(Tenant, mother with { FirstName = "Other" }, NewFingerprint(), CancellationToken.None));
        var read = (await directory.FindStoredMemberAsync(ProjectId, mother.ObjectId, CancellationToken.None))!;

        Assert.Equal(DirectoryWriteOutcome.Saved, await directory.ChangeMemberAsync(Tenant, read, mother with { FirstName = "Hodan A." }, NewFingerprint(), CancellationToken.None));
        Assert.Equal(DirectoryWriteOutcome.Conflict, await directory.ChangeMemberAsync(Tenant, read, mother with { Role = ProjectRole.Teacher }, NewFingerprint(), CancellationToken.None));
        Assert.Equal(DirectoryWriteOutcome.Conflict, await directory.RemoveMemberAsync(Tenant, read, NewFingerprint(), [], CancellationToken.None));

        var now = (await directory.FindStoredMemberAsync(ProjectId, mother.ObjectId, CancellationToken.None))!;
        Assert.Equal(mother with { FirstName = "Hodan A." }, now.Member);
        Assert.Equal(ProjectRole.NeighbourhoodMother, (await callers.MembershipsAsync(Tenant, mother.ObjectId, CancellationToken.None)).Single().Role);

        Assert.Equal(DirectoryWriteOutcome.Saved, await directory.RemoveMemberAsync(Tenant, now, NewFingerprint(), [], CancellationToken.None));
        Assert.Empty(await callers.MembershipsAsync(Tenant, mother.ObjectId, CancellationToken.None));
        Assert.Equal(DirectoryWriteOutcome.Conflict, await directory.RemoveMemberAsync(Tenant, now, NewFingerprint(), [], CancellationToken.None));
        Assert.Empty(await callers.MembershipsAsync(Tenant, mother.ObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_whose_idempotency_row_exists_commits_nothing_and_is_recorded_as_applied()
    {
        var (directory, _) = await NewDirectoryAsync();
        var organisation = new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Solsikken", false);
        var fingerprint = NewFingerprint();
        Assert.Equal(DirectoryWriteOutcome.Saved, await directory.AddOrganisationAsync(organisation, fingerprint, CancellationToken.None));
        var read = (await directory.FindStoredOrganisationAsync(ProjectId, "solsikken", CancellationToken.None))!;
        Assert.True(await directory.WasAppliedAsync(ProjectId, fingerprint, CancellationToken.None));
        Assert.False(await directory.WasAppliedAsync(ProjectId, NewFingerprint(), CancellationToken.None));

        // The same fingerprint again, even on the current ETag: the transaction fails as a whole, nothing is replaced.
        Assert.Equal(DirectoryWriteOutcome.Conflict, await directory.ReplaceOrganisationAsync(organisation with { Name = "Twice" }, read.ETag, fingerprint, CancellationToken.None));
        Assert.Equal(DirectoryWriteOutcome.Conflict, await directory.ReplaceOrganisationAsync(organisation with { Name = "Stale" }, new ETag("W/\"datetime'2000-01-01T00%3A00%3A00Z'\""), NewFingerprint(), CancellationToken.None));
        Assert.Equal("Solsikken", (await directory.FindOrganisationAsync(ProjectId, "solsikken", CancellationToken.None))!.Name);
        Assert.Equal(DirectoryWriteOutcome.Saved, await directory.ReplaceOrganisationAsync(organisation with { Name = "Børnehuset Solsikken" }, read.ETag, NewFingerprint(), CancellationToken.None));
    }

    [Fact]
    public async Task The_last_coordinator_can_be_renamed_but_not_demoted_or_removed()
    {
        var (directory, callers) = await NewDirectoryAsync();
        await directory.UpsertMemberAsync(Tenant, Anna, CancellationToken.None);
        var read = (await directory.FindStoredMemberAsync(ProjectId, Anna.ObjectId, CancellationToken.None))!;

        Assert.Equal(DirectoryWriteOutcome.LastCoordinator, await directory.ChangeMemberAsync(Tenant, read, Anna with { Role = ProjectRole.Teacher }, NewFingerprint(), CancellationToken.None));
        Assert.Equal(DirectoryWriteOutcome.LastCoordinator, await directory.RemoveMemberAsync(Tenant, read, NewFingerprint(), [], CancellationToken.None));
        Assert.Equal(ProjectRole.Coordinator, (await callers.MembershipsAsync(Tenant, Anna.ObjectId, CancellationToken.None)).Single().Role);
        Assert.Equal(DirectoryWriteOutcome.Saved, await directory.ChangeMemberAsync(Tenant, read, Anna with { FirstName = "Anna K." }, NewFingerprint(), CancellationToken.None));
    }

    /// <summary>A fingerprint no other change has: these tests are about the store's conditions, not about what makes a retry.</summary>
    private static string NewFingerprint() => Guid.NewGuid().ToString("N");

    private static async Task<(DirectoryStore Directory, TableCallerDirectory Callers)> NewDirectoryAsync()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var callers = new TableCallerDirectory(tables);
        return (new DirectoryStore(tables, callers), callers);
    }
}
