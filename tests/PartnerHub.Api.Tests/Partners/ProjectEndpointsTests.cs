using System.Net;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Partners;

/// <summary>GET /api/projects/{projectId}: members see their project, nobody else sees anything.</summary>
/// <remarks>One host for the class; each test's Vollsmose and Gellerup are project ids no other test uses.</remarks>
public sealed class ProjectEndpointsTests(RestHostFixture fixture) : IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    private const string Person = "3c9d2e4f-0000-4000-8000-00000000face";
    private readonly RestHost _host = fixture.Host;

    private string Vollsmose { get; } = RestHostFixture.NewProjectId("vollsmose");

    private string Gellerup { get; } = RestHostFixture.NewProjectId("gellerup");

    [Theory]
    [InlineData(ProjectRole.Coordinator)]
    [InlineData(ProjectRole.NeighbourhoodMother)]
    [InlineData(ProjectRole.PartnerStaff)]
    [InlineData(ProjectRole.Teacher)]
    public async Task Any_member_gets_the_project(ProjectRole role)
    {
        var project = await _host.SeedProjectAsync(Vollsmose);
        await _host.GrantAsync(Person, project.Id, role);

        using var response = await _host.GetAsync("/api/projects/" + Vollsmose, _host.TokenFor(Person));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.MediaType()?.MediaType);
        var body = await response.JsonAsync();
        Assert.Equal(project.Id, (string?)body["id"]);
        Assert.Equal(project.Name, (string?)body["name"]);
        Assert.Equal(project.Municipality, (string?)body["municipality"]);
        Assert.Equal(project.FixedPlace, (string?)body["fixedPlace"]);
        Assert.Equal(4, body.Count);
    }

    [Fact]
    public async Task Member_of_another_project_gets_403_problem()
    {
        await _host.SeedProjectAsync(Vollsmose);
        await _host.SeedProjectAsync(Gellerup);
        await _host.GrantAsync(Person, Gellerup, ProjectRole.Coordinator);

        using var response = await _host.GetAsync("/api/projects/" + Vollsmose, _host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Same_object_id_in_another_tenant_is_not_the_member()
    {
        await _host.SeedProjectAsync(Vollsmose);
        await _host.GrantAsync(Person, Vollsmose, ProjectRole.Coordinator, tenantId: "99999999-8888-7777-6666-555555555555");

        using var response = await _host.GetAsync("/api/projects/" + Vollsmose, _host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Revoked_member_gets_403_problem()
    {
        await _host.SeedProjectAsync(Vollsmose);
        await _host.GrantAsync(Person, Vollsmose, ProjectRole.NeighbourhoodMother);
        await _host.Directory.RevokeAsync(RestHost.TenantId, Person, Vollsmose, CancellationToken.None);

        using var response = await _host.GetAsync("/api/projects/" + Vollsmose, _host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("..%2Fx")]
    [InlineData("%2E%2E%2Fx")]
    [InlineData("{her project, capitalised}")]
    [InlineData("ishøj")]
    [InlineData("x' or PartitionKey ne '")]
    [InlineData("ab")]
    public async Task Invalid_project_id_gets_404_problem(string projectId)
    {
        projectId = projectId.Replace("{her project, capitalised}", char.ToUpperInvariant(Vollsmose[0]) + Vollsmose[1..], StringComparison.Ordinal);
        await _host.GrantAsync(Person, Vollsmose, ProjectRole.Coordinator);

        using var response = await _host.GetAsync("/api/projects/" + projectId, _host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_project_gets_404_problem()
    {
        await _host.SeedProjectAsync(Vollsmose);
        await _host.GrantAsync(Person, Vollsmose, ProjectRole.Coordinator);

        using var response = await _host.GetAsync("/api/projects/" + Gellerup, _host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Membership_in_a_project_without_a_row_gets_404_problem()
    {
        await _host.GrantAsync(Person, Gellerup, ProjectRole.Coordinator);

        using var response = await _host.GetAsync("/api/projects/" + Gellerup, _host.TokenFor(Person));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Project_endpoint_is_declared_in_the_openapi_document_with_its_errors()
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync("/openapi/v1.json", token: null);

        var document = await response.JsonAsync();
        var get = document["paths"]?["/api/projects/{projectId}"]?["get"];
        Assert.NotNull(get);
        foreach (var status in new[] { "200", "401", "403", "404" })
        {
            Assert.True(get["responses"]?[status] is not null, $"response {status} is not declared");
        }
    }
}
