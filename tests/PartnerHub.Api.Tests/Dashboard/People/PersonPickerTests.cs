using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.People;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;
using WireMock.RequestBuilders;

namespace PartnerHub.Api.Tests.Dashboard.People;

/// <summary>
/// The tab's people picker on the administration page, with the real Graph people search against WireMock as Graph
/// and the real host on Azurite: the administrator searches by name, tells namesakes apart by their line, picks one,
/// and she is appointed by her object id, which nobody typed or saw.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed partial class PersonPickerTests : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private const string Admin = "a2a2a2a2-0000-4000-8000-0000000ad002";
    private const string YasminInFamilies = "b2b2b2b2-0000-4000-8000-00000000f001";
    private const string YasminInHealth = "b2b2b2b2-0000-4000-8000-00000000f002";
    private readonly GraphStub _graph = new();
    private readonly TabScenario _tab;
    private readonly string _newProjectId = "pick-" + UniqueIds.Next(8);

    public PersonPickerTests()
    {
        _tab = new TabScenario(services =>
            services.AddSingleton<IPeopleSearch>(new GraphPeopleSearch(_graph.Client, NullLogger<GraphPeopleSearch>.Instance)));
        _tab.Teams.Token = _tab.Host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);
    }

    public Task InitializeAsync() => _tab.SeedAsync();

    public async Task DisposeAsync()
    {
        await _tab.DisposeAsync();
        _graph.Dispose();
    }

    [Fact]
    public async Task The_administrator_picks_one_of_two_namesakes_by_her_line_and_she_is_appointed_with_her_first_name()
    {
        GivenUsers(new JsonArray(
            User(YasminInFamilies, "Yasmin Hussein", "Yasmin", "Socialrådgiver", "Familieafdelingen"),
            User(YasminInHealth, "Yasmin Hussein", "Yasmin", "Sundhedsplejerske", null)));
        var page = _tab.RenderPage();
        FillProject(page);

        page.Find("fluent-text-field#coordinators\\.0\\.person").Input("yas");
        var options = page.WaitForElements("fluent-option", 2);
        Assert.Equal(
            ["Yasmin Hussein, Socialrådgiver · Familieafdelingen", "Yasmin Hussein, Sundhedsplejerske"],
            options.Select(o => Whitespace().Replace(o.TextContent, " ").Trim()));
        page.Find($"fluent-option[value='{YasminInHealth}']").Click();

        // The chosen person stays in the field with her line, and a way to remove her ("Fjern …").
        page.WaitForAssertion(() => Assert.StartsWith("Yasmin Hussein – Sundhedsplejerske", page.Find(".ph-person-chosen").TextContent.Trim(), StringComparison.Ordinal));
        // What she searched reached Graph as a name search; what she sees carries no object id and no address.
        var search = Assert.Single(_graph.Requests("GET", "/v1.0/users"));
        Assert.Equal("\"displayName:yas\" OR \"givenName:yas\"", GraphStub.Query(search, "$search"));
        Assert.DoesNotMatch(AnyGuid(), page.Find("#admin-page").TextContent);
        Assert.Empty(page.FindAll("#admin-form input[type=text][id^='coordinators']"));

        page.Find("#admin-form").Submit();

        page.WaitForAssertion(() => Assert.Contains("Koordinatorer: Yasmin.", page.Find("#admin-notice").TextContent, StringComparison.Ordinal));
        var directory = _tab.Host.Services.GetRequiredService<DirectoryStore>();
        var appointed = await directory.FindMemberAsync(_newProjectId, YasminInHealth, CancellationToken.None);
        Assert.Equal(ProjectRole.Coordinator, appointed?.Role);
        Assert.Equal("Yasmin", appointed?.FirstName);
        Assert.Null(await directory.FindMemberAsync(_newProjectId, YasminInFamilies, CancellationToken.None));
    }

    [Fact]
    public void A_directory_that_refuses_the_search_is_said_beside_the_picker_in_her_language()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet())
            .RespondWith(GraphStub.Json(403, JsonNode.Parse("""{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}""")!));
        var page = _tab.RenderPage();

        page.WaitForElement("fluent-text-field#coordinators\\.0\\.person").Input("yas");

        page.WaitForAssertion(() => Assert.StartsWith("Søgningen i organisationen virker ikke lige nu", page.Find("#coordinators\\.0\\.person-unavailable").TextContent, StringComparison.Ordinal));
        Assert.Empty(page.FindAll("fluent-option"));
    }

    [Fact]
    public void Nobody_found_is_said_and_one_letter_asks_Graph_nothing()
    {
        GivenUsers([]);
        var page = _tab.RenderPage();
        var field = page.WaitForElement("fluent-text-field#coordinators\\.0\\.person");

        field.Input("y");
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#coordinators\\.0\\.person-nobody")));
        page.Find("fluent-text-field#coordinators\\.0\\.person").Input("yq");

        page.WaitForAssertion(() => Assert.Equal("Ingen personer i organisationen passer til det, du har skrevet.", page.Find("#coordinators\\.0\\.person-nobody").TextContent));
        var search = Assert.Single(_graph.Requests("GET", "/v1.0/users"));
        Assert.Equal("\"displayName:yq\" OR \"givenName:yq\"", GraphStub.Query(search, "$search"));
    }

    private void FillProject(IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> page)
    {
        page.WaitForElement("#id").Change(_newProjectId);
        page.Find("#name").Change("Bydelsmødre Gellerup");
        page.Find("#municipality").Change("Aarhus Kommune");
        page.Find("#areas").Change("Gellerup");
        page.Find("#fixedPlace").Change("Globus1, Gudrunsvej 1");
    }

    private void GivenUsers(JsonArray users) =>
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = users }));

    private static JsonObject User(string id, string displayName, string givenName, string? jobTitle, string? department) => new()
    {
        ["id"] = id,
        ["displayName"] = displayName,
        ["givenName"] = givenName,
        ["jobTitle"] = jobTitle,
        ["department"] = department,
    };

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    private static partial Regex AnyGuid();
}
