using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Tests.Shared;
using WireMock.RequestBuilders;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>
/// The real host (tables in Azurite, outbox off so tests read its rows) with Graph at a WireMock stub that answers
/// with the payloads Graph sends: the event with categories and attendees, delta pages, user look-ups by address.
/// </summary>
internal sealed class OutlookAdoptionHost : IDisposable
{
    public const string Alex = "c0a1b2c3-0000-4000-8000-0000000a1e00";
    public const string Adele = "c0a1b2c3-0000-4000-8000-0000000ade1e";
    public const string Isra = "c0a1b2c3-0000-4000-8000-00000000157a";
    public const string Karen = "c0a1b2c3-0000-4000-8000-0000000ca4e0";
    public const string Jette = "Jette Hansen (Sundhedsplejen)";

    private static readonly Dictionary<string, (string? Id, string Name)> People = new(StringComparer.Ordinal)
    {
        ["alex@kommune.dk"] = (Alex, "Alex"),
        ["adele@bydelsmor.dk"] = (Adele, "Adele"),
        ["isra@bydelsmor.dk"] = (Isra, "Isra"),
        ["karen@bydelsmor.dk"] = (Karen, "Karen"),
        ["jette.hansen@sundhed.dk"] = (null, Jette),
    };

    public OutlookAdoptionHost(bool readsMeetingAttendance = false)
    {
        Host = new RestHost(settings: new Dictionary<string, string?>
        {
            ["Outbox:Enabled"] = "false",
            ["Graph:PublicBaseUrl"] = "https://partnerhub.example.org",
            ["Graph:Notifications:Enabled"] = "false",
            ["Graph:ReadsMeetingAttendance"] = readsMeetingAttendance ? "true" : "false",
        })
        {
            Customize = Graph.Configure,
        };
        GivenPeople();
    }

    public GraphStub Graph { get; } = new();

    public RestHost Host { get; }

    public string ProjectId { get; } = "p" + UniqueIds.Next(10);

    public string OtherProjectId { get; } = "p" + UniqueIds.Next(10);

    /// <summary>Nine days ahead at 10:00 UTC: well in the future, whenever the test runs.</summary>
    public DateTimeOffset Start { get; } = new(DateTimeOffset.UtcNow.Date.AddDays(9).AddHours(10), TimeSpan.Zero);

    public ICalendarChangeSink Sink => Host.Services.GetRequiredService<ICalendarChangeSink>();

    public ICalendarGateway Calendar => Host.Services.GetRequiredService<ICalendarGateway>();

    public SessionStore Sessions => Host.Services.GetRequiredService<SessionStore>();

