using Azure;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Partners;

/// <summary>The directory's conditional writes against Azurite: ETags, the last-coordinator rule under races, and grants that follow the list.</summary>
public sealed class DirectoryStoreTests : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "tenant-directory";
    private const string ProjectId = "vollsmose";
    private const string Editor = "a0000000-0000-4000-8000-000000000009";
    private const string OtherEditor = "a0000000-0000-4000-8000-000000000008";
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
                directory.ChangeMemberAsync(Tenant, Editor, Anna with { Role = ProjectRole.NeighbourhoodMother }, anna.ETag, CancellationToken.None),
                round % 2 == 0
                    ? directory.ChangeMemberAsync(Tenant, Editor, Bodil with { Role = ProjectRole.Teacher }, bodil.ETag, CancellationToken.None)
                    : directory.RemoveMemberAsync(Tenant, ProjectId, Bodil.ObjectId, bodil.ETag, CancellationToken.None));

            Assert.Single(outcomes, o => o == MemberWriteOutcome.Saved);
            Assert.Single(outcomes, o => o is MemberWriteOutcome.Conflict or MemberWriteOutcome.LastCoordinator);
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
        Assert.Equal(MemberWriteOutcome.Saved, await directory.AddMemberAsync(Tenant, mother, CancellationToken.None));
        Assert.Equal(MemberWriteOutcome.AlreadyMember, await directory.AddMemberAsync(Tenant, mother with { FirstName = "Other" }, CancellationToken.None));
        var read = (await directory.FindStoredMemberAsync(ProjectId, mother.ObjectId, CancellationToken.None))!;

        Assert.Equal(MemberWriteOutcome.Saved, await directory.ChangeMemberAsync(Tenant, Editor, mother with { FirstName = "Hodan A." }, read.ETag, CancellationToken.None));
        Assert.Equal(MemberWriteOutcome.Conflict, await directory.ChangeMemberAsync(Tenant, Editor, mother with { Role = ProjectRole.Teacher }, read.ETag, CancellationToken.None));
        Assert.Equal(MemberWriteOutcome.Conflict, await directory.RemoveMemberAsync(Tenant, ProjectId, mother.ObjectId, read.ETag, CancellationToken.None));

        var now = (await directory.FindStoredMemberAsync(ProjectId, mother.ObjectId, CancellationToken.None))!;
        Assert.Equal(mother with { FirstName = "Hodan A." }, now.Member);
        Assert.Equal(ProjectRole.NeighbourhoodMother, (await callers.MembershipsAsync(Tenant, mother.ObjectId, CancellationToken.None)).Single().Role);

        Assert.Equal(MemberWriteOutcome.Saved, await directory.RemoveMemberAsync(Tenant, ProjectId, mother.ObjectId, now.ETag, CancellationToken.None));
        Assert.Empty(await callers.MembershipsAsync(Tenant, mother.ObjectId, CancellationToken.None));
        Assert.Equal(MemberWriteOutcome.NotFound, await directory.RemoveMemberAsync(Tenant, ProjectId, mother.ObjectId, now.ETag, CancellationToken.None));
        Assert.Equal(MemberWriteOutcome.NotFound, await directory.ChangeMemberAsync(Tenant, Editor, mother, new ETag("W/\"x\""), CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_same_editors_same_change_from_the_same_etag_is_a_retry()
    {
        var (directory, _) = await NewDirectoryAsync();
        var mother = new ProjectMember("a0000000-0000-4000-8000-000000000007", ProjectId, ProjectRole.NeighbourhoodMother, null, "Hodan");
        Assert.Equal(MemberWriteOutcome.Saved, await directory.AddMemberAsync(Tenant, mother, CancellationToken.None));
        var read = (await directory.FindStoredMemberAsync(ProjectId, mother.ObjectId, CancellationToken.None))!;

        Assert.Equal(MemberWriteOutcome.Saved, await directory.ChangeMemberAsync(Tenant, Editor, mother with { FirstName = "Hodan A." }, read.ETag, CancellationToken.None));
        var saved = (await directory.FindStoredMemberAsync(ProjectId, mother.ObjectId, CancellationToken.None))!;

        // The retry: answered as applied, nothing written again (the ETag stays).
        Assert.Equal(MemberWriteOutcome.AlreadyApplied, await directory.ChangeMemberAsync(Tenant, Editor, mother with { FirstName = "Hodan A." }, read.ETag, CancellationToken.None));
        // Another name from the same version, or the same name from another coordinator: a lost race, not a retry.
        Assert.Equal(MemberWriteOutcome.Conflict, await directory.ChangeMemberAsync(Tenant, Editor, mother with { FirstName = "Hodan B." }, read.ETag, CancellationToken.None));
        Assert.Equal(MemberWriteOutcome.Conflict, await directory.ChangeMemberAsync(Tenant, OtherEditor, mother with { FirstName = "Hodan A." }, read.ETag, CancellationToken.None));

        var now = (await directory.FindStoredMemberAsync(ProjectId, mother.ObjectId, CancellationToken.None))!;
        Assert.Equal(saved.ETag, now.ETag);
        Assert.Equal("Hodan A.", now.Member.FirstName);
    }

    [Fact]
    public async Task The_last_coordinator_can_be_renamed_but_not_demoted_or_removed()
    {
        var (directory, callers) = await NewDirectoryAsync();
        await directory.UpsertMemberAsync(Tenant, Anna, CancellationToken.None);
        var read = (await directory.FindStoredMemberAsync(ProjectId, Anna.ObjectId, CancellationToken.None))!;

        Assert.Equal(MemberWriteOutcome.LastCoordinator, await directory.ChangeMemberAsync(Tenant, Editor, Anna with { Role = ProjectRole.Teacher }, read.ETag, CancellationToken.None));
        Assert.Equal(MemberWriteOutcome.LastCoordinator, await directory.RemoveMemberAsync(Tenant, ProjectId, Anna.ObjectId, read.ETag, CancellationToken.None));
        Assert.Equal(ProjectRole.Coordinator, (await callers.MembershipsAsync(Tenant, Anna.ObjectId, CancellationToken.None)).Single().Role);
        Assert.Equal(MemberWriteOutcome.Saved, await directory.ChangeMemberAsync(Tenant, Editor, Anna with { FirstName = "Anna K." }, read.ETag, CancellationToken.None));
    }

    private static async Task<(DirectoryStore Directory, TableCallerDirectory Callers)> NewDirectoryAsync()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var callers = new TableCallerDirectory(tables);
        return (new DirectoryStore(tables, callers), callers);
    }
}
