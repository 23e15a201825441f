using Microsoft.Extensions.Logging.Abstractions;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Partners;

[Collection(AzuriteGroup.Name)]
public class ProjectStoreTests
{
    [Fact]
    public async Task Demo_data_seeds_Vollsmose_and_seeding_twice_changes_nothing()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var projects = new ProjectStore(tables);
        var demo = new DemoData(tables, projects, NullLogger<DemoData>.Instance);

        await demo.StartAsync(CancellationToken.None);
        await demo.StartAsync(CancellationToken.None);

        Assert.Equal(DemoData.Vollsmose, await projects.FindAsync("vollsmose", CancellationToken.None));
    }

    [Theory]
    [InlineData("ishøj")]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("../etc")]
    public async Task An_invalid_project_id_is_never_sent_to_storage(string id)
    {
        var projects = new ProjectStore(await AzuriteFixture.NewStoreAsync());
        Assert.Null(await projects.FindAsync(id, CancellationToken.None));
    }
}