    /// <summary>Alex coordinates the project; Adele and Isra are its mothers; Karen is a mother elsewhere.</summary>
    public async Task SeedAsync(bool alsoCoordinatesOther = false)
    {
        var directory = Host.Services.GetRequiredService<DirectoryStore>();
        foreach (var projectId in alsoCoordinatesOther ? new[] { ProjectId, OtherProjectId } : [ProjectId])
        {
            await Host.Projects.UpsertAsync(new Project(projectId, "Projekt " + projectId, "Odense", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
            await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Alex, projectId, ProjectRole.Coordinator, null, "Alex"), CancellationToken.None);
        }

        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Adele, ProjectId, ProjectRole.NeighbourhoodMother, null, "Adele"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Isra, ProjectId, ProjectRole.NeighbourhoodMother, null, "Isra"), CancellationToken.None);
        var elsewhere = "p" + UniqueIds.Next(10);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Karen, elsewhere, ProjectRole.NeighbourhoodMother, null, "Karen"), CancellationToken.None);
    }

    /// <summary>An event as GET /users/{id}/events/{id} returns it with the adoption fields selected.</summary>
    public JsonObject Event(
        string eventId,
        DateTimeOffset? start = null,
        string[]? categories = null,
        string[]? attendees = null,
        string subject = "Supervision i april",
        string sensitivity = "normal",
        string type = "singleInstance",
        bool isOrganizer = true,
        string? acceptedBy = null)
    {
        var from = start ?? Start;
        return new JsonObject
        {
            ["@odata.etag"] = "W/\"DwAAABYAAAA" + eventId.Length + "\"",
            ["id"] = eventId,
            ["iCalUId"] = "040000008200E00074C5B7101A82E008-" + eventId,
            ["subject"] = subject,
            ["isCancelled"] = false,
            ["isOrganizer"] = isOrganizer,
            ["sensitivity"] = sensitivity,
            ["type"] = type,
            ["categories"] = new JsonArray([.. (categories ?? [OutlookCategory.Name]).Select(c => (JsonNode)JsonValue.Create(c))]),
            ["start"] = Time(from),
            ["end"] = Time(from.AddHours(2)),
            ["location"] = new JsonObject { ["displayName"] = "Beboerhuset, lokale 2", ["locationType"] = "default" },
            ["isOnlineMeeting"] = false,
            ["onlineMeeting"] = null,
            ["attendees"] = new JsonArray([.. (attendees ?? ["adele@bydelsmor.dk", "isra@bydelsmor.dk", "jette.hansen@sundhed.dk"])
                .Select(address => (JsonNode)Attendee(address, address == acceptedBy ? "accepted" : "none"))]),
            ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "Alex", ["address"] = "alex@kommune.dk" } },
        };
    }

    /// <summary>Graph now answers GET of the event with this state (the newest stubbing wins).</summary>
    public void GivenEvent(JsonObject graphEvent)
    {
        var id = (string)graphEvent["id"]!;
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Alex}/events/{id}").UsingGet())
            .AtPriority(NextPriority())
            .RespondWith(GraphStub.Json(200, graphEvent));
    }

    /// <summary>What a change notification leads to: the event read back from Graph, then given to the sink.</summary>
    public async Task NotifiedAsync(string eventId, string? hintProjectId = null)
    {
        var snapshot = await Calendar.GetEventAsync(Alex, eventId, CancellationToken.None);
        Assert.NotNull(snapshot);
        await Sink.ApplyAsync(hintProjectId ?? ProjectId, Alex, snapshot, CancellationToken.None);
    }

    /// <summary>One delta page with these items (events, or "@removed" stubs) ending in a deltaLink, read and applied as the sweep does.</summary>
    public async Task SweptAsync(params JsonObject[] items)
    {
        var token = "sweep-" + Guid.NewGuid().ToString("N");
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Alex}/calendarView/delta()").UsingGet())
            .AtPriority(NextPriority())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["@odata.deltaLink"] = $"{Graph.V1}/users/{Alex}/calendarView/delta?$deltatoken={token}",
                ["value"] = new JsonArray([.. items.Select(i => (JsonNode)i.DeepClone())]),
            }));
        var page = await Calendar.GetDeltaAsync(Alex, Start.AddDays(-30), Start.AddDays(60), null, CancellationToken.None);
        foreach (var snapshot in page.Events)
        {
            await Sink.ApplyAsync(ProjectId, Alex, snapshot, CancellationToken.None);
        }
    }

    public static JsonObject Removed(string eventId) => new()
    {
        ["@odata.type"] = "#microsoft.graph.event",
        ["id"] = eventId,
        ["@removed"] = new JsonObject { ["reason"] = "deleted" },
    };

    public async Task<SupervisionSession?> SessionOfAsync(string eventId, string? projectId = null) =>
        (await Sessions.FindByEventAsync(projectId ?? ProjectId, eventId, CancellationToken.None))?.Session;

    /// <summary>The project's outbox rows (kind, payload), oldest first.</summary>
    public async Task<IReadOnlyList<(string RowKey, string Kind, string Payload)>> OutboxAsync(string? projectId = null)
    {
        var rows = new List<(string, string, string)>();
        await foreach (var entity in Host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId ?? ProjectId, OutboxKeys.Prefix)))
        {
            rows.Add((entity.RowKey, entity.GetString(OutboxKeys.Kind), entity.GetString(OutboxKeys.Payload)));
        }

        return rows;
    }

    public void Dispose()
    {
        Host.Dispose();
        Graph.Dispose();
    }

    private int _priority = 1000;

    private int NextPriority() => --_priority;

    private void GivenPeople()
    {
        foreach (var (address, (id, _)) in People)
        {
            var found = id is null ? new JsonArray() : new JsonArray(new JsonObject { ["id"] = id, ["mail"] = address });
            Graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet()
                    .WithParam("$filter", $"mail eq '{address}' or userPrincipalName eq '{address}'"))
                .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = found }));
        }
    }

    private static JsonObject Attendee(string address, string response) => new()
    {
        ["type"] = "required",
        ["status"] = new JsonObject { ["response"] = response, ["time"] = response == "none" ? "0001-01-01T00:00:00Z" : "2026-05-01T10:00:00Z" },
        ["emailAddress"] = new JsonObject { ["name"] = People.TryGetValue(address, out var person) ? person.Name : address, ["address"] = address },
    };

    private static JsonObject Time(DateTimeOffset at) => new()
    {
        ["dateTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };
}
