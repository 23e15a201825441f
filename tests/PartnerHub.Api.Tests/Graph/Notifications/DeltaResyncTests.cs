using System.Text.Json.Nodes;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Tests.Infrastructure;
using WireMock.RequestBuilders;

namespace PartnerHub.Api.Tests.Graph.Notifications;

/// <summary>
/// A delta link Graph no longer knows (410 Gone, syncStateNotFound): the real GraphCalendarGateway against a WireMock
/// Graph, the real CalendarDeltaSync and subscription store in Azurite. The sweep drops the link and reads the window anew.
/// </summary>
public sealed class DeltaResyncTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Organizer = GraphStub.Organizer;
    private readonly GraphStub _graph = new();
    private readonly GraphNotificationHost _host;

    public DeltaResyncTests() => _host = new GraphNotificationHost(calendar: _graph.Calendar);

    private const string DeltaPath = $"/v1.0/users/{Organizer}/calendarView/delta";

    private string StaleLink => $"{_graph.V1}/users/{Organizer}/calendarView/delta?$deltatoken=stale";

    private string FreshLink => $"{_graph.V1}/users/{Organizer}/calendarView/delta?$deltatoken=fresh";

    public void Dispose()
    {
        _host.Dispose();
        _graph.Dispose();
    }

    [Fact]
    public async Task The_gateway_turns_410_and_the_sync_state_codes_into_a_typed_expiry_and_nothing_else()
    {
        GivenDelta("gone", GraphStub.Json(410, Error("syncStateNotFound", "The sync state generation is not found.")));
        GivenDelta("badrequest", GraphStub.Json(400, Error("resyncRequired", "Resync required.")));
        GivenDelta("other", GraphStub.Json(400, Error("invalidRequest", "Something else.")));

        var gone = await Assert.ThrowsAsync<CalendarDeltaExpiredException>(() => _graph.Calendar.GetDeltaAsync(Organizer, default, default, Link("gone"), CancellationToken.None));
        Assert.Equal("syncStateNotFound", gone.Code);
        var resync = await Assert.ThrowsAsync<CalendarDeltaExpiredException>(() => _graph.Calendar.GetDeltaAsync(Organizer, default, default, Link("badrequest"), CancellationToken.None));
        Assert.Equal("resyncRequired", resync.Code);
        // Any other error is not an expiry: the sweep fails and retries from the same link later.
        await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() => _graph.Calendar.GetDeltaAsync(Organizer, default, default, Link("other"), CancellationToken.None));
        // The link is not logged, only the code.
        Assert.DoesNotContain(_graph.Logs.Lines, line => line.Contains("deltatoken", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_stale_delta_link_is_dropped_and_a_full_resync_of_a_new_window_applies_the_changes()
    {
        var (record, _) = await _host.SubscribeAsync(organizer: Organizer);
        var now = _host.Clock.GetUtcNow();
        Assert.True(await _host.Store.TrySaveDeltaAsync(new DeltaState(Organizer, record.ProjectId, StaleLink, now.AddDays(-40), now.AddDays(300), now.AddDays(-10)), null, CancellationToken.None));
        GivenDelta("stale", GraphStub.Json(410, Error("syncStateNotFound", "The sync state generation is not found.")));
        _graph.Server.Given(Request.Create().WithPath(DeltaPath + "()").UsingGet().WithParam("startDateTime"))
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["@odata.deltaLink"] = FreshLink,
                ["value"] = new JsonArray(
                    Event("AAMk-moved"),
                    new JsonObject { ["id"] = "AAMk-removed", ["@removed"] = new JsonObject { ["reason"] = "deleted" } }),
            }));

        var result = await _host.DeltaSync.SweepAsync(record.ProjectId, Organizer, CancellationToken.None);

        Assert.Equal(new DeltaSweepResult(1, 2, Stored: true, Restarted: true), result);
        Assert.Equal(["AAMk-moved", "AAMk-removed"], _host.Sink.Applied.Select(a => a.Snapshot.EventId));
        Assert.True(_host.Sink.Applied[1].Snapshot.IsDeleted);
        var calls = DeltaCalls();
        Assert.Equal(2, calls.Count);
        Assert.Equal("stale", GraphStub.Query(calls[0], "$deltatoken"));
        // The new window is today's, not the stale link's.
        Assert.Equal((now - TimeSpan.FromDays(30)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), GraphStub.Query(calls[1], "startDateTime"));
        var stored = await _host.Store.FindDeltaAsync(Organizer, CancellationToken.None);
        Assert.Equal(FreshLink, stored!.DeltaLink);
        Assert.Equal(now + TimeSpan.FromDays(365), stored.WindowEnd);

        // The next sweep continues from the new link.
        GivenDelta("fresh", GraphStub.Json(200, new JsonObject { ["@odata.deltaLink"] = FreshLink, ["value"] = new JsonArray() }));
        var next = await _host.DeltaSync.SweepAsync(record.ProjectId, Organizer, CancellationToken.None);
        Assert.False(next.Restarted);
        Assert.Equal("fresh", GraphStub.Query(DeltaCalls()[^1], "$deltatoken"));
    }

    [Fact]
    public async Task If_even_the_full_read_is_refused_the_sweep_gives_up_once_without_looping_and_keeps_no_stale_link()
    {
        var (record, _) = await _host.SubscribeAsync(organizer: Organizer);
        var now = _host.Clock.GetUtcNow();
        await _host.Store.TrySaveDeltaAsync(new DeltaState(Organizer, record.ProjectId, StaleLink, now.AddDays(-40), now.AddDays(300), now.AddDays(-10)), null, CancellationToken.None);
        GivenDelta("stale", GraphStub.Json(410, Error("syncStateNotFound", "Gone.")));
        _graph.Server.Given(Request.Create().WithPath(DeltaPath + "()").UsingGet().WithParam("startDateTime"))
            .RespondWith(GraphStub.Json(410, Error("fullSyncRequired", "Gone again.")));

        await Assert.ThrowsAsync<CalendarDeltaExpiredException>(() => _host.DeltaSync.SweepAsync(record.ProjectId, Organizer, CancellationToken.None));

        Assert.Equal(2, DeltaCalls().Count);
        Assert.Empty(_host.Sink.Applied);
        Assert.Null(await _host.Store.FindDeltaAsync(Organizer, CancellationToken.None)); // the next pass starts clean
    }

    private void GivenDelta(string token, WireMock.ResponseBuilders.IResponseBuilder response) =>
        _graph.Server.Given(Request.Create().WithPath(DeltaPath).UsingGet().WithParam("$deltatoken", token)).RespondWith(response);

    private string Link(string token) => $"{_graph.V1}/users/{Organizer}/calendarView/delta?$deltatoken={token}";

    private List<WireMock.IRequestMessage> DeltaCalls() =>
        [.. _graph.Server.LogEntries.Select(e => e.RequestMessage).Where(r => r.AbsolutePath.StartsWith(DeltaPath, StringComparison.Ordinal))];

    private static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    private static JsonObject Event(string id) => new()
    {
        ["id"] = id,
        ["iCalUId"] = "ical-" + id,
        ["isCancelled"] = false,
        ["start"] = new JsonObject { ["dateTime"] = "2026-03-10T10:00:00.0000000", ["timeZone"] = "UTC" },
        ["end"] = new JsonObject { ["dateTime"] = "2026-03-10T11:00:00.0000000", ["timeZone"] = "UTC" },
        ["attendees"] = new JsonArray(),
    };
}
