using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>
/// The session workflow through /api/messages with signed tokens: WireMock is both Microsoft Graph (the real SDK
/// pipeline, with a fixed token instead of Entra) and the Bot Connector; the tables are Azurite; the outbox is driven
/// by hand (one sweep = <see cref="ReferralScenario.DeliverAsync"/>).
/// </summary>
public sealed class SessionWorkflowTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string EventId = "AAMkAD-event-1";
    private const string ICalUId = "040000008200E00074C5B7101A82E008-ical-1";
    private const string JoinUrl = "https://teams.microsoft.com/l/meetup-join/demo";

    private const string PublicBaseUrl = "https://partnerhub.example";
    private const string SubscriptionId = "7f1d2c3b-0000-4000-8000-00000000abcd";
    private readonly GraphStub _graph = new();
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public SessionWorkflowTests()
    {
        _host = new BotHost
        {
            Customize = builder =>
            {
                builder.UseSetting("Graph:TenantId", _graph.Options.TenantId);
                builder.UseSetting("Graph:ClientId", _graph.Options.ClientId);
                builder.UseSetting("Graph:ClientSecret", "unused-with-a-fixed-token");
                builder.UseSetting("Graph:BaseUrl", _graph.V1);
                builder.UseSetting("Graph:DriveId", GraphStub.DriveId);
                builder.UseSetting("Graph:PublicBaseUrl", PublicBaseUrl);
                builder.ConfigureTestServices(services =>
                    // The real SDK pipeline against the stub; only the token comes from a fixed credential, not Entra.
                    services.AddSingleton(provider => GraphClientBuilder.Create(
                        provider.GetRequiredService<GraphOptions>(),
                        new FixedTokenCredential(),
                        provider.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerHub.Api.Graph.Http"))));
            },
        };
    }

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        _graph.GivenUser(Mother.ObjectId, "samira@vollsmose.example", "samira@vollsmose.example");
        _graph.GivenUser(OtherMother.ObjectId, "hawa@vollsmose.example", "hawa@vollsmose.example");
        _graph.GivenUser(Kindergarten.ObjectId, "mette@solsikken.example", "mette@solsikken.example");
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}").UsingPatch())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["id"] = EventId }));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}/cancel").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Mother.ObjectId}/events").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = "mother-copy", ["iCalUId"] = ICalUId }) }));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Mother.ObjectId}/events/mother-copy/accept").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject
            {
                ["id"] = SubscriptionId,
                ["resource"] = $"/users/{Coordinator.ObjectId}/events",
                ["changeType"] = "created,updated,deleted",
                ["expirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O", CultureInfo.InvariantCulture),
            }));
        _graph.Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"/v1.0/drives/{GraphStub.DriveId}/root:/*")).UsingPut())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-1", ["webUrl"] = "https://vollsmose.sharepoint.example/Referater/referat.txt", ["size"] = 10 }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        _graph.Dispose();
    }

    [Fact]
    public async Task Coordinator_plans_mothers_answer_session_moves_is_held_and_minutes_reach_everyone()
    {
        // Outlook throttles the first create once; the SDK waits out Retry-After and sends the same transactionId again.
        GivenCreateThrottledOnce();
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(7);

        // 1. The coordinator asks for the form and creates the session: her card answers at once, Graph is not called yet.
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        var created = Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(form, start, "14:00", "16:00"), "form-message"));
        Assert.Contains("Supervision i december", Text(created), StringComparison.Ordinal);
        Assert.Contains("invitationerne er på vej", Text(created), StringComparison.Ordinal);
        Assert.DoesNotContain(_graph.Server.LogEntries, e => e.RequestMessage.Method == "POST");

        // 2. The outbox creates the Outlook event and sends the invitees their cards.
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        var posts = _graph.Requests("POST", $"/v1.0/users/{Coordinator.ObjectId}/events");
        Assert.Equal(2, posts.Count); // 429, then the successful retry
        var body = GraphStub.BodyOf(posts[^1]);
        Assert.Equal("Supervision i december", (string?)body["subject"]);
        Assert.Equal(GraphStub.BodyOf(posts[0])["transactionId"]!.ToString(), (string?)body["transactionId"]);
        Assert.StartsWith("partnerhub-vollsmose-s-", (string?)body["transactionId"], StringComparison.Ordinal);
        // Danish wall-clock time with the Windows zone name Graph accepts for Copenhagen.
        Assert.Equal($"{start:yyyy-MM-dd}T14:00:00", (string?)body["start"]!["dateTime"]);
        Assert.Equal($"{start:yyyy-MM-dd}T16:00:00", (string?)body["end"]!["dateTime"]);
        Assert.Equal(GraphTime.WindowsZone, (string?)body["start"]!["timeZone"]);
        Assert.Equal(["samira@vollsmose.example", "hawa@vollsmose.example"], body["attendees"]!.AsArray().Select(a => (string)a!["emailAddress"]!["address"]!).ToArray());
        Assert.Equal("Bydelsmødrenes lokale i Vollsmose", (string?)body["location"]!["displayName"]);
        Assert.Contains("Supervision for bydelsmødrene", System.Net.WebUtility.HtmlDecode((string?)body["body"]!["content"]), StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", (string?)body["body"]!["content"], StringComparison.Ordinal); // user text is encoded

        var toMother = Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST" && c.Path.Contains(Mother.ConversationId, StringComparison.Ordinal));
        var toOtherMother = Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST" && c.Path.Contains(OtherMother.ConversationId, StringComparison.Ordinal));
        var motherCard = toMother.Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Kommer du?", Text(motherCard), StringComparison.Ordinal);
        Assert.Equal("da", (string?)ActionData(motherCard, "session.respond")["language"]);

        // Each invitee's card carries her own signed .ics link, which opens without a token.
        var motherLink = await AssertIcsLinkAsync(motherCard, Mother.ObjectId, "Føj til kalender (.ics)");
        var otherLink = await AssertIcsLinkAsync(toOtherMother.Body!["attachments"]![0]!["content"]!, OtherMother.ObjectId, "Føj til kalender (.ics)");
        Assert.NotEqual(motherLink, otherLink);

        // A second sweep creates nothing more: the event id is stored and the card rows are gone.
        await _scenario.DeliverAsync();
        Assert.Equal(2, _graph.Requests("POST", $"/v1.0/users/{Coordinator.ObjectId}/events").Count);
        var stored = await StoredAsync();
        Assert.Equal(EventId, stored.CalendarEventId);
        Assert.Equal(ICalUId, stored.CalendarICalUId);

        // 3. Samira says yes on her card: her card answers at once; the outbox accepts in her Outlook and updates the coordinator's card.
        _host.Connector.ResetLogEntries();
        var answered = Card(await _scenario.ActAsync(Mother, "session.respond", ActionData(motherCard, "session.respond"), "sent-1"));
        Assert.Contains("Tak for dit svar", Text(answered), StringComparison.Ordinal);
        await _scenario.DeliverAsync();
        Assert.Single(_graph.Requests("POST", $"/v1.0/users/{Mother.ObjectId}/events/mother-copy/accept"));
        Assert.Equal($"iCalUId eq '{ICalUId}'", GraphStub.Query(Assert.Single(_graph.Requests("GET", $"/v1.0/users/{Mother.ObjectId}/events")), "$filter"));
        var coordinatorUpdate = Assert.Single(_host.ConnectorCalls(), c => c.Method == "PUT" && c.Path.EndsWith("/form-message", StringComparison.Ordinal));
        var coordinatorCard = coordinatorUpdate.Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Samira", Text(coordinatorCard), StringComparison.Ordinal);
        Assert.Contains("\"Deltager\"", Text(coordinatorCard), StringComparison.Ordinal);

        // 4. The coordinator moves it an hour later: PATCH with the new times; the answers are reset.
        var edit = Card(await _scenario.ActAsync(Coordinator, "session.edit", ActionData(coordinatorCard, "session.edit"), "form-message"));
        var moveData = ActionData(edit, "session.save");
        foreach (var (key, value) in FormValues(start, "15:00", "17:00"))
        {
            moveData[key] = value;
        }

        var moved = Card(await _scenario.ActAsync(Coordinator, "session.save", moveData, "form-message"));
        Assert.Contains("Mødet er flyttet", Text(moved), StringComparison.Ordinal);
        await _scenario.DeliverAsync();
        var patch = GraphStub.BodyOf(Assert.Single(_graph.Requests("PATCH", $"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}")));
        Assert.Equal($"{start:yyyy-MM-dd}T15:00:00", (string?)patch["start"]!["dateTime"]);
        Assert.Equal(Rsvp.None, (await StoredAsync()).InviteeOf(Mother.ObjectId)!.Rsvp);

        // 5. The session has been held (moved into the past here, as time would): the coordinator records who came.
        await BackdateAsync();
        var current = await StoredAsync();
        var attendanceForm = Card(await _scenario.ActAsync(Coordinator, "session.attendance.form", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = current.Id }, "form-message"));
        var attendanceData = ActionData(attendanceForm, "session.attendance.save");
        attendanceData["attended"] = Mother.ObjectId;
        var held = Card(await _scenario.ActAsync(Coordinator, "session.attendance.save", attendanceData, "form-message"));
        Assert.Contains("Fremmødet er gemt", Text(held), StringComparison.Ordinal);
        current = await StoredAsync();
        Assert.Equal(SessionState.Held, current.State);
        Assert.True(current.InviteeOf(Mother.ObjectId)!.Attended);
        Assert.False(current.InviteeOf(OtherMother.ObjectId)!.Attended);

        // 6. Minutes: written on a card, uploaded by the outbox under a name without personal data; the mothers' cards get the link.
        var minutesForm = Card(await _scenario.ActAsync(Coordinator, "session.minutes.form", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = current.Id }, "form-message"));
        var minutesData = ActionData(minutesForm, "session.minutes.save");
        minutesData["minutesText"] = "Temaer: hjemmebesøg i mørketiden.";
        var saved = Card(await _scenario.ActAsync(Coordinator, "session.minutes.save", minutesData, "form-message"));
        Assert.Contains("Referatet er gemt", Text(saved), StringComparison.Ordinal);
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();
        var upload = Assert.Single(_graph.Requests(), r => r.Method == "PUT" && r.AbsolutePath.StartsWith($"/v1.0/drives/{GraphStub.DriveId}/", StringComparison.Ordinal));
        var expectedName = $"referat-supervision-{current.LocalDate:yyyy-MM-dd}-{current.Id}.txt";
        Assert.Equal($"/v1.0/drives/{GraphStub.DriveId}/root:/Referater/vollsmose/{expectedName}:/content", upload.AbsolutePath);
        Assert.DoesNotContain("Samira", upload.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal("Temaer: hjemmebesøg i mørketiden.", upload.Body);
        var motherUpdate = _host.ConnectorCalls().Last(c => c.Method == "PUT" && c.Path.Contains(Mother.ConversationId, StringComparison.Ordinal));
        Assert.Contains("https://vollsmose.sharepoint.example/Referater/referat.txt", Text(motherUpdate.Body!), StringComparison.Ordinal);
        Assert.Equal(expectedName, (await StoredAsync()).MinutesDocumentName);
    }

    [Fact]
    public async Task A_refused_create_gives_the_coordinator_a_failure_card_whose_retry_creates_the_event_which_she_can_then_cancel()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .InScenario("denied").WillSetStateTo("allowed")
            .RespondWith(GraphStub.Json(403, new JsonObject { ["error"] = new JsonObject { ["code"] = "ErrorAccessDenied", ["message"] = "Access is denied." } }));
        GivenCreateSucceeds(scenario: "denied", state: "allowed");
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(3);

        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(form, start, "10:00", "11:00"), "form-message"));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();

        // A 403 will not get better by itself: failed at once, and the coordinator is told with a "try again" button.
        var failure = Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST" && c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal));
        var failureCard = failure.Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Oprette mødet i Outlook", Text(failureCard), StringComparison.Ordinal);
        Assert.Contains("graph403", Text(failureCard), StringComparison.Ordinal);
        Assert.Null((await StoredAsync()).CalendarEventId);

        var retryData = ActionData(failureCard, "session.retry");
        Assert.Contains("prøver igen nu", Text(Card(await _scenario.ActAsync(Coordinator, "session.retry", retryData, "failure-card"))), StringComparison.OrdinalIgnoreCase);
        // Nothing ran behind the card's back: the row waits, due now, for the dispatcher (here: one sweep).
        Assert.Null((await StoredAsync()).CalendarEventId);
        await _scenario.DeliverAsync();
        Assert.Equal(EventId, (await StoredAsync()).CalendarEventId);

        // Samira's own view offers the .ics until the session is cancelled.
        var sessionRef = new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = (await StoredAsync()).Id };
        Assert.Contains(PublicBaseUrl + "/calendar/", Text(Card(await _scenario.ActAsync(Mother, "session.refresh", sessionRef.DeepClone().AsObject(), "sent-1"))), StringComparison.Ordinal);

        // Cancelled on her card: the Outlook event is cancelled with the reason for the invitees.
        var view = Card(await _scenario.ActAsync(Coordinator, "session.open", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = (await StoredAsync()).Id }, "form-message"));
        var cancelData = ActionData(view, "session.cancel");
        cancelData["reason"] = "Vi finder en ny dato.";
        var cancelled = Card(await _scenario.ActAsync(Coordinator, "session.cancel", cancelData, "form-message"));
        Assert.Contains("Mødet er aflyst", Text(cancelled), StringComparison.Ordinal);
        await _scenario.DeliverAsync();
        var cancel = GraphStub.BodyOf(Assert.Single(_graph.Requests("POST", $"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}/cancel")));
        Assert.Equal("Mødet er aflyst. Vi finder en ny dato.", (string?)cancel["comment"]);
        var motherView = Text(Card(await _scenario.ActAsync(Mother, "session.refresh", sessionRef.DeepClone().AsObject(), "sent-1")));
        Assert.Contains("aflyst", motherView, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("/calendar/", motherView, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Outlook_changes_reach_the_session_and_the_cards_and_only_the_coordinator_manages_it()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = EventId, ["iCalUId"] = ICalUId }));
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(5);
        var form = await _scenario.SayAsync(Coordinator, "new session");
        Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(form, start, "09:00", "10:00"), "form-message"));
        await _scenario.DeliverAsync();
        var session = await StoredAsync();

        // A mother may neither plan nor cancel: she gets "no access", and nothing changes.
        Assert.Contains("Du har ikke adgang", Text(await _scenario.SayAsync(Mother, "nyt møde")), StringComparison.Ordinal);
        var refused = Card(await _scenario.ActAsync(Mother, "session.cancel", new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = session.Id, ["version"] = session.Version }, "sent-1"));
        Assert.Contains("Du har ikke adgang", Text(refused), StringComparison.Ordinal);
        Assert.Equal(SessionState.Scheduled, (await StoredAsync()).State);

        // The coordinator moves it in Outlook and Hawa declines there: one write, then the cards follow.
        var sink = _host.Services.GetRequiredService<PartnerHub.Api.Graph.Notifications.ICalendarChangeSink>();
        var newStart = session.Start.AddHours(2);
        var snapshot = new CalendarEventSnapshot(EventId, ICalUId, newStart, newStart.AddHours(1), IsCancelled: false, IsDeleted: false,
            new Dictionary<string, AttendeeResponse> { [OtherMother.ObjectId] = AttendeeResponse.Declined, [Mother.ObjectId] = AttendeeResponse.None });
        await sink.ApplyAsync(ProjectId, Coordinator.ObjectId, snapshot, CancellationToken.None);
        var moved = await StoredAsync();
        Assert.Equal(newStart, moved.Start);
        Assert.Equal(Rsvp.Declined, moved.InviteeOf(OtherMother.ObjectId)!.Rsvp);
        Assert.Equal(session.Version + 1, moved.Version);
        Assert.Contains(moved.History, e => e.Kind == SessionEventKind.MovedInOutlook);

        // The same snapshot again (a notification and the delta sweep both report it) changes nothing.
        await sink.ApplyAsync(ProjectId, Coordinator.ObjectId, snapshot, CancellationToken.None);
        Assert.Equal(moved.Version, (await StoredAsync()).Version);

        // Someone else's appointment on her calendar is not a session: ignored.
        await sink.ApplyAsync(ProjectId, Coordinator.ObjectId, snapshot with { EventId = "her-dentist" }, CancellationToken.None);

        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        Assert.Contains(_host.ConnectorCalls(), c => c.Method == "PUT" && c.Path.EndsWith("/form-message", StringComparison.Ordinal));

        // Deleted in Outlook: the session is cancelled, and PartnerHub does not try to cancel it in Outlook again.
        await sink.ApplyAsync(ProjectId, Coordinator.ObjectId, PartnerHub.Api.Graph.Notifications.CalendarSnapshots.Deleted(EventId), CancellationToken.None);
        Assert.Equal(SessionState.Cancelled, (await StoredAsync()).State);
        await _scenario.DeliverAsync();
        Assert.Empty(_graph.Requests("POST", $"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}/cancel"));
    }

    private void GivenCreateThrottledOnce()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .InScenario("throttled").WillSetStateTo("answered")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithHeader("Content-Type", "application/json").WithBody("""{"error":{"code":"ApplicationThrottled","message":"Too many requests"}}"""));
        GivenCreateSucceeds("throttled", "answered");
    }

    private void GivenCreateSucceeds(string scenario, string state) =>
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .InScenario(scenario).WhenStateIs(state)
            .RespondWith(GraphStub.Json(201, new JsonObject
            {
                ["id"] = EventId,
                ["iCalUId"] = ICalUId,
                ["onlineMeeting"] = new JsonObject { ["joinUrl"] = JoinUrl },
            }));

    [Fact]
    public async Task A_move_and_an_answer_made_in_Outlook_arrive_as_a_change_notification_and_reach_the_session_and_cards()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = EventId, ["iCalUId"] = ICalUId }));
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(6);
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(form, start, "13:00", "14:00"), "form-message"));
        await _scenario.DeliverAsync();
        var session = await StoredAsync();

        // Creating the event also subscribed PartnerHub to changes on the coordinator's calendar.
        var subscribe = GraphStub.BodyOf(Assert.Single(_graph.Requests("POST", "/v1.0/subscriptions")));
        Assert.Equal($"/users/{Coordinator.ObjectId}/events", (string?)subscribe["resource"]);
        Assert.Equal("created,updated,deleted", (string?)subscribe["changeType"]);
        Assert.Equal(PublicBaseUrl + "/api/graph/notifications", (string?)subscribe["notificationUrl"]);
        var clientState = (string)subscribe["clientState"]!;
        Assert.True(clientState.Length >= 32);

        // In Outlook the coordinator moves it an hour later and Hawa declines. Graph tells PartnerHub only "it changed".
        var newStart = session.Start.AddHours(1);
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["id"] = EventId,
                ["iCalUId"] = ICalUId,
                ["isCancelled"] = false,
                ["start"] = new JsonObject { ["dateTime"] = newStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                ["end"] = new JsonObject { ["dateTime"] = newStart.AddHours(1).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" },
                ["attendees"] = new JsonArray(
                    new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = "hawa@vollsmose.example" }, ["status"] = new JsonObject { ["response"] = "declined", ["time"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) } },
                    new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = "samira@vollsmose.example" }, ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" } }),
            }));
        JsonObject Notification(string presentedClientState) => new()
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = SubscriptionId,
                ["subscriptionExpirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O", CultureInfo.InvariantCulture),
                ["changeType"] = "updated",
                ["resource"] = $"Users/{Coordinator.ObjectId}/Events/{EventId}",
                ["clientState"] = presentedClientState,
                ["tenantId"] = BotHost.TenantId,
                ["resourceData"] = new JsonObject { ["@odata.type"] = "#Microsoft.Graph.Event", ["id"] = EventId },
            }),
        };

        // A forgery without our secret is answered like any other and changes nothing.
        using (var forged = await _host.CreateClient().PostAsync("/api/graph/notifications", new StringContent(Notification("guessed").ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, forged.StatusCode);
        }

        await _scenario.DeliverAsync();
        Assert.Equal(session.Version, (await StoredAsync()).Version);

        using (var real = await _host.CreateClient().PostAsync("/api/graph/notifications", new StringContent(Notification(clientState).ToJsonString(), System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(System.Net.HttpStatusCode.Accepted, real.StatusCode);
        }

        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();

        var changed = await StoredAsync();
        Assert.Equal(newStart, changed.Start);
        Assert.Equal(Rsvp.Declined, changed.InviteeOf(OtherMother.ObjectId)!.Rsvp);
        Assert.Contains(changed.History, e => e.Kind == SessionEventKind.MovedInOutlook);
        // The coordinator's card (on the form message) follows in place; nothing was sent back to Outlook.
        Assert.Contains(_host.ConnectorCalls(), c => c.Method == "PUT" && c.Path.EndsWith("/form-message", StringComparison.Ordinal));
        Assert.Empty(_graph.Requests("PATCH", $"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}"));
    }

    [Fact]
    public async Task Two_different_moves_or_attendances_from_one_version_the_second_loses_and_the_exact_retry_is_applied_once()
    {
        const string ChangedBySomeoneElse = "En anden har lige ændret mødet";
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(7);
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        var created = Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(form, start, "14:00", "16:00"), "form-message"));
        var edit = Card(await _scenario.ActAsync(Coordinator, "session.edit", ActionData(created, "session.edit"), "form-message"));

        var first = Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(edit, start, "15:00", "17:00"), "form-message"));
        var moved = await StoredAsync();
        var other = Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(edit, start, "16:00", "18:00"), "form-message"));
        var retry = Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(edit, start, "15:00", "17:00"), "form-message"));

        Assert.Contains("Mødet er flyttet", Text(first), StringComparison.Ordinal);
        Assert.Contains(ChangedBySomeoneElse, Text(other), StringComparison.Ordinal);
        Assert.DoesNotContain(ChangedBySomeoneElse, Text(retry), StringComparison.Ordinal);
        Assert.Equal(moved, await StoredAsync());

        await BackdateAsync();
        var sessionRef = new JsonObject { ["projectId"] = ProjectId, ["sessionId"] = moved.Id };
        var attendance = ActionData(Card(await _scenario.ActAsync(Coordinator, "session.attendance.form", sessionRef, "form-message")), "session.attendance.save");

        var saved = Card(await _scenario.ActAsync(Coordinator, "session.attendance.save", With(attendance, "attended", Mother.ObjectId), "form-message"));
        var held = await StoredAsync();
        var otherAttendance = Card(await _scenario.ActAsync(Coordinator, "session.attendance.save", With(attendance, "attended", OtherMother.ObjectId), "form-message"));
        var retriedAttendance = Card(await _scenario.ActAsync(Coordinator, "session.attendance.save", With(attendance, "attended", Mother.ObjectId), "form-message"));

        Assert.Contains("Fremmødet er gemt", Text(saved), StringComparison.Ordinal);
        Assert.Contains(ChangedBySomeoneElse, Text(otherAttendance), StringComparison.Ordinal);
        Assert.DoesNotContain(ChangedBySomeoneElse, Text(retriedAttendance), StringComparison.Ordinal);
        Assert.Equal(held, await StoredAsync());
        Assert.True(held.InviteeOf(Mother.ObjectId)!.Attended);
        Assert.False(held.InviteeOf(OtherMother.ObjectId)!.Attended);
    }

    private static JsonObject With(JsonObject data, string key, string value)
    {
        var copy = data.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }

    private static JsonObject FormData(JsonObject formCard, DateOnly date, string from, string to)
    {
        var data = ActionData(formCard, "session.save");
        foreach (var (key, value) in FormValues(date, from, to))
        {
            data[key] = value;
        }

        return data;
    }

    private static Dictionary<string, string> FormValues(DateOnly date, string from, string to) => new()
    {
        ["kind"] = "Supervision",
        ["title"] = "Supervision i december",
        ["agenda"] = "Runde: hjemmebesøg <b>og</b> skolestart",
        ["place"] = string.Empty,
        ["online"] = "false",
        ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["startTime"] = from,
        ["endTime"] = to,
        ["invitees"] = $"{Mother.ObjectId},{OtherMother.ObjectId}",
    };

    /// <summary>The card's Action.OpenUrl to the .ics: on our public base URL, signed for this recipient only, and it downloads.</summary>
    private async Task<Uri> AssertIcsLinkAsync(JsonNode card, string recipientObjectId, string title)
    {
        var action = Assert.Single(OpenUrls(card), a => (string?)a["title"] == title);
        var url = new Uri((string)action["url"]!);
        Assert.StartsWith(PublicBaseUrl + "/calendar/vollsmose/s-", url.AbsoluteUri, StringComparison.Ordinal);
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(url.Query);
        Assert.Equal(recipientObjectId, (string?)query["for"]);
        var sessionId = url.Segments[^1][..^".ics".Length];
        var signer = new CalendarLinkSigner(CalendarLinkTestKey.Bytes);
        var exp = long.Parse(query["exp"]!, CultureInfo.InvariantCulture);
        Assert.True(signer.Verify(ProjectId, sessionId, recipientObjectId, exp, query["sig"]));
        Assert.False(signer.Verify(ProjectId, sessionId, recipientObjectId == Mother.ObjectId ? OtherMother.ObjectId : Mother.ObjectId, exp, query["sig"]));

        using var client = _host.CreateClient();
        using var response = await client.GetAsync(url.PathAndQuery);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("BEGIN:VEVENT", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        return url;
    }

    private static IEnumerable<JsonObject> OpenUrls(JsonNode node) => node switch
    {
        JsonObject o when (string?)o["type"] == "Action.OpenUrl" => [o],
        JsonObject o => o.Select(kv => kv.Value).OfType<JsonNode>().SelectMany(OpenUrls),
        JsonArray a => a.OfType<JsonNode>().SelectMany(OpenUrls),
        _ => [],
    };

    private async Task<SupervisionSession> StoredAsync()
    {
        var store = _host.Services.GetRequiredService<SessionStore>();
        var all = await store.ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None);
        return Assert.Single(all).Session;
    }

    /// <summary>Moves the stored session into the past, as if it had been held (the host's clock is the real one).</summary>
    private async Task BackdateAsync()
    {
        var store = _host.Services.GetRequiredService<SessionStore>();
        var stored = Assert.Single(await store.ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None));
        var now = DateTimeOffset.UtcNow;
        await store.UpdateAsync(stored, stored.Session with { Start = now.AddHours(-3), End = now.AddHours(-1) }, null, [], CancellationToken.None);
    }

    private sealed class FixedTokenCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GraphStub.Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
