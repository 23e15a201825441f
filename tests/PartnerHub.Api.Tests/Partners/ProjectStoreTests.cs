using Microsoft.Extensions.Logging.Abstractions;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Supervision;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Partners;

public class ProjectStoreTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Demo_data_seeds_Vollsmose_and_seeding_twice_changes_nothing()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var projects = new ProjectStore(tables, new ProjectRegistry(tables, TimeProvider.System));
        var callers = new TableCallerDirectory(tables);
        var directory = new DirectoryStore(tables, callers);
        var referrals = new ReferralStore(tables, directory);
        var onwards = new OnwardStore(tables, directory);
        IDemoSeed[] seeds = [new SessionDemoSeed(new SessionStore(tables)), new ReferralDemoSeed(referrals, onwards), new DirectoryDemoSeed(projects, directory)];
        var demo = new DemoSeeding(tables, seeds, TimeProvider.System, NullLogger<DemoSeeding>.Instance);

        await demo.StartAsync(CancellationToken.None);
        await demo.StartAsync(CancellationToken.None);

        Assert.Equal(DemoData.Vollsmose, await projects.FindAsync("vollsmose", CancellationToken.None));
        Assert.Equal(DemoData.Organisations.Count, (await directory.OrganisationsAsync("vollsmose", CancellationToken.None)).Count);
        Assert.Equal(DemoData.Members.Count, (await directory.MembersAsync("vollsmose", null, CancellationToken.None)).Count);
        var coordinator = Assert.Single(await callers.MembershipsAsync(DemoData.PlaygroundTenant, DemoData.Coordinator.ObjectId, CancellationToken.None));
        Assert.Equal(ProjectRole.Coordinator, coordinator.Role);

        // Every state is shown, once, and seeding twice added nothing.
        var (ids, next) = await referrals.PageAsync("vollsmose", ReferralStore.ByTime, 50, null, CancellationToken.None);
        Assert.Null(next);
        var states = new List<ReferralState>();
        foreach (var id in ids)
        {
            states.Add((await referrals.FindAsync("vollsmose", id, CancellationToken.None))!.Referral.State);
        }

        Assert.Equal(Enum.GetValues<ReferralState>().Order(), states.Order());

        Assert.All(ReferralDemoSeed.OnwardReferrals(DateTimeOffset.UtcNow), o => Assert.True(ReferralIds.IsValid(o.Id), o.Id));

        // Two onward referrals, once each: one accepted by the family department, one waiting at the health visitors.
        var contacted = await onwards.OfReferralAsync("vollsmose", ReferralDemoSeed.Ids.Contacted, CancellationToken.None);
        var answered = Assert.Single(contacted);
        Assert.Equal((OnwardState.Accepted, "familieafdelingen", DemoData.SocialServicesStaff.ObjectId), (answered.State, answered.ToOrganisationId, answered.AnsweredByObjectId));
        var waiting = Assert.Single(await onwards.OfReferralAsync("vollsmose", ReferralDemoSeed.Ids.Assigned, CancellationToken.None));
        Assert.Equal((OnwardState.Sent, "sundhedsplejen"), (waiting.State, waiting.ToOrganisationId));
    }

    [Theory]
    [InlineData("ishøj")]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("../etc")]
    public async Task An_invalid_project_id_is_never_sent_to_storage(string id)
    {
        var projects = await NewProjectStoreAsync();
        Assert.Null(await projects.FindAsync(id, CancellationToken.None));
    }

    [Fact]
    public async Task A_projects_language_is_Danish_unless_set_and_round_trips()
    {
        var projects = await NewProjectStoreAsync();
        var project = new Project("sprogby", "Bydelsmødre Sprogby", "Sprogby Kommune", "Beboerhuset");
        await projects.UpsertAsync(project, CancellationToken.None);
        Assert.Equal("da", (await projects.FindAsync("sprogby", CancellationToken.None))!.Language);

        await projects.UpsertAsync(project with { Language = "en" }, CancellationToken.None);
        var english = await projects.FindAsync("sprogby", CancellationToken.None);
        Assert.Equal("en", english!.Language);
        Assert.NotEqual(project, english);
    }

    private static async Task<ProjectStore> NewProjectStoreAsync()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        return new ProjectStore(tables, new ProjectRegistry(tables, TimeProvider.System));
    }
}
