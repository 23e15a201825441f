using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>
/// PATCH /api/projects/{projectId}/sessions/{sessionId}/cancellation (rectification of a cancelled session's comment)
/// with real Entra tokens, the real host and Azurite; one host for the class, a project of its own per test, the
/// outbox not dispatched so the notifications a correction commits can be counted.
/// </summary>
public sealed class CancellationCommentCorrectionTests(RestHostWithoutOutboxFixture fixture)
    : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostWithoutOutboxFixture>
{
    private const string Coordinator = "e0000000-0000-4000-8000-000000000001";
    private const string Mother = "e0000000-0000-4000-8000-000000000002";
    private const string OtherCoordinator = "e0000000-0000-4000-8000-000000000003";
    private const string Comment = "Underviseren er syg";

    private readonly RestHost _host = fixture.Host;

    private string ProjectId { get; } = RestHostFixture.NewProjectId("aflyst");

    private string OtherProjectId { get; } = RestHostFixture.NewProjectId("andet");

    private SessionStore Sessions => _host.Services.GetRequiredService<SessionStore>();

    public async Task InitializeAsync()
    {
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        foreach (var (projectId, name) in new[] { (ProjectId, "Vollsmose"), (OtherProjectId, "Tingbjerg") })
        {
            await _host.Projects.UpsertAsync(new Project(projectId, name, "Odense", "Lokalet") { TenantId = RestHost.TenantId }, CancellationToken.None);
        }

        foreach (var member in new ProjectMember[]
        {
            new(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"),
            new(Mother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(OtherCoordinator, OtherProjectId, ProjectRole.Coordinator, null, "Nadia"),
        })
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_coordinator_corrects_then_clears_the_comment_once_audited_and_nothing_else_changes()
    {
        var before = await SeedAsync(ProjectId, "s1", SessionState.Cancelled);
        var outboxBefore = await OutboxKindsAsync();

        using var corrected = await PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = "  Ny dato følger  " }, before.Version);
        using var retry = await PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = "  Ny dato følger  " }, before.Version);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var body = await corrected.JsonAsync();
        Assert.Equal(("Ny dato følger", before.Version + 1, "Cancelled"), ((string?)body["comment"], (int)body["version"]!, (string?)body["state"]));
        Assert.Equal($"\"{before.Version + 1}\"", corrected.Headers.ETag?.ToString());
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode); // her retry from the same version: answered as applied, applied once
        var after = (await Sessions.FindAsync(ProjectId, "s1", CancellationToken.None))!.Session;
        Assert.Equal(before with { CancellationComment = "Ny dato følger", Version = before.Version + 1, DecidedVersion = before.Version + 1 }, after);
        Assert.Equal([.. outboxBefore, SessionNotifications.UpdateCards], await OutboxKindsAsync()); // her cards, nothing to Outlook

        using var cleared = await PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = null }, after.Version);
        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Null((await Sessions.FindAsync(ProjectId, "s1", CancellationToken.None))!.Session.CancellationComment);

        var audit = await AuditAsync(ProjectId);
        var corrections = audit.Where(row => row.GetString("Action") == SessionService.CorrectCancellationAction).ToList();
        Assert.Equal(2, corrections.Count);
        Assert.All(corrections, row => Assert.Equal((Coordinator, "session", "s1", true), (row.GetString("Actor"), row.GetString("RecordType"), row.GetString("RecordId"), row.GetBoolean("Allowed") == true)));
        Assert.DoesNotContain(audit, row => row.Select(p => p.Value).OfType<string>().Any(value => value.Contains("Ny dato", StringComparison.Ordinal) || value.Contains(Comment, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Refusals_are_problems_and_write_nothing()
    {
        var cancelled = await SeedAsync(ProjectId, "s1", SessionState.Cancelled);
        var scheduled = await SeedAsync(ProjectId, "s2", SessionState.Scheduled);
        var elsewhere = await SeedAsync(OtherProjectId, "s3", SessionState.Cancelled);
        using var moved = await PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = "Flyttet" }, cancelled.Version);
        var current = (await Sessions.FindAsync(ProjectId, "s1", CancellationToken.None))!.Session;
        var rowsBefore = await MainRowsAsync();

        var refusals = new (HttpStatusCode Status, Func<Task<HttpResponseMessage>> Send)[]
        {
            ((HttpStatusCode)428, () => PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = "x" }, null)),
            (HttpStatusCode.PreconditionFailed, () => PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = "Et andet" }, cancelled.Version)),
            (HttpStatusCode.BadRequest, () => PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = new string('a', CancellationComment.MaxLength + 1) }, current.Version)),
            (HttpStatusCode.BadRequest, () => PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = "Ring til 010190-1234" }, current.Version)),
            (HttpStatusCode.BadRequest, () => PatchAsync(ProjectId, "s1", Coordinator, new JsonObject(), current.Version)),
            (HttpStatusCode.BadRequest, () => PatchAsync(ProjectId, "s1", Coordinator, new JsonObject { ["comment"] = 7 }, current.Version)),
            (HttpStatusCode.Conflict, () => PatchAsync(ProjectId, "s2", Coordinator, new JsonObject { ["comment"] = "x" }, scheduled.Version)),
            (HttpStatusCode.Forbidden, () => PatchAsync(ProjectId, "s1", Mother, new JsonObject { ["comment"] = "x" }, current.Version)),
            (HttpStatusCode.Forbidden, () => PatchAsync(ProjectId, "s1", OtherCoordinator, new JsonObject { ["comment"] = "x" }, current.Version)),
            (HttpStatusCode.NotFound, () => PatchAsync(ProjectId, "s3", Coordinator, new JsonObject { ["comment"] = "x" }, elsewhere.Version)),
            (HttpStatusCode.NotFound, () => PatchAsync(ProjectId, "no-such-session", Coordinator, new JsonObject { ["comment"] = "x" }, 1)),
        };
        foreach (var (status, send) in refusals)
        {
            using var response = await send();
            await RestAuthenticationTests.AssertProblemAsync(response, status);
        }

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(rowsBefore, await MainRowsAsync());
        Assert.Equal(elsewhere, (await Sessions.FindAsync(OtherProjectId, "s3", CancellationToken.None))!.Session);
    }

    private async Task<SupervisionSession> SeedAsync(string projectId, string id, SessionState state)
    {
        var start = DateTimeOffset.UtcNow.AddDays(3);
        var session = new SupervisionSession
        {
            Id = id,
            ProjectId = projectId,
            Kind = SessionKind.Supervision,
            Title = "Supervision",
            Place = "Lokalet",
            Start = start,
            End = start.AddHours(2),
            OrganizerObjectId = Coordinator,
            Invitees = [new Invitee(Mother, ProjectRole.NeighbourhoodMother, Rsvp.None, null, null)],
            State = state,
            CancellationComment = state == SessionState.Cancelled ? Comment : null,
            CreatedAt = start.AddDays(-7),
            RsvpResetAt = start.AddDays(-7),
            Version = 3,
            DecidedVersion = 3,
        };
        return (await Sessions.CreateAsync(session, "test|" + id, [], CancellationToken.None)).Session;
    }

    private async Task<HttpResponseMessage> PatchAsync(string projectId, string sessionId, string person, JsonObject body, int? version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/projects/{projectId}/sessions/{sessionId}/cancellation")
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        if (version is { } v)
        {
            request.Headers.TryAddWithoutValidation("If-Match", $"\"{v}\"");
        }

        return await _host.CreateClient().SendAsync(request);
    }

    private async Task<List<string>> OutboxKindsAsync() =>
        [.. (await RowsAsync(TableNames.Main, TableQueries.Prefix(ProjectId, "outbox|"))).Select(row => row.GetString("Kind")!).Order(StringComparer.Ordinal)];

    /// <summary>The project's rows in the main table, as text (keys and every property but the timestamp).</summary>
    private async Task<List<string>> MainRowsAsync() =>
        [.. (await RowsAsync(TableNames.Main, TableClient.CreateQueryFilter($"PartitionKey eq {ProjectId}")))
            .Select(row => string.Join(";", row.Where(p => p.Key is not ("Timestamp" or "odata.etag")).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")))
            .Order(StringComparer.Ordinal)];

    private Task<List<TableEntity>> AuditAsync(string projectId) =>
        RowsAsync(TableNames.Audit, TableClient.CreateQueryFilter($"PartitionKey ge {projectId + "|"} and PartitionKey lt {projectId + "|~"}"));

    private async Task<List<TableEntity>> RowsAsync(string table, string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in _host.Tables.Table(table).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }
}
