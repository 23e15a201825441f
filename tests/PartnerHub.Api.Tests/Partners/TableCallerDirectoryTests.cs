using Azure.Data.Tables;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Partners;

public class TableCallerDirectoryTests : IClassFixture<AzuriteFixture>
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";

    [Fact]
    public async Task Grants_are_read_back_per_tenant_and_object_id_and_revoked()
    {
        var directory = new TableCallerDirectory(await AzuriteFixture.NewStoreAsync());
        await directory.GrantAsync(Tenant, "person-1", new ProjectMembership("vollsmose", ProjectRole.PartnerStaff, "boernehuset-solsikken"), CancellationToken.None);
        await directory.GrantAsync(Tenant, "person-1", new ProjectMembership("gellerup", ProjectRole.Teacher), CancellationToken.None);
        await directory.GrantAsync("other-tenant", "person-1", new ProjectMembership("tingbjerg", ProjectRole.Coordinator), CancellationToken.None);

        var memberships = await directory.MembershipsAsync(Tenant, "person-1", CancellationToken.None);
        Assert.Equal(
            [new ProjectMembership("gellerup", ProjectRole.Teacher), new ProjectMembership("vollsmose", ProjectRole.PartnerStaff, "boernehuset-solsikken")],
            memberships.OrderBy(m => m.ProjectId));

        await directory.RevokeAsync(Tenant, "person-1", "gellerup", CancellationToken.None);
        await directory.RevokeAsync(Tenant, "person-1", "gellerup", CancellationToken.None);
        Assert.Equal(["vollsmose"], (await directory.MembershipsAsync(Tenant, "person-1", CancellationToken.None)).Select(m => m.ProjectId));
    }

    [Fact]
    public async Task Separator_in_an_id_cannot_reach_another_persons_partition()
    {
        var directory = new TableCallerDirectory(await AzuriteFixture.NewStoreAsync());
        await directory.GrantAsync("a|b", "c", new ProjectMembership("vollsmose", ProjectRole.Coordinator), CancellationToken.None);

        Assert.Empty(await directory.MembershipsAsync("a", "b|c", CancellationToken.None));
    }

    [Fact]
    public async Task Unreadable_rows_grant_nothing()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var directory = new TableCallerDirectory(tables);
        var partition = TableCallerDirectory.PartitionFor(Tenant, "person-2");
        await tables.Table(TableNames.People).AddEntityAsync(new TableEntity(partition, "vollsmose") { ["Role"] = "Administrator" });
        await tables.Table(TableNames.People).AddEntityAsync(new TableEntity(partition, "gellerup") { ["Role"] = "7" });
        await tables.Table(TableNames.People).AddEntityAsync(new TableEntity(partition, "Not-A-Project") { ["Role"] = "Coordinator" });

        Assert.Empty(await directory.MembershipsAsync(Tenant, "person-2", CancellationToken.None));
    }

    [Fact]
    public async Task Invalid_project_id_or_role_is_never_granted()
    {
        var directory = new TableCallerDirectory(await AzuriteFixture.NewStoreAsync());

        await Assert.ThrowsAsync<ArgumentException>(() => directory.GrantAsync(Tenant, "p", new ProjectMembership("../x", ProjectRole.Coordinator), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => directory.GrantAsync(Tenant, "p", new ProjectMembership("vollsmose", (ProjectRole)42), CancellationToken.None));
    }
}
