using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Outreach;

/// <summary>/api/projects/{projectId}/outreach with real Entra tokens, the real host and Azurite; a project of its own per test.</summary>
public sealed class OutreachEndpointsTests(RestHostFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    private const string Coordinator = "d0000000-0000-4000-8000-000000000001";
    private const string Mother = "d0000000-0000-4000-8000-000000000002";
    private const string OtherMother = "d0000000-0000-4000-8000-000000000003";
    private const string Kindergarten = "d0000000-0000-4000-8000-000000000004";
    private const string Teacher = "d0000000-0000-4000-8000-000000000005";
    private const string MotherElsewhere = "d0000000-0000-4000-8000-000000000006";

    private readonly RestHost _host = fixture.Host;

    private string ProjectId { get; } = RestHostFixture.NewProjectId("vollsmose");

    private string OtherProjectId { get; } = RestHostFixture.NewProjectId("tingbjerg");

    private string Base => $"/api/projects/{ProjectId}/outreach";

    private static string Today => CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task InitializeAsync()
    {
        await _host.Projects.UpsertAsync(new Project(ProjectId, "Vollsmose", "Odense", "Lokalet") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await _host.Projects.UpsertAsync(new Project(OtherProjectId, "Tingbjerg", "København", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        foreach (var member in new ProjectMember[]
        {
            new(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"),
            new(Mother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(OtherMother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hawa"),
            new(Kindergarten, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Mette"),
            new(Teacher, ProjectId, ProjectRole.Teacher, null, "Lise"),
            new(MotherElsewhere, OtherProjectId, ProjectRole.NeighbourhoodMother, null, "Nadia"),
        })
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static JsonObject Body(int women = 2) => new()
    {
        ["date"] = Today,
        ["kind"] = "OpenHouse",
        ["women"] = women,
        ["topics"] = new JsonArray("health", "job-centre"),
        ["services"] = new JsonArray("HealthVisitor"),
    };

    [Fact]
    public async Task A_mother_logs_with_201_and_location_a_repeat_answers_200_with_the_same_entry_and_counts_once()
    {
        var key = Guid.NewGuid().ToString();

        using var first = await SendAsync(HttpMethod.Post, Base, Mother, Body(), key);
        using var repeat = await SendAsync(HttpMethod.Post, Base, Mother, Body(), key);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        var created = await first.JsonAsync();
        var id = (string)created["id"]!;
        Assert.Equal($"{Base}/{id}", first.Headers.Location?.OriginalString);
        Assert.Equal(id, (string?)(await repeat.JsonAsync())["id"]);
        Assert.Equal(("OpenHouse", 2, Today), ((string?)created["kind"], (int)created["women"]!, (string?)created["date"]));
        Assert.Equal(["health", "job-centre"], created["topics"]!.AsArray().Select(t => (string?)t));

        using var read = await SendAsync(HttpMethod.Get, $"{Base}/{id}", Mother);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        using var list = await SendAsync(HttpMethod.Get, Base, Mother);
        Assert.Equal([id], (await list.JsonAsync())["items"]!.AsArray().Select(i => (string?)i!["id"]));
        var month = await MonthAsync(Coordinator, Today[..7]);
        Assert.Equal((1, 2, 1), ((int)month["contacts"]!, (int)month["women"]!, (int)month["activeMothers"]!));
    }

    [Fact]
    public async Task The_date_defaults_to_today_in_Copenhagen()
    {
        var body = Body();
        body.Remove("date");

        using var response = await SendAsync(HttpMethod.Post, Base, Mother, body, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(Today, (string?)(await response.JsonAsync())["date"]);
    }

    [Theory]
    [InlineData(null, "Skriv et helt tal fra 1 til 50", "Vælg en af mulighederne")]
    [InlineData("en-GB,en;q=0.9", "Enter a whole number from 1 to 50", "Choose one of the options")]
    public async Task A_bad_body_gets_400_with_errors_by_field_in_her_language_and_stores_nothing(string? acceptLanguage, string women, string unknown)
    {
        var body = Body(women: 0);
        body["kind"] = "Party";
        body["services"] = new JsonArray("Police");
        var headers = acceptLanguage is null ? null : new Dictionary<string, string> { ["Accept-Language"] = acceptLanguage };

        using var response = await SendAsync(HttpMethod.Post, Base, Mother, body, Guid.NewGuid().ToString(), headers);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["kind", "services", "women"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains(women, (string?)errors["women"]![0], StringComparison.Ordinal);
        Assert.Contains(unknown, (string?)errors["kind"]![0], StringComparison.Ordinal);
        using var list = await SendAsync(HttpMethod.Get, Base, Mother);
        Assert.Empty((await list.JsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task Two_ids_in_one_value_are_refused_not_split()
    {
        var body = Body();
        body["topics"] = new JsonArray("health,school");

        using var response = await SendAsync(HttpMethod.Post, Base, Mother, body, Guid.NewGuid().ToString());

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]!["topics"]);
    }

    [Fact]
    public async Task A_post_without_an_idempotency_key_is_400()
    {
        using var response = await SendAsync(HttpMethod.Post, Base, Mother, Body(), key: null);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]!["Idempotency-Key"]);
    }

    [Theory]
    [InlineData(Coordinator)]
    [InlineData(Kindergarten)]
    [InlineData(Teacher)]
    [InlineData(MotherElsewhere)]
    public async Task Only_a_mother_of_the_project_logs_or_lists(string person)
    {
        using var post = await SendAsync(HttpMethod.Post, Base, person, Body(), Guid.NewGuid().ToString());
        using var list = await SendAsync(HttpMethod.Get, Base, person);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
    }

    [Fact]
    public async Task Another_mothers_entry_is_404_and_her_list_does_not_show_it()
    {
        using var created = await SendAsync(HttpMethod.Post, Base, Mother, Body(), Guid.NewGuid().ToString());
        var id = (string)(await created.JsonAsync())["id"]!;

        using var other = await SendAsync(HttpMethod.Get, $"{Base}/{id}", OtherMother);
        using var coordinator = await SendAsync(HttpMethod.Get, $"{Base}/{id}", Coordinator);
        using var unknown = await SendAsync(HttpMethod.Get, $"{Base}/not-an-id", Mother);
        using var list = await SendAsync(HttpMethod.Get, Base, OtherMother);

        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Empty((await list.JsonAsync())["items"]!.AsArray());
    }

    [Fact]
    public async Task The_coordinator_reads_a_months_counts_and_nothing_about_who()
    {
        await SendAsync(HttpMethod.Post, Base, Mother, Body(women: 3), Guid.NewGuid().ToString());
        var oneWoman = Body(women: 1);
        oneWoman["kind"] = "Phone";
        await SendAsync(HttpMethod.Post, Base, OtherMother, oneWoman, Guid.NewGuid().ToString());

        var month = await MonthAsync(Coordinator, Today[..7]);

        Assert.Equal((2, 4, 2), ((int)month["contacts"]!, (int)month["women"]!, (int)month["activeMothers"]!));
        Assert.Equal(1, (int)month["byKind"]!["Phone"]!);
        Assert.Equal(2, (int)month["byTopic"]!["health"]!);
        Assert.DoesNotContain(Mother, month.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(OtherMother, month.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2026-13")]
    [InlineData("2026-1")]
    [InlineData("december")]
    public async Task A_bad_month_is_400(string month)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Base}/months/{month}", Coordinator);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Mother)]
    [InlineData(Kindergarten)]
    [InlineData(Teacher)]
    public async Task Only_the_coordinator_reads_the_counts(string person)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Base}/months/2026-12", person);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "")]
    [InlineData("GET", "")]
    [InlineData("GET", "/abcdefghijklmnop")]
    [InlineData("GET", "/months/2026-12")]
    public async Task No_token_is_401(string method, string path)
    {
        using var content = new StringContent(Body().ToJsonString(), Encoding.UTF8, "application/json");

        using var response = await _host.SendAsync(new HttpMethod(method), Base + path, token: null, method == "POST" ? content : null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<JsonObject> MonthAsync(string person, string month)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Base}/months/{month}", person);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, JsonObject? body = null, string? key = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        request.Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _host.CreateClient().SendAsync(request);
    }
}
