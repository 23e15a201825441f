using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>
/// GET /api/projects/{p}/report, GET /api/programme/report, the threshold setting and the programme lead's appointment,
/// against the real host with signed Entra tokens: who gets the report, who gets 401/403/400, and that hidden cells
/// leave as null.
/// </summary>
public sealed class ReportEndpointsTests(RestHostFixture fixture) : IClassFixture<RestHostFixture>
{
    private const string Coordinator = "c0c0c0c0-0000-4000-8000-0000000e0001";
    private const string Mother = "c0c0c0c0-0000-4000-8000-0000000e0002";
    private const string Staff = "c0c0c0c0-0000-4000-8000-0000000e0003";
    private const string Teacher = "c0c0c0c0-0000-4000-8000-0000000e0004";
    private const string OtherCoordinator = "c0c0c0c0-0000-4000-8000-0000000e0005";
    private const string Admin = "c0c0c0c0-0000-4000-8000-0000000e0006";

    private RestHost Host => fixture.Host;

    [Fact]
    public async Task The_coordinator_gets_her_projects_report_with_small_numbers_hidden_as_null()
    {
        var project = await SeedAsync(referrals: 3);
        using var response = await Host.GetAsync($"/api/projects/{project}/report?period=2026-Q3", Host.TokenFor(Coordinator + project[^4..]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("2026-Q3", (string?)body["period"]);
        Assert.Equal(5, (int?)body["threshold"]);
        var referrals = body["figures"]!.AsArray().Single(f => (string?)f!["id"] == "referrals")!;
        Assert.True((bool?)referrals["hidden"]);
        Assert.Null(referrals["basis"]!["value"]);
        var byNeed = body["tables"]!.AsArray().Single(t => (string?)t!["id"] == "referralsByNeed")!;
        Assert.True((bool?)byNeed["countsMentions"]);
        var health = byNeed["rowKeys"]!.AsArray().Select(k => (string?)k).ToList().IndexOf("need.Health");
        Assert.True((bool?)byNeed["cells"]![health]![0]!["hidden"]);
        Assert.Null(byNeed["cells"]![health]![0]!["value"]);
        // Nothing in the answer carries the true count 3.
        Assert.DoesNotContain("\"value\":3", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ten_referrals_show_as_ten_and_a_lower_threshold_set_with_If_Match_shows_more()
    {
        var project = await SeedAsync(referrals: 10);
        var token = Host.TokenFor(Coordinator + project[^4..]);
        using (var report = await Host.GetAsync($"/api/projects/{project}/report?period=2026", token))
        {
            var body = await report.JsonAsync();
            Assert.Equal(10, (int?)body["figures"]!.AsArray().Single(f => (string?)f!["id"] == "referrals")!["value"]);
        }

        using (var missing = await SendJsonAsync(HttpMethod.Put, $"/api/projects/{project}/report/settings", token, new JsonObject { ["threshold"] = 3 }))
        {
            Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        }

        // An If-Match while the threshold was never set (found by fuzzing: it was a 500) is a stale version.
        using (var neverSet = await SendJsonAsync(HttpMethod.Put, $"/api/projects/{project}/report/settings", token, new JsonObject { ["threshold"] = 3 }, ("If-Match", "W/\"x\"")))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, neverSet.StatusCode);
        }

        string etag;
        using (var created = await SendJsonAsync(HttpMethod.Put, $"/api/projects/{project}/report/settings", token, new JsonObject { ["threshold"] = 3 }, ("If-None-Match", "*")))
        {
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
            etag = (string)(await created.JsonAsync())["eTag"]!;
        }

        using (var again = await SendJsonAsync(HttpMethod.Put, $"/api/projects/{project}/report/settings", token, new JsonObject { ["threshold"] = 4 }, ("If-None-Match", "*")))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, again.StatusCode);
        }

        using (var tooLow = await SendJsonAsync(HttpMethod.Put, $"/api/projects/{project}/report/settings", token, new JsonObject { ["threshold"] = 1 }, ("If-Match", etag)))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooLow.StatusCode);
        }

        // An If-Match that is no ETag the store ever gave (found by fuzzing: it was a 500) is a stale version.
        foreach (var forged in new[] { "\"default\"", "W/\"1\"", "not-an-etag", "\"x\"" })
        {
            using var stale = await SendJsonAsync(HttpMethod.Put, $"/api/projects/{project}/report/settings", token, new JsonObject { ["threshold"] = 6 }, ("If-Match", forged));
            Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
            Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        }

        using var report3 = await Host.GetAsync($"/api/projects/{project}/report?period=2026-01..2026-12", token);
        Assert.Equal(3, (int?)(await report3.JsonAsync())["threshold"]);
    }

    [Theory]
    [InlineData("2026-Q5")]
    [InlineData("")]
    [InlineData("2026-12..2026-01")]
    [InlineData("2020-01..2026-01")]
    [InlineData("'%20or%201")]
    public async Task A_bad_period_is_a_400_problem(string period)
    {
        var project = await SeedAsync(referrals: 0);
        using var response = await Host.GetAsync($"/api/projects/{project}/report?period={period}", Host.TokenFor(Coordinator + project[^4..]));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("mother")]
    [InlineData("staff")]
    [InlineData("teacher")]
    [InlineData("other coordinator")]
    [InlineData("admin")]
    public async Task Anyone_but_the_projects_coordinator_is_refused_403(string who)
    {
        var project = await SeedAsync(referrals: 1);
        var objectId = who switch
        {
            "mother" => Mother,
            "staff" => Staff,
            "teacher" => Teacher,
            "other coordinator" => OtherCoordinator,
            _ => Admin,
        } + project[^4..];
        var token = Host.TokenFor(objectId, roles: who == "admin" ? [AdministrationRegistration.AdminAppRole] : null);

        using var report = await Host.GetAsync($"/api/projects/{project}/report?period=2026-Q3", token);
        await RestAuthenticationTests.AssertProblemAsync(report, HttpStatusCode.Forbidden);
        using var settings = await Host.GetAsync($"/api/projects/{project}/report/settings", token);
        await RestAuthenticationTests.AssertProblemAsync(settings, HttpStatusCode.Forbidden);
        using var programme = await Host.GetAsync("/api/programme/report?period=2026-Q3", token);
        await RestAuthenticationTests.AssertProblemAsync(programme, HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("mother")]
    [InlineData("staff")]
    [InlineData("other coordinator")]
    public async Task Without_the_role_a_bad_period_is_still_403_the_role_is_asked_first(string who)
    {
        var project = await SeedAsync(referrals: 0);
        var objectId = (who switch { "mother" => Mother, "staff" => Staff, _ => OtherCoordinator }) + project[^4..];
        var token = Host.TokenFor(objectId);

        foreach (var path in new[]
        {
            $"/api/projects/{project}/report?period=2026-Q5", $"/api/projects/{project}/report.csv?period=2026-Q5", $"/api/projects/{project}/report.pdf",
            "/api/programme/report?period=nonsense", "/api/programme/report.xlsx?period=2026-Q5", "/api/programme/report.csv",
        })
        {
            using var response = await Host.GetAsync(path, token);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task No_token_or_a_forged_one_is_401()
    {
        var project = await SeedAsync(referrals: 0);
        using var forger = new PartnerHub.Tests.Shared.TestKey("forger-report");
        foreach (var token in new string?[] { null, Host.TokenFor(Coordinator + project[^4..], key: forger) })
        {
            using var report = await Host.GetAsync($"/api/projects/{project}/report?period=2026-Q3", token);
            await RestAuthenticationTests.AssertProblemAsync(report, HttpStatusCode.Unauthorized);
            using var programme = await Host.GetAsync("/api/programme/report?period=2026-Q3", token);
            await RestAuthenticationTests.AssertProblemAsync(programme, HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task An_administrator_appoints_a_programme_lead_who_sees_her_projects_added_up_and_nothing_else()
    {
        var first = await SeedAsync(referrals: 3);
        var second = await SeedAsync(referrals: 3);
        var lead = Guid.NewGuid().ToString("D");
        var adminToken = Host.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);
        var leadToken = Host.TokenFor(lead);

        using (var before = await Host.GetAsync("/api/programme/report?period=2026-Q3", leadToken))
        {
            await RestAuthenticationTests.AssertProblemAsync(before, HttpStatusCode.Forbidden);
        }

        var appointment = new JsonObject { ["projectIds"] = new JsonArray(first, second), ["firstName"] = "Birgit" };
        using (var notAdmin = await SendJsonAsync(HttpMethod.Put, $"/api/admin/programme-leads/{lead}", leadToken, appointment.DeepClone(), ("If-None-Match", "*")))
        {
            await RestAuthenticationTests.AssertProblemAsync(notAdmin, HttpStatusCode.Forbidden);
        }

        using (var unknown = await SendJsonAsync(HttpMethod.Put, $"/api/admin/programme-leads/{lead}", adminToken, new JsonObject { ["projectIds"] = new JsonArray("no-such-project"), ["firstName"] = "Birgit" }, ("If-None-Match", "*")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        }

        using (var noPrecondition = await SendJsonAsync(HttpMethod.Put, $"/api/admin/programme-leads/{lead}", adminToken, appointment.DeepClone()))
        {
            Assert.Equal((HttpStatusCode)428, noPrecondition.StatusCode);
        }

        using (var appointed = await SendJsonAsync(HttpMethod.Put, $"/api/admin/programme-leads/{lead}", adminToken, appointment.DeepClone(), ("If-None-Match", "*")))
        {
            Assert.Equal(HttpStatusCode.Created, appointed.StatusCode);
        }

        using (var twice = await SendJsonAsync(HttpMethod.Put, $"/api/admin/programme-leads/{lead}", adminToken, appointment.DeepClone(), ("If-None-Match", "*")))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, twice.StatusCode);
        }

        // An If-Match the store never gave is a stale version, not a server fault.
        using (var forged = await SendJsonAsync(HttpMethod.Put, $"/api/admin/programme-leads/{lead}", adminToken, appointment.DeepClone(), ("If-Match", "not-an-etag")))
        {
            Assert.Equal(HttpStatusCode.PreconditionFailed, forged.StatusCode);
        }

        using (var report = await Host.GetAsync("/api/programme/report?period=2026-Q3", leadToken))
        {
            Assert.Equal(HttpStatusCode.OK, report.StatusCode);
            var body = await report.JsonAsync();
            Assert.Equal([first, second], body["projectIds"]!.AsArray().Select(p => (string?)p));
            // 3 + 3: each project's count is hidden on its own, their sum of 6 shows.
            var referrals = body["figures"]!.AsArray().Single(f => (string?)f!["id"] == "referrals")!;
            Assert.False((bool?)referrals["hidden"]);
            Assert.Equal(6, (int?)referrals["basis"]!["value"]);
            Assert.DoesNotContain("Amina", body.ToJsonString(), StringComparison.Ordinal);
        }

        // She is no member of either project: the project's own report stays closed to her.
        using var projectReport = await Host.GetAsync($"/api/projects/{first}/report?period=2026-Q3", leadToken);
        await RestAuthenticationTests.AssertProblemAsync(projectReport, HttpStatusCode.Forbidden);
    }

    /// <summary>A project of the host's tenant with its cast and <paramref name="referrals"/> referrals from a kindergarten in August 2026.</summary>
    private async Task<string> SeedAsync(int referrals)
    {
        var project = RestHostFixture.NewProjectId("rep");
        var suffix = project[^4..];
        await Host.Projects.UpsertAsync(new Project(project, "Bydelsmødre " + project, "Testby Kommune", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await Host.GrantAsync(Coordinator + suffix, project, ProjectRole.Coordinator);
        await Host.GrantAsync(Mother + suffix, project, ProjectRole.NeighbourhoodMother);
        await Host.GrantAsync(Staff + suffix, project, ProjectRole.PartnerStaff, "solsikken");
        await Host.GrantAsync(Teacher + suffix, project, ProjectRole.Teacher);
        var other = RestHostFixture.NewProjectId("rep-other");
        await Host.SeedProjectAsync(other);
        await Host.GrantAsync(OtherCoordinator + suffix, other, ProjectRole.Coordinator);

        var store = Host.Services.GetRequiredService<ReferralStore>();
        var staff = new Actor(Staff + suffix, project, ProjectRole.PartnerStaff, "solsikken");
        await ReportSeeds.ReferAsync(store, staff, NeedCategories.Health, referrals, 3);

        return project;
    }

    private Task<HttpResponseMessage> SendJsonAsync(HttpMethod method, string path, string token, JsonNode body, params (string Name, string Value)[] headers)
    {
        var content = new StringContent(body.ToJsonString(), Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        return SendWithHeadersAsync(method, path, token, content, headers);
    }

    private async Task<HttpResponseMessage> SendWithHeadersAsync(HttpMethod method, string path, string token, HttpContent content, (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Host.CreateClient().SendAsync(request);
    }
}
