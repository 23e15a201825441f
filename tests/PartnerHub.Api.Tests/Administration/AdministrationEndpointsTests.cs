using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Administration;

/// <summary>
/// POST /api/admin/projects and /api/admin/projects/{projectId}/coordinators with signed Entra tokens against the
/// real host, from empty storage: an administrator starts a project, and its coordinator takes over from there.
/// </summary>
public sealed class AdministrationEndpointsTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Admin = "a0a0a0a0-0000-4000-8000-0000000ad111";
    private const string Coordinator = "c0c0c0c0-0000-4000-8000-00000000c00d";
    private const string Someone = "5e5e5e5e-0000-4000-8000-000000000005";
    private readonly RestHost _host = new();

    public void Dispose() => _host.Dispose();

    private string AdminToken => _host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);

    [Fact]
    public async Task Admin_creates_a_project_and_appoints_a_coordinator_who_then_runs_it()
    {
        using (var created = await PostAsync("/api/admin/projects", AdminToken, NewProject(), key: "create-odense-1"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/api/projects/odense-vollsmose", created.Headers.Location?.OriginalString);
            var body = await created.JsonAsync();
            Assert.Equal("odense-vollsmose", (string?)body["id"]);
            Assert.Equal(["Vollsmose", "Rising"], body["areas"]!.AsArray().Select(a => (string?)a));
            Assert.Equal("en", (string?)body["language"]);
        }

        var stored = await _host.Projects.FindAsync("odense-vollsmose", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal("Bydelsmødrene i Vollsmose", stored.Name);
        Assert.Equal("Odense Kommune", stored.Municipality);
        Assert.Equal("Vollsmose Kulturhus", stored.FixedPlace);
        Assert.Equal(RestHost.TenantId, stored.TenantId);
        Assert.Equal("en", stored.Language);

        using (var appointed = await PostAsync("/api/admin/projects/odense-vollsmose/coordinators", AdminToken, Appointment(Coordinator, "Alex")))
        {
            Assert.Equal(HttpStatusCode.Created, appointed.StatusCode);
            var body = await appointed.JsonAsync();
            Assert.Equal(Coordinator, (string?)body["objectId"]);
            Assert.Equal("Coordinator", (string?)body["role"]);
        }

        // The coordinator's own token, no admin role: an existing coordinator endpoint lets her in and lists her.
        using (var members = await _host.GetAsync("/api/projects/odense-vollsmose/directory/members", _host.TokenFor(Coordinator)))
        {
            Assert.Equal(HttpStatusCode.OK, members.StatusCode);
            var listed = Assert.Single(JsonNode.Parse(await members.Content.ReadAsStringAsync())!.AsArray());
            Assert.Equal(Coordinator, (string?)listed!["objectId"]);
            Assert.Equal("Alex", (string?)listed["firstName"]);
        }

        // The administrator is not a member of the project: her role gives her nothing inside it.
        using (var adminInside = await _host.GetAsync("/api/projects/odense-vollsmose/directory/members", AdminToken))
        {
            await RestAuthenticationTests.AssertProblemAsync(adminInside, HttpStatusCode.Forbidden);
        }

        // Her refused look inside is in the project's audit, for its coordinator to see.
        var audit = await AuditActionsAsync("odense-vollsmose");
        Assert.Equal(["AppointCoordinator", "CreateProject", ProjectRoleFilter.RefusedAction], audit.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_retry_with_the_same_key_answers_200_and_anything_else_for_the_id_is_409()
    {
        using (var first = await PostAsync("/api/admin/projects", AdminToken, NewProject(), key: "k-1"))
        {
            Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        }

        using (var retry = await PostAsync("/api/admin/projects", AdminToken, NewProject(), key: "k-1"))
        {
            Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
            Assert.Equal("odense-vollsmose", (string?)(await retry.JsonAsync())["id"]);
        }

        var other = NewProject();
        other["name"] = "Et andet projekt";
        using (var sameKeyOtherBody = await PostAsync("/api/admin/projects", AdminToken, other, key: "k-1"))
        {
            await RestAuthenticationTests.AssertProblemAsync(sameKeyOtherBody, HttpStatusCode.Conflict);
        }

        using (var newKey = await PostAsync("/api/admin/projects", AdminToken, other, key: "k-2"))
        {
            await RestAuthenticationTests.AssertProblemAsync(newKey, HttpStatusCode.Conflict);
        }

        // Another administrator's request with the first one's key is not her retry.
        var otherAdmin = _host.TokenFor("a1a1a1a1-0000-4000-8000-0000000ad222", roles: [AdministrationRegistration.AdminAppRole]);
        using (var theirs = await PostAsync("/api/admin/projects", otherAdmin, NewProject(), key: "k-1"))
        {
            await RestAuthenticationTests.AssertProblemAsync(theirs, HttpStatusCode.Conflict);
        }

        Assert.Equal("Bydelsmødrene i Vollsmose", (await _host.Projects.FindAsync("odense-vollsmose", CancellationToken.None))?.Name);
        Assert.Equal(["CreateProject"], await AuditActionsAsync("odense-vollsmose"));
    }

    [Fact]
    public async Task Without_an_Idempotency_Key_nothing_is_created()
    {
        using var response = await PostAsync("/api/admin/projects", AdminToken, NewProject(), key: null);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]!["Idempotency-Key"]);
        Assert.Null(await _host.Projects.FindAsync("odense-vollsmose", CancellationToken.None));
    }

    [Fact]
    public async Task Appointing_is_idempotent_and_never_changes_someone_listed_with_another_role()
    {
        await CreateProjectAsync();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            using var appointed = await PostAsync("/api/admin/projects/odense-vollsmose/coordinators", AdminToken, Appointment(Coordinator, "Alex"));
            Assert.Equal(attempt == 0 ? HttpStatusCode.Created : HttpStatusCode.OK, appointed.StatusCode);
        }

        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Someone, "odense-vollsmose", ProjectRole.NeighbourhoodMother, null, "Adele"), CancellationToken.None);

        using var refused = await PostAsync("/api/admin/projects/odense-vollsmose/coordinators", AdminToken, Appointment(Someone, "Adele"));

        await RestAuthenticationTests.AssertProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal(ProjectRole.NeighbourhoodMother, (await directory.FindMemberAsync("odense-vollsmose", Someone, CancellationToken.None))?.Role);
        Assert.Equal(["AppointCoordinator", "CreateProject"], (await AuditActionsAsync("odense-vollsmose")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Unknown_or_malformed_project_is_404_for_the_appointment()
    {
        foreach (var path in new[] { "/api/admin/projects/nowhere/coordinators", "/api/admin/projects/No%20Where/coordinators" })
        {
            using var response = await PostAsync(path, AdminToken, Appointment(Coordinator, "Alex"));
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Non_admins_get_403_and_no_token_401_and_nothing_is_written()
    {
        await _host.SeedProjectAsync("gellerup");
        await _host.GrantAsync(Coordinator, "gellerup", ProjectRole.Coordinator);
        var tokens = new[]
        {
            _host.TokenFor(Coordinator),
            _host.TokenFor(Someone, roles: ["PartnerHub.Integration", "PartnerHub.Reader"]),
            _host.AppTokenFor(Someone, "PartnerHub.Integration"),
            // The admin role without the API's scope on a user's token is still not a REST caller.
            _host.TokenFor(Admin, scopes: "User.Read", roles: [AdministrationRegistration.AdminAppRole]),
        };
        foreach (var token in tokens)
        {
            using var create = await PostAsync("/api/admin/projects", token, NewProject(), key: "k-1");
            await RestAuthenticationTests.AssertProblemAsync(create, HttpStatusCode.Forbidden);
            using var appoint = await PostAsync("/api/admin/projects/gellerup/coordinators", token, Appointment(Someone, "Isra"));
            await RestAuthenticationTests.AssertProblemAsync(appoint, HttpStatusCode.Forbidden);
        }

        using (var anonymous = await PostAsync("/api/admin/projects", token: null, NewProject(), key: "k-1"))
        {
            await RestAuthenticationTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        }

        // A forged token (another signing key) with the admin role is no token at all.
        using var testKey = new TestKey("forger");
        using (var forged = await PostAsync("/api/admin/projects", _host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole], key: testKey), NewProject(), key: "k-1"))
        {
            await RestAuthenticationTests.AssertProblemAsync(forged, HttpStatusCode.Unauthorized);
        }

        Assert.Null(await _host.Projects.FindAsync("odense-vollsmose", CancellationToken.None));
        Assert.Empty(await _host.Directory.MembershipsAsync(RestHost.TenantId, Someone, CancellationToken.None));
    }

    [Theory]
    [InlineData("id", "Odense Vollsmose")]
    [InlineData("id", "od")]
    [InlineData("id", null)]
    [InlineData("name", "  ")]
    [InlineData("municipality", "Odense\u0007Kommune")]
    [InlineData("fixedPlace", null)]
    [InlineData("language", "de")]
    [InlineData("language", null)]
    public async Task Bad_project_input_gets_400_problem_by_field_and_writes_nothing(string field, string? value)
    {
        var body = NewProject();
        body[field] = value;

        using var response = await PostAsync("/api/admin/projects", AdminToken, body, key: "k-1");

        await AssertInvalidAsync(response, field);
        Assert.Null(await _host.Projects.FindAsync("odense-vollsmose", CancellationToken.None));
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("""["Vollsmose", "vollsmose"]""")]
    [InlineData("""["Vollsmose", ""]""")]
    public async Task Bad_areas_get_400_problem(string areas)
    {
        var body = NewProject();
        body["areas"] = JsonNode.Parse(areas);

        using var response = await PostAsync("/api/admin/projects", AdminToken, body, key: "k-1");

        await AssertInvalidAsync(response, "areas");
    }

    [Theory]
    [InlineData("not-a-guid", "Alex", "objectId")]
    [InlineData(null, "Alex", "objectId")]
    [InlineData(Coordinator, "Alex 2", "displayName")]
    [InlineData(Coordinator, "", "displayName")]
    public async Task Bad_appointment_gets_400_problem_and_grants_nothing(string? objectId, string? displayName, string field)
    {
        await CreateProjectAsync();

        using var response = await PostAsync("/api/admin/projects/odense-vollsmose/coordinators", AdminToken, Appointment(objectId, displayName));

        await AssertInvalidAsync(response, field);
        Assert.Empty(await _host.Directory.MembershipsAsync(RestHost.TenantId, Coordinator, CancellationToken.None));
    }

    [Fact]
    public async Task A_body_that_is_not_json_is_400_not_500()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/admin/projects") { Content = new StringContent("{\"id\": ", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        request.Headers.Add("Idempotency-Key", "k-1");

        using var response = await _host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static JsonObject NewProject() => new()
    {
        ["id"] = "odense-vollsmose",
        ["name"] = "Bydelsmødrene i Vollsmose",
        ["municipality"] = "Odense Kommune",
        ["areas"] = new JsonArray("Vollsmose", "Rising"),
        ["fixedPlace"] = "Vollsmose Kulturhus",
        ["language"] = "en",
    };

    private static JsonObject Appointment(string? objectId, string? displayName) => new() { ["objectId"] = objectId, ["displayName"] = displayName };

    private async Task CreateProjectAsync()
    {
        using var created = await PostAsync("/api/admin/projects", AdminToken, NewProject(), key: "setup");
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    private static async Task AssertInvalidAsync(HttpResponseMessage response, string field)
    {
        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.False(string.IsNullOrWhiteSpace((string?)errors[field]![0]));
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string? token, JsonObject body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        return await _host.CreateClient().SendAsync(request);
    }

    private async Task<List<string>> AuditActionsAsync(string projectId)
    {
        var rows = await TableRows.AllAsync(_host.Tables.Table(TableNames.Audit));
        return [.. rows.Where(row => row.PartitionKey.StartsWith(projectId + "|", StringComparison.Ordinal)).Select(row => row.GetString("Action")!)];
    }
}
