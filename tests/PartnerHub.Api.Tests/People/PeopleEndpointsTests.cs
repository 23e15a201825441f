using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Graph;
using PartnerHub.Api.People;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using WireMock.RequestBuilders;

namespace PartnerHub.Api.Tests.People;

/// <summary>
/// GET /api/people?search=… on the real host with signed Entra tokens: who may search, what bad input answers, what a
/// refusing directory answers. Without Graph settings the host searches the demo cast (<see cref="LocalPeopleSearch"/>).
/// </summary>
/// <remarks>
/// One host for the class (cost): each test grants in a project of its own, and the fixed people only ever get the
/// same role. The two tests that need another host (a refusing directory, Development) start their own.
/// </remarks>
public sealed class PeopleEndpointsTests(RestHostFixture fixture) : IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    private const string Coordinator = "c1c1c1c1-0000-4000-8000-00000000c0c1";
    private const string Mother = "d1d1d1d1-0000-4000-8000-00000000d0d1";
    private const string Admin = "a1a1a1a1-0000-4000-8000-00000000a0a1";
    private readonly RestHost _host = fixture.Host;
    private readonly string _projectId = RestHostFixture.NewProjectId("ppl");

    [Fact]
    public async Task Without_a_token_the_answer_is_401_problem()
    {
        using var response = await _host.GetAsync("/api/people?search=Ade", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_mother_is_refused_with_403_even_before_her_text_is_looked_at()
    {
        await _host.GrantAsync(Mother, _projectId, ProjectRole.NeighbourhoodMother);

        using var response = await _host.GetAsync("/api/people?search=Ade", _host.TokenFor(Mother));
        using var bad = await _host.GetAsync("/api/people?search=A", _host.TokenFor(Mother));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, bad.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_finds_people_by_name_with_the_line_that_tells_them_apart_and_no_address()
    {
        await _host.GrantAsync(Coordinator, _projectId, ProjectRole.Coordinator);

        using var response = await _host.GetAsync("/api/people?search=ade", _host.TokenFor(Coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var people = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        var adele = Assert.Single(people)!.AsObject();
        Assert.Equal(DemoData.MotherAdele.ObjectId, (string?)adele["objectId"]);
        Assert.Equal("Adele", (string?)adele["displayName"]);
        Assert.Equal("Adele", (string?)adele["firstName"]);
        Assert.Equal(DemoData.Vollsmose.Name, (string?)adele["detail"]);
        Assert.Equal(["objectId", "displayName", "firstName", "detail"], adele.Select(p => p.Key));
    }

    [Fact]
    public async Task An_administrator_in_no_project_may_search()
    {
        using var response = await _host.GetAsync("/api/people?search=Meg", _host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var people = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
        Assert.Equal(DemoData.KindergartenStaff.ObjectId, (string?)Assert.Single(people)!["objectId"]);
    }

    [Theory]
    [InlineData("/api/people")]
    [InlineData("/api/people?search=")]
    [InlineData("/api/people?search=%20A%20")]
    public async Task A_missing_or_one_letter_search_is_400_problem_naming_the_field(string path)
    {
        await _host.GrantAsync(Coordinator, _projectId, ProjectRole.Coordinator);

        using var response = await _host.GetAsync(path, _host.TokenFor(Coordinator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.NotNull(problem["errors"]?["search"]);
    }

    [Fact]
    public async Task A_search_longer_than_the_cap_is_400()
    {
        await _host.GrantAsync(Coordinator, _projectId, ProjectRole.Coordinator);

        using var response = await _host.GetAsync("/api/people?search=" + new string('a', PeopleSearchText.MaxLength + 1), _host.TokenFor(Coordinator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_directory_that_refuses_the_search_is_503_problem_naming_the_permission_and_the_text_is_never_logged()
    {
        using var graph = new GraphStub();
        graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet())
            .RespondWith(GraphStub.Json(403, JsonNode.Parse("""{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}""")!));
        using var host = new RestHost(services: services =>
            services.AddSingleton<IPeopleSearch>(new GraphPeopleSearch(graph.Client, NullLogger<GraphPeopleSearch>.Instance)));
        await host.GrantAsync(Coordinator, _projectId, ProjectRole.Coordinator);

        using var response = await host.GetAsync("/api/people?search=Zainabqx", host.TokenFor(Coordinator));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("User.ReadBasic.All", (string?)(await response.JsonAsync())["detail"], StringComparison.Ordinal);
        Assert.Single(graph.Requests("GET", "/v1.0/users"));
        Assert.DoesNotContain(host.Logs.Lines, line => line.Contains("Zainabqx", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task The_endpoint_is_declared_in_the_openapi_document_with_its_answers()
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync("/openapi/v1.json", token: null);

        var get = (await response.JsonAsync())["paths"]?["/api/people"]?["get"];
        Assert.NotNull(get);
        Assert.Contains(get["parameters"]!.AsArray(), p => (string?)p!["name"] == "search");
        foreach (var status in new[] { "200", "400", "401", "403", "503" })
        {
            Assert.True(get["responses"]?[status] is not null, $"response {status} is not declared");
        }
    }
}
