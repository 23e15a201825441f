using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Partners;

/// <summary>/api/projects/{projectId}/directory: the coordinator keeps the directory; nobody else reads or changes it.</summary>
/// <remarks>One host for the class; each test keeps to a project of its own, so it sees only its own directory and audit.</remarks>
public sealed class DirectoryEndpointsTests(RestHostFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    private const string Coordinator = "d0000000-0000-4000-8000-000000000001";
    private const string Newcomer = "d0000000-0000-4000-8000-0000000000aa";

    private readonly RestHost _host = fixture.Host;
    private string ProjectId { get; } = RestHostFixture.NewProjectId("directory");

    private string Base => $"/api/projects/{ProjectId}/directory";

    public async Task InitializeAsync()
    {
        await _host.SeedProjectAsync(ProjectId);
        await Directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private DirectoryStore Directory => _host.Services.GetRequiredService<DirectoryStore>();

    [Fact]
    public async Task Coordinator_adds_an_organisation_and_a_member_who_then_has_access_until_removed()
    {
        var organisation = new JsonObject { ["kind"] = "Kindergarten", ["name"] = "Børnehuset Solsikken", ["receivesOnwardReferrals"] = false };
        using (var created = await SendAsync(HttpMethod.Put, Base + "/organisations/solsikken", Coordinator, organisation))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal($"{Base}/organisations/solsikken", created.Headers.Location?.OriginalString);
        }

        organisation["name"] = "Børnehuset Solsikken (Vollsmose)";
        using (var unconditional = await SendAsync(HttpMethod.Put, Base + "/organisations/solsikken", Coordinator, organisation))
        {
            await RestAuthenticationTests.AssertProblemAsync(unconditional, (HttpStatusCode)428);
        }

        var organisationETag = (string)(await GetArrayAsync(Base + "/organisations")).Single()!["eTag"]!;
        using (var replaced = await SendAsync(HttpMethod.Put, Base + "/organisations/solsikken", Coordinator, organisation, ifMatch: organisationETag))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
            Assert.Equal("Børnehuset Solsikken (Vollsmose)", (string?)(await replaced.JsonAsync())["name"]);
        }

        var organisations = await GetArrayAsync(Base + "/organisations");
        var only = Assert.Single(organisations);
        Assert.Equal(("solsikken", "Kindergarten"), ((string?)only!["id"], (string?)only["kind"]));

        // An upper-case object id is stored as tokens carry it, so the grant matches her token.
        var member = new JsonObject { ["role"] = "PartnerStaff", ["organisationId"] = "solsikken", ["firstName"] = "Mette" };
        string etag;
        using (var added = await SendAsync(HttpMethod.Put, Base + "/members/" + Newcomer.ToUpperInvariant(), Coordinator, member))
        {
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            var body = await added.JsonAsync();
            Assert.Equal(Newcomer, (string?)body["objectId"]);
            etag = (string)body["eTag"]!;
            Assert.Equal(etag, added.Headers.ETag?.ToString());
        }

        var members = await GetArrayAsync(Base + "/members");
        Assert.Contains(members, m => (string?)m!["objectId"] == Newcomer && (string?)m["eTag"] == etag);
        Assert.Contains(members, m => (string?)m!["objectId"] == Newcomer && (string?)m["role"] == "PartnerStaff" && (string?)m["organisationId"] == "solsikken" && (string?)m["firstName"] == "Mette");
        using (var access = await _host.GetAsync($"/api/projects/{ProjectId}", _host.TokenFor(Newcomer)))
        {
            Assert.Equal(HttpStatusCode.OK, access.StatusCode);
        }

        member["role"] = "NeighbourhoodMother";
        member.Remove("organisationId");
        using (var unconditional = await SendAsync(HttpMethod.Put, Base + "/members/" + Newcomer, Coordinator, member))
        {
            await RestAuthenticationTests.AssertProblemAsync(unconditional, (HttpStatusCode)428);
        }

        using (var changed = await SendAsync(HttpMethod.Put, Base + "/members/" + Newcomer, Coordinator, member, ifMatch: etag))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
            Assert.NotEqual(etag, changed.Headers.ETag?.ToString());
        }

        // The ETag she read before the change is stale now: nothing is removed, and the current ETag comes back.
        using (var stale = await SendAsync(HttpMethod.Delete, Base + "/members/" + Newcomer, Coordinator, ifMatch: etag))
        {
            await RestAuthenticationTests.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
            etag = stale.Headers.ETag!.ToString();
        }

        Assert.Equal(ProjectRole.NeighbourhoodMother, (await Directory.FindMemberAsync(ProjectId, Newcomer, CancellationToken.None))?.Role);

        using (var removed = await SendAsync(HttpMethod.Delete, Base + "/members/" + Newcomer, Coordinator, ifMatch: etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.Null(await Directory.FindMemberAsync(ProjectId, Newcomer, CancellationToken.None));
        using (var refused = await _host.GetAsync($"/api/projects/{ProjectId}", _host.TokenFor(Newcomer)))
        {
            await RestAuthenticationTests.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        // Her own retry of the removal is answered as done; a removal from another version finds no one.
        using (var retry = await SendAsync(HttpMethod.Delete, Base + "/members/" + Newcomer, Coordinator, ifMatch: etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, retry.StatusCode);
        }

        using var other = await SendAsync(HttpMethod.Delete, Base + "/members/" + Newcomer, Coordinator, ifMatch: "W/\"datetime'2000-01-01T00%3A00%3A00Z'\"");
        await RestAuthenticationTests.AssertProblemAsync(other, HttpStatusCode.NotFound);

        var audit = await AuditActionsAsync();
        Assert.Single(audit, a => a == "AddOrganisation");
        Assert.Single(audit, a => a == "SaveOrganisation");
        Assert.Single(audit, a => a == "AddMember");
        Assert.Single(audit, a => a == "SaveMember");
        Assert.Single(audit, a => a == "RemoveMember");
    }

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother)]
    [InlineData(ProjectRole.PartnerStaff)]
    [InlineData(ProjectRole.Teacher)]
    public async Task Everyone_but_the_coordinator_gets_403_problem(ProjectRole role)
    {
        await Directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Solsikken", false), CancellationToken.None);
        await Directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Newcomer, ProjectId, role, role == ProjectRole.PartnerStaff ? "solsikken" : null, "Mette"), CancellationToken.None);

        var requests = new (HttpMethod Method, string Path, JsonObject? Body)[]
        {
            (HttpMethod.Get, "/organisations", null),
            (HttpMethod.Put, "/organisations/myretuen", new JsonObject { ["kind"] = "Nursery", ["name"] = "Myretuen" }),
            (HttpMethod.Get, "/members", null),
            (HttpMethod.Put, "/members/" + Newcomer, new JsonObject { ["role"] = "Coordinator", ["firstName"] = "Mette" }),
            (HttpMethod.Delete, "/members/" + Coordinator, null),
        };
        foreach (var (method, path, body) in requests)
        {
            using var response = await SendAsync(method, Base + path, Newcomer, body);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        Assert.Equal(role, (await Directory.FindMemberAsync(ProjectId, Newcomer, CancellationToken.None))?.Role);
        Assert.NotNull(await Directory.FindMemberAsync(ProjectId, Coordinator, CancellationToken.None));
        Assert.Null(await Directory.FindOrganisationAsync(ProjectId, "myretuen", CancellationToken.None));
    }

    [Theory]
    [InlineData("Solsikken", """{"kind":"Kindergarten","name":"Solsikken"}""", "organisationId")]
    [InlineData("so", """{"kind":"Kindergarten","name":"Solsikken"}""", "organisationId")]
    [InlineData("solsikken", """{"kind":"Castle","name":"Solsikken"}""", "kind")]
    [InlineData("solsikken", """{"kind":"0","name":"Solsikken"}""", "kind")]
    [InlineData("solsikken", """{"name":"Solsikken"}""", "kind")]
    [InlineData("solsikken", """{"kind":"Kindergarten","name":"  "}""", "name")]
    [InlineData("solsikken", """{"kind":"Kindergarten","name":"Sol\u0007sikken"}""", "name")]
    public async Task Invalid_organisation_gets_400_problem_by_field(string id, string body, string field)
    {
        using var response = await SendRawAsync(HttpMethod.Put, Base + "/organisations/" + id, Coordinator, body);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]?[field]);
        Assert.Empty(await Directory.OrganisationsAsync(ProjectId, CancellationToken.None));
    }

    [Fact]
    public async Task Organisation_name_over_100_characters_gets_400_in_english_when_asked()
    {
        var body = new JsonObject { ["kind"] = "Kindergarten", ["name"] = new string('a', 101) };

        using var response = await SendAsync(HttpMethod.Put, Base + "/organisations/solsikken", Coordinator, body, "en");

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The text is too long.", (string?)(await response.JsonAsync())["errors"]?["name"]?[0]);
    }

    [Theory]
    [InlineData("not-a-guid", """{"role":"Coordinator","firstName":"Karen"}""", "objectId")]
    [InlineData(Newcomer, """{"role":"Boss","firstName":"Karen"}""", "role")]
    [InlineData(Newcomer, """{"role":"PartnerStaff","firstName":"Mette"}""", "organisationId")]
    [InlineData(Newcomer, """{"role":"PartnerStaff","organisationId":"myretuen","firstName":"Mette"}""", "organisationId")]
    [InlineData(Newcomer, """{"role":"NeighbourhoodMother","firstName":"Samira 2"}""", "firstName")]
    [InlineData(Newcomer, """{"role":"NeighbourhoodMother","firstName":""}""", "firstName")]
    [InlineData(Newcomer, """{"role":"NeighbourhoodMother","firstName":"Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}""", "firstName")]
    public async Task Invalid_member_gets_400_problem_by_field(string objectId, string body, string field)
    {
        await Directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Solsikken", false), CancellationToken.None);

        using var response = await SendRawAsync(HttpMethod.Put, Base + "/members/" + objectId, Coordinator, body);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        Assert.NotNull(problem["errors"]?[field]);
        // Danish unless asked otherwise.
        Assert.DoesNotContain("Choose", problem.ToJsonString(), StringComparison.Ordinal);
        Assert.Single(await Directory.MembersAsync(ProjectId, null, CancellationToken.None));
    }

    [Fact]
    public async Task Two_different_edits_of_a_member_with_one_etag_the_second_gets_412_and_the_exact_retry_200()
    {
        const string SecondCoordinator = "d0000000-0000-4000-8000-000000000002";
        await Directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(SecondCoordinator, ProjectId, ProjectRole.Coordinator, null, "Lone"), CancellationToken.None);
        await Directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Newcomer, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hodan"), CancellationToken.None);
        var etag = (await Directory.FindStoredMemberAsync(ProjectId, Newcomer, CancellationToken.None))!.ETag.ToString();
        var path = $"{Base}/members/{Newcomer}";
        JsonObject Named(string name) => new() { ["role"] = "NeighbourhoodMother", ["firstName"] = name };

        using var first = await SendAsync(HttpMethod.Put, path, Coordinator, Named("Hodan A"), ifMatch: etag);
        using var other = await SendAsync(HttpMethod.Put, path, SecondCoordinator, Named("Hodan B"), ifMatch: etag);
        using var sameTextOtherPerson = await SendAsync(HttpMethod.Put, path, SecondCoordinator, Named("Hodan A"), ifMatch: etag);
        using var retry = await SendAsync(HttpMethod.Put, path, Coordinator, Named("Hodan A"), ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await RestAuthenticationTests.AssertProblemAsync(other, HttpStatusCode.PreconditionFailed);
        await RestAuthenticationTests.AssertProblemAsync(sameTextOtherPerson, HttpStatusCode.PreconditionFailed);
        Assert.Equal(first.Headers.ETag, other.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("Hodan A", (await Directory.FindMemberAsync(ProjectId, Newcomer, CancellationToken.None))!.FirstName);
    }

    [Fact]
    public async Task A_coordinator_cannot_lock_herself_out()
    {
        using var demote = await SendAsync(HttpMethod.Put, Base + "/members/" + Coordinator, Coordinator, new JsonObject { ["role"] = "Teacher", ["firstName"] = "Karen" });
        await RestAuthenticationTests.AssertProblemAsync(demote, HttpStatusCode.Conflict);

        var etag = (await Directory.FindStoredMemberAsync(ProjectId, Coordinator, CancellationToken.None))!.ETag.ToString();
        using var remove = await SendAsync(HttpMethod.Delete, Base + "/members/" + Coordinator, Coordinator, ifMatch: etag);
        await RestAuthenticationTests.AssertProblemAsync(remove, HttpStatusCode.Conflict);

        Assert.Equal(ProjectRole.Coordinator, (await Directory.FindMemberAsync(ProjectId, Coordinator, CancellationToken.None))?.Role);

        // Renaming herself is fine.
        using var rename = await SendAsync(HttpMethod.Put, Base + "/members/" + Coordinator, Coordinator, new JsonObject { ["role"] = "Coordinator", ["firstName"] = "Karen Marie" }, ifMatch: etag);
        Assert.Equal(HttpStatusCode.OK, rename.StatusCode);
    }

    [Fact]
    public async Task Directory_endpoints_are_declared_in_the_openapi_document()
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync("/openapi/v1.json", token: null);

        var document = await response.JsonAsync();
        var paths = document["paths"]!;
        Assert.NotNull(paths["/api/projects/{projectId}/directory/organisations"]?["get"]?["responses"]?["200"]);
        Assert.NotNull(paths["/api/projects/{projectId}/directory/organisations/{organisationId}"]?["put"]?["responses"]?["400"]);
        Assert.NotNull(paths["/api/projects/{projectId}/directory/members"]?["get"]?["responses"]?["403"]);
        Assert.NotNull(paths["/api/projects/{projectId}/directory/members/{objectId}"]?["put"]?["responses"]?["201"]);
        Assert.NotNull(paths["/api/projects/{projectId}/directory/members/{objectId}"]?["delete"]?["responses"]?["204"]);

        // The typed results say what each answer carries: an organisation with the ETag a change sends back, and the
        // organisation PUT is conditional like every other change.
        var putOrganisation = paths["/api/projects/{projectId}/directory/organisations/{organisationId}"]!["put"]!;
        Assert.NotNull(putOrganisation["responses"]?["201"]?["content"]?["application/json"]?["schema"]);
        Assert.NotNull(putOrganisation["responses"]?["412"]);
        Assert.NotNull(putOrganisation["responses"]?["428"]);
        Assert.Contains(putOrganisation["parameters"]!.AsArray(), p => (string?)p!["name"] == "If-Match");
        Assert.NotNull(document["components"]?["schemas"]?["OrganisationResponse"]?["properties"]?["eTag"]);
    }

    // The audit's partitions are "{projectId}|{yyyyMM}": this test's project's rows, whatever other tests on the host wrote.
    private async Task<List<string>> AuditActionsAsync() =>
        [.. (await TableRows.AllAsync(_host.Tables.Table(TableNames.Audit)))
            .Where(row => row.PartitionKey.StartsWith(TableKeys.Escape(ProjectId) + "|", StringComparison.Ordinal))
            .Select(row => row.GetString("Action") ?? string.Empty)];

    private async Task<JsonArray> GetArrayAsync(string path)
    {
        using var response = await SendAsync(HttpMethod.Get, path, Coordinator);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray();
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, JsonObject? body = null, string? language = null, string? ifMatch = null) =>
        SendRawAsync(method, path, person, body?.ToJsonString(), language, ifMatch);

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, string person, string? body, string? language = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        request.Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json");
        return await _host.CreateClient().SendAsync(request);
    }
}
