using Azure.Data.Tables;
using PartnerHub.Api.Course;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Changes;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// A participant's account index across projects (<see cref="CourseStore.AccountCohortsAsync"/>) follows her place on
/// the list as <see cref="CourseService"/> changes it, and <see cref="CourseParticipantResolver"/> shows nothing a
/// stale row or another tenant names.
/// </summary>
[Collection(CourseServicesGroup.Name)]
public sealed class CourseParticipantResolverTests(CourseServiceHost host)
{
    private const string OtherTenant = "0b0e0d0c-0000-4000-8000-00000000dead";
    private static readonly CancellationToken None = CancellationToken.None;

    private CourseParticipantResolver Resolver => host.Get<CourseParticipantResolver>();

    private TableClient Main => host.Get<TableStore>().Table(TableNames.Main);

    private async Task<bool> AccountRowAsync(string objectId, string projectId, string cohortId) =>
        (await Main.GetEntityIfExistsAsync<TableEntity>(CourseStore.AccountPartition(objectId), projectId + "|" + cohortId, cancellationToken: None)).HasValue;

    [Fact]
    public async Task Her_account_row_is_written_and_removed_with_her_place_on_the_list()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var account = Guid.NewGuid().ToString();
        var otherAccount = Guid.NewGuid().ToString();

        var cohort = await world.CohortAsync(amina: account);
        var id = cohort.Cohort.Id;
        var amina = cohort.Cohort.Participants.Single(p => p.Name == "Amina Hassan");

        Assert.True(await AccountRowAsync(account, world.ProjectId, id));
        Assert.Equal([(world.ProjectId, id)], await world.Store.AccountCohortsAsync(account, None));
        var place = Assert.Single(await Resolver.PlacesAsync(CourseWorld.TenantId, account, None));
        Assert.Equal((world.ProjectId, id, amina.Id), (place.Project.Id, place.Cohort.Cohort.Id, place.Self.Id));
        Assert.Empty(await Resolver.PlacesAsync(OtherTenant, account, None));

        // Her account changed on the list: the old one's row goes, the new one's comes, in the same change.
        var renamed = await world.Courses.RenameParticipantAsync(world.Coordinator, id, cohort.Cohort.Version, amina.Id, new ParticipantInput("Amina Hassan", otherAccount), null, None);
        Assert.Equal(ChangeOutcome.Changed, renamed.Outcome);
        Assert.False(await AccountRowAsync(account, world.ProjectId, id));
        Assert.True(await AccountRowAsync(otherAccount, world.ProjectId, id));
        Assert.Empty(await Resolver.PlacesAsync(CourseWorld.TenantId, account, None));

        // A removal that loses the race at commit (the cohort's ETag changed meanwhile) leaves her row: it goes only after a commit.
        var current = renamed.Current!;
        var lost = await world.Store.UpdateCohortAsync(
            current with { ETag = cohort.ETag }, current.Cohort with { Participants = [.. current.Cohort.Participants.Where(p => p.Id != amina.Id)], Version = current.Cohort.Version + 1 },
            [], CourseChanges.Change(world.CoordinatorId, CourseStore.CohortRecord, id, current.Cohort.Version, "RemoveParticipant", new { lost = true }), [], None);
        Assert.Equal(ChangeOutcome.Conflict, lost.Outcome);
        Assert.True(await AccountRowAsync(otherAccount, world.ProjectId, id));

        var removed = await world.Courses.RemoveParticipantAsync(world.Coordinator, id, renamed.Current!.Cohort.Version, amina.Id, null, None);
        Assert.Equal(ChangeOutcome.Changed, removed.Outcome);
        Assert.False(await AccountRowAsync(otherAccount, world.ProjectId, id));
        Assert.Empty(await world.Store.AccountCohortsAsync(otherAccount, None));
        Assert.Empty(await Resolver.PlacesAsync(CourseWorld.TenantId, otherAccount, None));
    }

    [Fact]
    public async Task A_stale_account_row_shows_nothing()
    {
        var world = await new CourseWorld(host).SeedAsync();
        var account = Guid.NewGuid().ToString();
        var cohort = await world.CohortAsync(amina: null);

        // A row left by a change that did not commit (or a crash before its removal): she is not on the list.
        await Main.UpsertEntityAsync(
            new TableEntity(CourseStore.AccountPartition(account), world.ProjectId + "|" + cohort.Cohort.Id) { ["ProjectId"] = world.ProjectId, ["CohortId"] = cohort.Cohort.Id },
            TableUpdateMode.Replace,
            None);

        Assert.Single(await world.Store.AccountCohortsAsync(account, None));
        Assert.Empty(await Resolver.PlacesAsync(CourseWorld.TenantId, account, None));
        Assert.Null(await Resolver.ResolveAsync(CourseWorld.TenantId, account, world.ProjectId, cohort.Cohort.Id, None));
    }
}
