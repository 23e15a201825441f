using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision.MeetingAttendance;

/// <summary>
/// Attendance proposed from the Teams meeting of an online session: made on a card, its event created in WireMock as
/// Graph (with a join link), then looked for after the end, with the attendance-report payloads Graph v1.0 sends. The
/// outbox is swept by hand and the clock is fake; a host per test, since each moves the clock.
/// </summary>
public sealed class TeamsAttendanceTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string EventId = "AAMkAD-online-1";
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0";
    private const string MeetingId = "MSpvbmxpbmUtbWVldGluZw";
    private readonly OnlineSessionScenario _online = new(("Graph:ReadsMeetingAttendance", "true"), ("MeetingAttendance:MaxChecks", "3"));

    public Task InitializeAsync() => _online.InitializeAsync(EventId, JoinUrl);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _online.Dispose();

    private static string MeetingsPath => $"/v1.0/users/{Coordinator.ObjectId}/onlineMeetings";

    private static string ReportsPath => $"{MeetingsPath}/{MeetingId}/attendanceReports";

    [Fact]
    public async Task The_report_is_proposed_on_the_coordinators_card_and_she_confirms_it_correcting_the_mother_who_phoned_in()
    {
        var session = await CreateOnlineSessionAsync();
        GivenReport(Record(Mother.ObjectId, 3600), Record(Coordinator.ObjectId, 7200, "Organizer"), Record(null, 5400));

        _online.Time.SetUtcNow(session.End.AddMinutes(14));
        await DeliverAllAsync();
        Assert.Empty(_online.Graph.Requests("GET", MeetingsPath));

        _online.Time.SetUtcNow(session.End.AddMinutes(16));
        await DeliverAllAsync();

        var proposed = await StoredAsync(session.Id);
        Assert.Equal(new TeamsAttendance(TeamsAttendanceStatus.Proposed, [Mother.ObjectId], 1, session.End, proposed.TeamsAttendance!.CheckedAt), proposed.TeamsAttendance);
        Assert.Equal(SessionState.Scheduled, proposed.State);
        var card = LastCardTo(Coordinator);
        Assert.Contains("Ifølge Teams-mødet deltog 1 af de 2 inviterede.", card, StringComparison.Ordinal);
        Assert.Contains("1 deltager mere var med uden at kunne kobles til en af de inviterede", card, StringComparison.Ordinal);

        // Her attendance card starts from the proposal; Hawa phoned in, so she ticks her too and saves.
        var views = _online.Host.Services.GetRequiredService<SessionViews>();
        var attendanceCard = await views.AttendanceAsync(proposed, "da");
        Assert.Equal(Mother.ObjectId, (string?)Find(attendanceCard, "attended")!["value"]);
        Assert.Contains("Hakkene er forslaget fra Teams-mødet.", Text(attendanceCard), StringComparison.Ordinal);
        var actor = new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null);
        var change = await _online.Host.Services.GetRequiredService<SessionService>().ChangeAsync(
            actor, session.Id, proposed.Version, new RecordAttendance([Mother.ObjectId, OtherMother.ObjectId]), null, null, CancellationToken.None);

        Assert.Equal(ChangeOutcome.Changed, change.Outcome);
        var held = await StoredAsync(session.Id);
        Assert.Equal(SessionState.Held, held.State);
        Assert.True(held.InviteeOf(Mother.ObjectId)!.Attended);
        Assert.True(held.InviteeOf(OtherMother.ObjectId)!.Attended);
    }

    [Fact]
    public async Task A_meeting_without_a_report_is_looked_for_with_growing_gaps_then_the_card_asks_for_attendance_by_hand()
    {
        var session = await CreateOnlineSessionAsync();
        GivenMeeting();
        _online.Graph.Server.Given(Request.Create().WithPath(ReportsPath).UsingGet()).RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray() }));

        foreach (var (minutes, looks) in new[] { (16, 1), (29, 1), (31, 2), (61, 3), (200, 3) })
        {
            _online.Time.SetUtcNow(session.End.AddMinutes(minutes));
            await DeliverAllAsync();
            Assert.Equal(looks, _online.Graph.Requests("GET", MeetingsPath).Count);
        }

        var stored = await StoredAsync(session.Id);
        Assert.Equal(TeamsAttendanceStatus.NoReport, stored.TeamsAttendance!.Status);
        Assert.Contains("Teams-mødet har ingen fremmøderapport. Registrér fremmødet selv.", LastCardTo(Coordinator), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_permission_the_card_says_attendance_is_entered_by_hand_and_Graph_is_not_asked_again()
    {
        var session = await CreateOnlineSessionAsync();
        _online.Graph.Server.Given(Request.Create().WithPath(MeetingsPath).UsingGet())
            .RespondWith(GraphStub.Json(403, new JsonObject { ["error"] = new JsonObject { ["code"] = "Forbidden", ["message"] = "No application access policy found for this app." } }));

        _online.Time.SetUtcNow(session.End.AddMinutes(16));
        await DeliverAllAsync();
        _online.Time.SetUtcNow(session.End.AddHours(20));
        await DeliverAllAsync();

        Assert.Single(_online.Graph.Requests("GET", MeetingsPath));
        Assert.Equal(TeamsAttendanceStatus.NotPermitted, (await StoredAsync(session.Id)).TeamsAttendance!.Status);
        Assert.Contains("så fremmødet skal registreres i hånden", LastCardTo(Coordinator), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_look_reads_nothing_and_changes_nothing()
    {
        var session = await CreateOnlineSessionAsync();
        GivenReport(Record(Mother.ObjectId, 600));
        _online.Time.SetUtcNow(session.End.AddMinutes(16));
        await DeliverAllAsync();
        var proposed = await StoredAsync(session.Id);
        var reads = _online.Graph.Requests().Count;

        // The same look delivered again (a dispatcher that crashed before its tombstone), and the plan asked for again.
        var handler = _online.Host.Services.GetServices<PartnerHub.Api.Storage.Outbox.IOutboxHandler>().Single(h => h.Kind == "session.attendance-check");
        var payload = $$"""{"SessionId":"{{session.Id}}","ForEnd":"{{session.End.ToString("O", CultureInfo.InvariantCulture)}}","Attempt":1}""";
        await handler.HandleAsync(new(ProjectId, "outbox|01JREPEATED0000000000000000", handler.Kind, payload, 2, _online.Time.GetUtcNow()), CancellationToken.None);
        await _online.Host.Services.GetRequiredService<PartnerHub.Api.Supervision.MeetingAttendance.AttendanceChecks>().EnsureScheduledAsync(proposed, CancellationToken.None);
        _online.Time.SetUtcNow(session.End.AddHours(20));
        await DeliverAllAsync();

        Assert.Equal(reads, _online.Graph.Requests().Count);
        Assert.Equal(proposed, await StoredAsync(session.Id));
    }

    [Fact]
    public async Task A_session_moved_later_is_looked_for_at_its_new_end_only()
    {
        var session = await CreateOnlineSessionAsync();
        GivenReport(Record(Mother.ObjectId, 600));
        var edit = ActionData(LastCardJson(Coordinator), "session.edit");
        var form = await _online.Scenario.ActAsync(Coordinator, "session.edit", edit, "coordinator-card");
        var data = ActionData(Card(form), "session.save");
        foreach (var (key, value) in Values(CopenhagenTime.DateOf(session.Start), "15:00", "16:00"))
        {
            data[key] = value;
        }

        Card(await _online.Scenario.ActAsync(Coordinator, "session.save", data, "coordinator-card"));
        await DeliverAllAsync();
        var moved = await StoredAsync(session.Id);
        Assert.NotEqual(session.End, moved.End);

        _online.Time.SetUtcNow(session.End.AddMinutes(16));
        await DeliverAllAsync();
        Assert.Empty(_online.Graph.Requests("GET", MeetingsPath));

        _online.Time.SetUtcNow(moved.End.AddMinutes(16));
        await DeliverAllAsync();
        Assert.Single(_online.Graph.Requests("GET", MeetingsPath));
        Assert.Equal(moved.End, (await StoredAsync(session.Id)).TeamsAttendance!.ForEnd);
    }

    private async Task<SupervisionSession> CreateOnlineSessionAsync()
    {
        var session = await _online.CreateOnlineSessionAsync(Mother.ObjectId, OtherMother.ObjectId);
        Assert.Equal(JoinUrl, session.OnlineJoinUrl);
        return session;
    }

    private static Dictionary<string, string> Values(DateOnly date, string from, string to) =>
        OnlineSessionScenario.FormValues(date, from, to, [Mother.ObjectId, OtherMother.ObjectId]);

    private Task DeliverAllAsync() => _online.DeliverAllAsync();

    private void GivenMeeting() =>
        _online.Graph.Server.Given(Request.Create().WithPath(MeetingsPath).UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = MeetingId, ["joinWebUrl"] = JoinUrl }) }));

    private void GivenReport(params JsonObject[] records)
    {
        GivenMeeting();
        _online.Graph.Server.Given(Request.Create().WithPath(ReportsPath).UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = "report-1", ["totalParticipantCount"] = records.Length }) }));
        _online.Graph.Server.Given(Request.Create().WithPath(ReportsPath + "/report-1/attendanceRecords").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray([.. records]) }));
    }

    private static JsonObject Record(string? objectId, int seconds, string role = "Attendee") => new()
    {
        ["id"] = objectId ?? "dial-in-1",
        ["emailAddress"] = null,
        ["totalAttendanceInSeconds"] = seconds,
        ["role"] = role,
        ["identity"] = new JsonObject { ["id"] = objectId, ["displayName"] = objectId is null ? "+45 20 XX XX 12" : "Deltager" },
        ["attendanceIntervals"] = new JsonArray(),
    };

    private async Task<SupervisionSession> StoredAsync(string sessionId) =>
        (await _online.Host.Services.GetRequiredService<SessionStore>().FindAsync(ProjectId, sessionId, CancellationToken.None))!.Session;

    private JsonNode LastCardJson(Person person) =>
        _online.Host.ConnectorCalls().Last(c => c.Method is "PUT" or "POST" && c.Path.Contains(person.ConversationId, StringComparison.Ordinal) && c.Body?["attachments"] is not null)
            .Body!["attachments"]![0]!["content"]!;

    private string LastCardTo(Person person) => Text(LastCardJson(person));

    private static JsonObject? Find(JsonNode node, string id) => node switch
    {
        JsonObject o when (string?)o["id"] == id => o,
        JsonObject o => o.Select(kv => kv.Value).OfType<JsonNode>().Select(child => Find(child, id)).FirstOrDefault(found => found is not null),
        JsonArray a => a.OfType<JsonNode>().Select(child => Find(child, id)).FirstOrDefault(found => found is not null),
        _ => null,
    };
}
