using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision.OutlookPane;

/// <summary>
/// The Outlook add-in pane's REST through the real host: signed Entra tokens (WireMock as Entra), Azurite tables, the
/// demo cast. The two demo sessions carry Outlook ids as if PartnerHub had made their events.
/// </summary>
public sealed class OutlookPaneEndpointTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string UpcomingEvent = "AAMkAGUpcoming_Evt-1=";
    private const string UpcomingICalUId = "040000008200E00074C5B7101A82E00800000000UPCOMING";
    private const string HeldEvent = "AAMkAGHeld_Evt-2=";
    private readonly RestHost _host = new() { Customize = builder => builder.UseSetting("Outbox:Enabled", "false") };
    private SupervisionSession _held = null!;

    private string Coordinator => _host.TokenFor(DemoData.Coordinator.ObjectId);

    private string Adele => _host.TokenFor(DemoData.MotherAdele.ObjectId);

    private static string SessionPath(string sessionId, string rest) => $"/api/projects/vollsmose/sessions/{sessionId}/{rest}";

    public async Task InitializeAsync()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        foreach (var member in DemoData.Members)
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        var store = _host.Services.GetRequiredService<SessionStore>();
        foreach (var session in SessionDemoSeed.Sessions(DateTimeOffset.UtcNow))
        {
            var withEvent = session.Id == "demo-upcoming"
                ? session with { CalendarEventId = UpcomingEvent, CalendarICalUId = UpcomingICalUId }
                : session with { CalendarEventId = HeldEvent, CalendarICalUId = "040000008200E00074C5B7101A82E0080000000000HELD" };
            await store.CreateAsync(withEvent, "test|" + session.Id, [], CancellationToken.None);
        }

        _held = (await store.FindAsync("vollsmose", "demo-held", CancellationToken.None))!.Session;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task My_projects_are_the_ones_she_coordinates_and_nobody_elses()
    {
        using var coordinator = await _host.GetAsync("/api/me/projects", Coordinator);
        Assert.Equal(HttpStatusCode.OK, coordinator.StatusCode);
        var project = Assert.Single((await coordinator.JsonAsync())["projects"]!.AsArray());
        Assert.Equal("vollsmose", (string?)project!["id"]);
        Assert.Equal(DemoData.Vollsmose.Name, (string?)project["name"]);

        using var mother = await _host.GetAsync("/api/me/projects", Adele);
        Assert.Empty((await mother.JsonAsync())["projects"]!.AsArray());

        using var anonymous = await _host.GetAsync("/api/me/projects", null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task The_organiser_finds_the_session_by_her_event_id_with_answers_names_and_its_ETag()
    {
        using var response = await _host.GetAsync($"/api/me/outlook-events/{UpcomingEvent}/session", Coordinator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("demo-upcoming", (string?)body["sessionId"]);
        Assert.Equal("coordinator", (string?)body["viewerRole"]);
        Assert.Equal($"\"{(int)body["version"]!}\"", response.Headers.ETag?.ToString());
        Assert.Equal(1, (int)body["answers"]!["accepted"]!);
        Assert.Equal(2, (int)body["answers"]!["notAnswered"]!);
        var names = body["invitees"]!.AsArray().Select(i => (string?)i!["name"]).ToList();
        Assert.Contains("Adele", names);
        Assert.False((bool)body["canRecordAttendance"]!); // not begun
        Assert.False((bool)body["canWriteMinutes"]!);
        Assert.Equal("none", (string?)body["minutes"]!["state"]);
    }

    [Fact]
    public async Task An_attendee_finds_her_copy_by_the_meetings_iCalUId_and_sees_only_her_own_answer()
    {
        using var response = await _host.GetAsync($"/api/me/outlook-events/AAMkAdelesOwnCopy/session?iCalUId={UpcomingICalUId}", Adele);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("invitee", (string?)body["viewerRole"]);
        Assert.Equal("Accepted", (string?)body["myAnswer"]);
        Assert.Null(body["invitees"]);
        Assert.Null(body["answers"]);
        Assert.False((bool)body["canRecordAttendance"]!);
        Assert.DoesNotContain("Isaiah", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_she_may_not_see_or_that_is_no_session_is_404_and_malformed_ids_are_400()
    {
        // Megan (kindergarten) is in the project but not invited: the shared iCalUId finds nothing for her.
        using var notInvited = await _host.GetAsync($"/api/me/outlook-events/AAMkMegan/session?iCalUId={UpcomingICalUId}", _host.TokenFor(DemoData.KindergartenStaff.ObjectId));
        Assert.Equal(HttpStatusCode.NotFound, notInvited.StatusCode);
        using var other = await _host.GetAsync("/api/me/outlook-events/AAMkSomeOtherAppointment/session", Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);

        using var badId = await _host.GetAsync("/api/me/outlook-events/not%20an%20id/session", Coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.NotNull((await badId.JsonAsync())["errors"]!["eventId"]);
        using var badUid = await _host.GetAsync($"/api/me/outlook-events/{UpcomingEvent}/session?iCalUId=a%20b", Coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, badUid.StatusCode);
    }

    [Fact]
    public async Task Attendance_needs_an_If_Match_428_and_a_stale_one_is_412_with_the_current_ETag()
    {
        using var missing = await SendAsync(HttpMethod.Post, SessionPath(_held.Id, "attendance"), new { attended = Array.Empty<string>() }, null);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);

        using var stale = await SendAsync(HttpMethod.Post, SessionPath(_held.Id, "attendance"), new { attended = Array.Empty<string>() }, $"\"{_held.Version + 5}\"");
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal($"\"{_held.Version}\"", stale.Headers.ETag?.ToString());

        var stored = await _host.Services.GetRequiredService<SessionStore>().FindAsync("vollsmose", _held.Id, CancellationToken.None);
        Assert.Equal(_held, stored!.Session); // nothing written
    }

    [Fact]
    public async Task The_coordinator_corrects_attendance_from_the_pane_and_gets_the_session_with_its_new_ETag()
    {
        using var response = await SendAsync(HttpMethod.Post, SessionPath(_held.Id, "attendance"), new { attended = new[] { DemoData.MotherIsaiah.ObjectId } }, $"\"{_held.Version}\"");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(_held.Version + 1, (int)body["version"]!);
        Assert.Equal($"\"{_held.Version + 1}\"", response.Headers.ETag?.ToString());
        var attended = body["invitees"]!.AsArray().ToDictionary(i => (string)i!["objectId"]!, i => (bool?)i!["attended"]);
        Assert.True(attended[DemoData.MotherIsaiah.ObjectId]);
        Assert.False(attended[DemoData.MotherAdele.ObjectId]);

        // Her retry of the same request from the same version is applied once.
        using var retry = await SendAsync(HttpMethod.Post, SessionPath(_held.Id, "attendance"), new { attended = new[] { DemoData.MotherIsaiah.ObjectId } }, $"\"{_held.Version}\"");
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        var stored = await _host.Services.GetRequiredService<SessionStore>().FindAsync("vollsmose", _held.Id, CancellationToken.None);
        Assert.Equal(_held.Version + 1, stored!.Session.Version);
    }

    [Fact]
    public async Task Attendance_refusals_upcoming_409_a_stranger_400_a_mother_403_no_body_400()
    {
        var upcoming = (await _host.Services.GetRequiredService<SessionStore>().FindAsync("vollsmose", "demo-upcoming", CancellationToken.None))!.Session;
        using var early = await SendAsync(HttpMethod.Post, SessionPath(upcoming.Id, "attendance"), new { attended = Array.Empty<string>() }, $"\"{upcoming.Version}\"");
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        using var stranger = await SendAsync(HttpMethod.Post, SessionPath(_held.Id, "attendance"), new { attended = new[] { DemoData.TeacherLidia.ObjectId } }, $"\"{_held.Version}\"");
        Assert.Equal(HttpStatusCode.BadRequest, stranger.StatusCode);

        using var mother = await SendAsync(HttpMethod.Post, SessionPath(_held.Id, "attendance"), new { attended = Array.Empty<string>() }, $"\"{_held.Version}\"", Adele);
        Assert.Equal(HttpStatusCode.Forbidden, mother.StatusCode);

        using var noList = await SendAsync(HttpMethod.Post, SessionPath(_held.Id, "attendance"), new { }, $"\"{_held.Version}\"");
        Assert.Equal(HttpStatusCode.BadRequest, noList.StatusCode);

        using var unknown = await SendAsync(HttpMethod.Post, SessionPath("s-nosuchsession", "attendance"), new { attended = Array.Empty<string>() }, "\"1\"");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Minutes_as_text_are_accepted_once_and_refused_without_If_Match_empty_or_with_a_CPR_number()
    {
        var ifMatch = $"\"{_held.Version}\"";
        using var missing = await SendAsync(HttpMethod.Put, SessionPath(_held.Id, "minutes/text"), new { text = "Referat" }, null);
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        using var empty = await SendAsync(HttpMethod.Put, SessionPath(_held.Id, "minutes/text"), new { text = "  " }, ifMatch);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await empty.JsonAsync())["errors"]!["text"]);
        using var cpr = await SendAsync(HttpMethod.Put, SessionPath(_held.Id, "minutes/text"), new { text = "Adele 010190-1234 kom" }, ifMatch);
        Assert.Equal(HttpStatusCode.BadRequest, cpr.StatusCode);

        using var saved = await SendAsync(HttpMethod.Put, SessionPath(_held.Id, "minutes/text"), new { text = "Vi talte om åbent hus." }, ifMatch);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal(_held.Id, (string?)(await saved.JsonAsync())["sessionId"]);
        using var retry = await SendAsync(HttpMethod.Put, SessionPath(_held.Id, "minutes/text"), new { text = "Vi talte om åbent hus." }, ifMatch);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);

        var text = await _host.Services.GetRequiredService<SessionStore>().MinutesTextAsync("vollsmose", _held.Id, CancellationToken.None);
        Assert.Equal("Vi talte om åbent hus.", text);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object body, string? ifMatch, string? token = null)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = new StringContent(JsonSerializer(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token ?? Coordinator);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await _host.CreateClient().SendAsync(request);
    }

    private static string JsonSerializer(object body) => System.Text.Json.JsonSerializer.Serialize(body);
}
