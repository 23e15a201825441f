using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Outreach;

/// <summary>
/// GET and PATCH /api/projects/{projectId}/outreach/{entryId}/topics (rectification of an entry's topics) with real
/// Entra tokens, the real host and Azurite: the month's counts and the funder report follow the correction exactly.
/// One host for the class; each test has projects of its own.
/// </summary>
public sealed class OutreachTopicsCorrectionTests(RestHostFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    private const string Coordinator = "f0000000-0000-4000-8000-000000000001";
    private const string Mother = "f0000000-0000-4000-8000-000000000002";
    private const string OtherMother = "f0000000-0000-4000-8000-000000000003";
    private const string Kindergarten = "f0000000-0000-4000-8000-000000000004";
    private const string CoordinatorElsewhere = "f0000000-0000-4000-8000-000000000005";

    private readonly RestHost _host = fixture.Host;

    private string ProjectId { get; } = RestHostFixture.NewProjectId("rettet");

    /// <summary>The same mother's entries logged right from the start, to compare the corrected project with.</summary>
    private string AsLoggedId { get; } = RestHostFixture.NewProjectId("korrekt");

    private static DateOnly Today => CopenhagenTime.DateOf(DateTimeOffset.UtcNow);

    public async Task InitializeAsync()
    {
        foreach (var (projectId, name) in new[] { (ProjectId, "Vollsmose"), (AsLoggedId, "Tingbjerg") })
        {
            await _host.Projects.UpsertAsync(new Project(projectId, name, "Odense", "Lokalet") { TenantId = RestHost.TenantId }, CancellationToken.None);
        }

        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        foreach (var member in new ProjectMember[]
        {
            new(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"),
            new(Mother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(OtherMother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hawa"),
            new(Kindergarten, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Mette"),
            new(Mother, AsLoggedId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(CoordinatorElsewhere, AsLoggedId, ProjectRole.Coordinator, null, "Nadia"),
        })
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Corrected_topics_leave_the_month_and_the_report_as_if_logged_so_from_the_start()
    {
        var wrong = await LogAsync(ProjectId, "HomeVisit", 3, "health", "job-centre");
        await LogAsync(ProjectId, "Phone", 2, "health");
        await LogAsync(AsLoggedId, "HomeVisit", 3, "school", "health");
        await LogAsync(AsLoggedId, "Phone", 2, "health");

        using var read = await SendAsync(HttpMethod.Get, Topics(ProjectId, wrong), Coordinator);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.ToString());
        var seen = await read.JsonAsync();
        Assert.Equal(["id", "topics", "version"], seen.Select(p => p.Key).Order(StringComparer.Ordinal)); // not who, when or how
        using var corrected = await SendAsync(HttpMethod.Patch, Topics(ProjectId, wrong), Mother, TopicsBody("school", "health"), "\"1\"");
        using var retry = await SendAsync(HttpMethod.Patch, Topics(ProjectId, wrong), Mother, TopicsBody("school", "health"), "\"1\"");

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("\"2\"", corrected.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode); // her retry: answered as applied, counted once
        Assert.Equal(await SectionAsync(AsLoggedId), await SectionAsync(ProjectId));
        using var own = await SendAsync(HttpMethod.Get, $"/api/projects/{ProjectId}/outreach/{wrong}", Mother);
        Assert.Equal((2, "\"2\""), ((int)(await own.JsonAsync())["version"]!, own.Headers.ETag?.ToString()));

        using var cleared = await SendAsync(HttpMethod.Patch, Topics(ProjectId, wrong), Coordinator, TopicsBody(), "\"2\"");
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(new Dictionary<string, int> { ["health"] = 1 }, await ByTopicAsync(ProjectId));

        var audit = (await AuditAsync(ProjectId)).Where(row => row.GetString("Action") == "CorrectTopics" && row.GetBoolean("Allowed") == true).ToList();
        Assert.Equal([Coordinator, Mother], audit.Select(row => row.GetString("Actor")).Order(StringComparer.Ordinal));
        Assert.All(audit, row => Assert.Equal(("outreach", wrong), (row.GetString("RecordType"), row.GetString("RecordId"))));
    }

    [Fact]
    public async Task Two_corrections_from_the_same_version_one_applied_the_other_412_and_the_counts_follow_the_one()
    {
        var id = await LogAsync(ProjectId, "OpenHouse", 4, "health");

        var answers = await Task.WhenAll(
            SendAsync(HttpMethod.Patch, Topics(ProjectId, id), Mother, TopicsBody("school"), "\"1\""),
            SendAsync(HttpMethod.Patch, Topics(ProjectId, id), Coordinator, TopicsBody("kindergarten"), "\"1\""));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.PreconditionFailed], answers.Select(a => a.StatusCode).Order());
        var applied = answers.Single(a => a.StatusCode == HttpStatusCode.OK);
        var topic = (string)(await applied.JsonAsync())["topics"]![0]!;
        Assert.Equal("\"2\"", answers.Single(a => a.StatusCode != HttpStatusCode.OK).Headers.ETag?.ToString());
        Assert.Equal(new Dictionary<string, int> { [topic] = 1 }, await ByTopicAsync(ProjectId));
        foreach (var answer in answers)
        {
            answer.Dispose();
        }
    }

    [Fact]
    public async Task Refusals_are_problems_in_her_language_and_write_nothing()
    {
        var id = await LogAsync(ProjectId, "OpenHouse", 1, "health");
        var elsewhere = await LogAsync(AsLoggedId, "OpenHouse", 1, "health");
        var rowsBefore = await MainRowsAsync();

        var refusals = new (HttpStatusCode Status, string Person, string Path, string Body, string? IfMatch)[]
        {
            ((HttpStatusCode)428, Mother, Topics(ProjectId, id), """{"topics":["school"]}""", null),
            (HttpStatusCode.PreconditionFailed, Mother, Topics(ProjectId, id), """{"topics":["school"]}""", "\"2\""),
            (HttpStatusCode.PreconditionFailed, Mother, Topics(ProjectId, id), """{"topics":["school"]}""", "garbage"),
            (HttpStatusCode.BadRequest, Mother, Topics(ProjectId, id), """{"topics":["no-such-theme"]}""", "\"1\""),
            (HttpStatusCode.BadRequest, Mother, Topics(ProjectId, id), """{"topics":["health,school"]}""", "\"1\""),
            (HttpStatusCode.BadRequest, Mother, Topics(ProjectId, id), """{"topics":null}""", "\"1\""),
            (HttpStatusCode.BadRequest, Mother, Topics(ProjectId, id), "{}", "\"1\""),
            (HttpStatusCode.BadRequest, Mother, Topics(ProjectId, id), """{"topics":"health"}""", "\"1\""),
            (HttpStatusCode.NotFound, OtherMother, Topics(ProjectId, id), """{"topics":["school"]}""", "\"1\""),
            (HttpStatusCode.Forbidden, Kindergarten, Topics(ProjectId, id), """{"topics":["school"]}""", "\"1\""),
            (HttpStatusCode.Forbidden, CoordinatorElsewhere, Topics(ProjectId, id), """{"topics":["school"]}""", "\"1\""),
            (HttpStatusCode.NotFound, Coordinator, Topics(ProjectId, elsewhere), """{"topics":["school"]}""", "\"1\""),
            (HttpStatusCode.NotFound, Coordinator, Topics(ProjectId, "not-an-id"), """{"topics":["school"]}""", "\"1\""),
        };
        foreach (var (status, person, path, body, ifMatch) in refusals)
        {
            using var response = await SendAsync(HttpMethod.Patch, path, person, new StringContent(body, Encoding.UTF8, "application/json"), ifMatch);
            await RestAuthenticationTests.AssertProblemAsync(response, status);
        }

        using var unknown = await SendAsync(HttpMethod.Patch, Topics(ProjectId, id), Mother, TopicsBody("no-such-theme"), "\"1\"");
        Assert.Contains("Vælg en af mulighederne", (string?)(await unknown.JsonAsync())["errors"]!["topics"]![0], StringComparison.Ordinal);
        using var notHers = await SendAsync(HttpMethod.Get, Topics(ProjectId, id), OtherMother);
        Assert.Equal(HttpStatusCode.NotFound, notHers.StatusCode);
        Assert.Equal(rowsBefore, await MainRowsAsync());
    }

    private static string Topics(string projectId, string entryId) => $"/api/projects/{projectId}/outreach/{entryId}/topics";

    private static StringContent TopicsBody(params string[] topics) =>
        new(new JsonObject { ["topics"] = new JsonArray([.. topics.Select(t => (JsonNode?)t)]) }.ToJsonString(), Encoding.UTF8, "application/json");

    private async Task<string> LogAsync(string projectId, string kind, int women, params string[] topics)
    {
        var body = new JsonObject
        {
            ["date"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["kind"] = kind,
            ["women"] = women,
            ["topics"] = new JsonArray([.. topics.Select(t => (JsonNode?)t)]),
            ["services"] = new JsonArray("HealthVisitor"),
        };
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await SendAsync(HttpMethod.Post, $"/api/projects/{projectId}/outreach", Mother, content, key: Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (string)(await response.JsonAsync())["id"]!;
    }

    /// <summary>The funder report's outreach figures for this month, raw (before suppression), as lines to compare.</summary>
    private async Task<List<string>> SectionAsync(string projectId)
    {
        var section = _host.Services.GetServices<IReportSection>().Single(s => s.Id == "outreach");
        var month = new DateOnly(Today.Year, Today.Month, 1);
        var counts = await section.ReadAsync(projectId, ReportPeriod.Custom(month, month)!, CancellationToken.None);
        var lines = counts.Figures.Select(f => f.ToString()).ToList();
        foreach (var table in counts.Tables)
        {
            for (var row = 0; row < table.RowKeys.Count; row++)
            {
                for (var column = 0; column < table.ColumnKeys.Count; column++)
                {
                    lines.Add($"{table.Id} {table.RowKeys[row]} {table.ColumnKeys[column]} = {table.Counts[row, column]}");
                }
            }
        }

        return lines;
    }

    private async Task<Dictionary<string, int>> ByTopicAsync(string projectId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"/api/projects/{projectId}/outreach/months/{Today.ToString("yyyy-MM", CultureInfo.InvariantCulture)}", Coordinator);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["byTopic"]!.AsObject().ToDictionary(p => p.Key, p => (int)p.Value!, StringComparer.Ordinal);
    }

    /// <summary>Both projects' rows in the main table, as text (keys and every property but the timestamp).</summary>
    private async Task<List<string>> MainRowsAsync()
    {
        var lines = new List<string>();
        foreach (var projectId in new[] { ProjectId, AsLoggedId })
        {
            await foreach (var row in _host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {projectId}")))
            {
                lines.Add(string.Join(";", row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")));
            }
        }

        return [.. lines.Order(StringComparer.Ordinal)];
    }

    private async Task<List<TableEntity>> AuditAsync(string projectId)
    {
        var rows = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {projectId + "|"} and PartitionKey lt {projectId + "|~"}");
        await foreach (var row in _host.Tables.Table(TableNames.Audit).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, HttpContent? content = null, string? ifMatch = null, string? key = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        return await _host.CreateClient().SendAsync(request);
    }
}
