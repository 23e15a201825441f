using System.Text.Json.Nodes;
using Microsoft.Graph.Models.ODataErrors;
using PartnerHub.Api.Graph;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PartnerHub.Api.Tests.Graph;

public sealed class GraphCalendarGatewayTests : IDisposable
{
    private const string Organizer = GraphStub.Organizer;
    private const string Amina = "00000000-0000-4000-8000-0000000000a1";
    private const string Birgitte = "00000000-0000-4000-8000-0000000000b2";

    private readonly GraphStub _graph = new();

    public GraphCalendarGatewayTests()
    {
        _graph.GivenUser(Amina, "amina@bydelsmor.dk", "amina.h@bydelsmor.onmicrosoft.com");
        _graph.GivenUser(Birgitte, null, "birgitte@kommune.dk");
    }

    private static CalendarEventRequest Meeting(string transactionId = "tx-1", string subject = "Netværksmøde") => new(
        Organizer,
        transactionId,
        subject,
        EventBodyHtml.Paragraphs("Dagsorden: <Velkomst> & \"kaffe\"", "Husk 'navneskilt'"),
        new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.Zero),
        "Kulturhuset, lokale 2",
        true,
        [Amina, Birgitte]);

    private void GivenCreatedEvent(string eventId = "AAMk-event-1", string iCalUId = "040000008200E00074C5B7101A82E008-1") =>
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject
            {
                ["id"] = eventId,
                ["iCalUId"] = iCalUId,
                ["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/abc" },
            }));

    [Fact]
    public async Task Create_posts_the_whole_event_with_resolved_addresses_transaction_id_and_bearer_token()
    {
        GivenCreatedEvent();

        var created = await _graph.Calendar.CreateEventAsync(Meeting(), CancellationToken.None);

        Assert.Equal(new CalendarEvent("AAMk-event-1", "040000008200E00074C5B7101A82E008-1", "https://teams.microsoft.com/l/meetup-join/abc"), created);
        var post = Assert.Single(_graph.Requests("POST", $"/v1.0/users/{Organizer}/events"));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(post, "Authorization"));
        var body = GraphStub.BodyOf(post);
        Assert.Equal("Netværksmøde", (string?)body["subject"]);
        Assert.Equal("html", (string?)body["body"]!["contentType"]);
        Assert.Equal(
            "<p>Dagsorden: &lt;Velkomst&gt; &amp; &quot;kaffe&quot;</p><p>Husk &#39;navneskilt&#39;</p>",
            (string?)body["body"]!["content"]);
        // 08:00Z on 4 May is 10:00 in Copenhagen (summer time), written with the Windows zone name Graph accepts.
        Assert.Equal("2026-05-04T10:00:00", (string?)body["start"]!["dateTime"]);
        Assert.Equal("Romance Standard Time", (string?)body["start"]!["timeZone"]);
        Assert.Equal("2026-05-04T11:30:00", (string?)body["end"]!["dateTime"]);
        Assert.Equal("Romance Standard Time", (string?)body["end"]!["timeZone"]);
        Assert.Equal("Kulturhuset, lokale 2", (string?)body["location"]!["displayName"]);
        var attendees = body["attendees"]!.AsArray();
        Assert.Equal(["amina@bydelsmor.dk", "birgitte@kommune.dk"], attendees.Select(a => (string?)a!["emailAddress"]!["address"]));
        Assert.All(attendees, a => Assert.Equal("required", (string?)a!["type"]));
        Assert.True((bool?)body["isOnlineMeeting"]);
        Assert.Equal("teamsForBusiness", (string?)body["onlineMeetingProvider"]);
        Assert.Equal("tx-1", (string?)body["transactionId"]);

        var lookup = Assert.Single(_graph.Requests("GET", $"/v1.0/users/{Amina}"));
        Assert.Equal("id,mail,userPrincipalName", GraphStub.Query(lookup, "$select"));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(lookup, "Authorization"));
    }

    [Fact]
    public async Task Attendee_addresses_are_looked_up_once_per_process()
    {
        GivenCreatedEvent();

        await _graph.Calendar.CreateEventAsync(Meeting("tx-1"), CancellationToken.None);
        await _graph.Calendar.CreateEventAsync(Meeting("tx-2"), CancellationToken.None);

        Assert.Single(_graph.Requests("GET", $"/v1.0/users/{Amina}"));
        Assert.Single(_graph.Requests("GET", $"/v1.0/users/{Birgitte}"));
    }

    [Fact]
    public async Task A_retried_create_sends_the_same_transaction_id_and_gets_the_same_single_event()
    {
        // Graph's behaviour for a repeated transactionId: the event made the first time, not a second one.
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events").UsingPost()
                .WithBody(new JsonPartialMatcher("""{"transactionId":"tx-retry"}""")))
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "AAMk-once", ["iCalUId"] = "ical-once" }));

        var first = await _graph.Calendar.CreateEventAsync(Meeting("tx-retry"), CancellationToken.None);
        var second = await _graph.Calendar.CreateEventAsync(Meeting("tx-retry"), CancellationToken.None);

        Assert.Equal(first, second);
        var posts = _graph.Requests("POST", $"/v1.0/users/{Organizer}/events");
        Assert.Equal(2, posts.Count);
        Assert.All(posts, post => Assert.Equal("tx-retry", (string?)GraphStub.BodyOf(post)["transactionId"]));
    }

    [Fact]
    public async Task A_429_with_Retry_After_is_retried_by_the_SDK_into_one_event()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events").UsingPost())
            .InScenario("throttled").WillSetStateTo("answered")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"ApplicationThrottled","message":"Too many requests"}}"""));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events").UsingPost())
            .InScenario("throttled").WhenStateIs("answered")
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "AAMk-after-429", ["iCalUId"] = "ical-429" }));

        var created = await _graph.Calendar.CreateEventAsync(Meeting("tx-429"), CancellationToken.None);

        Assert.Equal("AAMk-after-429", created.EventId);
        var posts = _graph.Requests("POST", $"/v1.0/users/{Organizer}/events");
        Assert.Equal(2, posts.Count);
        Assert.Equal(GraphStub.BodyOf(posts[0]).ToJsonString(), GraphStub.BodyOf(posts[1]).ToJsonString());
        Assert.All(posts, post => Assert.Equal("tx-429", (string?)GraphStub.BodyOf(post)["transactionId"]));
        Assert.Contains(_graph.Logs.Lines, line => line.Contains("Graph answered 429", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_503_is_retried_and_the_second_answer_is_used()
    {
        var path = $"/v1.0/users/{Organizer}/events/AAMk-503";
        _graph.Server.Given(Request.Create().WithPath(path).UsingGet())
            .InScenario("unavailable").WillSetStateTo("back")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "1"));
        _graph.Server.Given(Request.Create().WithPath(path).UsingGet())
            .InScenario("unavailable").WhenStateIs("back")
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["id"] = "AAMk-503",
                ["iCalUId"] = "ical-503",
                ["start"] = new JsonObject { ["dateTime"] = "2026-05-04T08:00:00.0000000", ["timeZone"] = "UTC" },
                ["end"] = new JsonObject { ["dateTime"] = "2026-05-04T09:30:00.0000000", ["timeZone"] = "UTC" },
                ["isCancelled"] = false,
                ["attendees"] = new JsonArray(),
            }));

        var snapshot = await _graph.Calendar.GetEventAsync(Organizer, "AAMk-503", CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal(2, _graph.Requests("GET", path).Count);
    }

    [Fact]
    public async Task Update_patches_the_event_with_the_new_details_but_not_the_transaction_id()
    {
        var path = $"/v1.0/users/{Organizer}/events/AAMk-event-1";
        _graph.Server.Given(Request.Create().WithPath(path).UsingPatch())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["id"] = "AAMk-event-1" }));
        var moved = Meeting() with
        {
            Subject = "Netværksmøde (flyttet)",
            Start = new DateTimeOffset(2026, 11, 2, 13, 0, 0, TimeSpan.Zero),
            End = new DateTimeOffset(2026, 11, 2, 14, 0, 0, TimeSpan.Zero),
            Location = null,
            AttendeeObjectIds = [Amina],
        };

        await _graph.Calendar.UpdateEventAsync("AAMk-event-1", moved, CancellationToken.None);

        var patch = GraphStub.BodyOf(Assert.Single(_graph.Requests("PATCH", path)));
        Assert.Equal("Netværksmøde (flyttet)", (string?)patch["subject"]);
        // November is winter time: 13:00Z is 14:00 in Copenhagen.
        Assert.Equal("2026-11-02T14:00:00", (string?)patch["start"]!["dateTime"]);
        Assert.Equal("Romance Standard Time", (string?)patch["start"]!["timeZone"]);
        Assert.Equal("2026-11-02T15:00:00", (string?)patch["end"]!["dateTime"]);
        Assert.Equal(["amina@bydelsmor.dk"], patch["attendees"]!.AsArray().Select(a => (string?)a!["emailAddress"]!["address"]));
        Assert.False(patch.ContainsKey("transactionId"));
        Assert.False(patch.ContainsKey("location"));
    }

    [Fact]
    public async Task Cancel_posts_the_comment_and_an_event_already_gone_counts_as_cancelled()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events/AAMk-event-1/cancel").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events/AAMk-gone/cancel").UsingPost())
            .RespondWith(GraphStub.Json(404, JsonNode.Parse("""{"error":{"code":"ErrorItemNotFound","message":"Not found"}}""")!));

        await _graph.Calendar.CancelEventAsync(Organizer, "AAMk-event-1", "Mødet er aflyst – vi finder en ny dato.", CancellationToken.None);
        await _graph.Calendar.CancelEventAsync(Organizer, "AAMk-gone", "Aflyst", CancellationToken.None);

        var cancel = GraphStub.BodyOf(Assert.Single(_graph.Requests("POST", $"/v1.0/users/{Organizer}/events/AAMk-event-1/cancel")));
        Assert.Equal("Mødet er aflyst – vi finder en ny dato.", (string?)cancel["comment"]);
    }

    [Theory]
    [InlineData(AttendeeResponse.Accepted, "accept")]
    [InlineData(AttendeeResponse.TentativelyAccepted, "tentativelyAccept")]
    [InlineData(AttendeeResponse.Declined, "decline")]
    public async Task Respond_finds_the_attendees_copy_by_an_escaped_iCalUId_filter_and_answers_with_sendResponse(AttendeeResponse response, string action)
    {
        // A quote in the value must stay inside the OData literal (doubled), not end it.
        const string iCalUId = "ical-with-'quote' or true";
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Amina}/events").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["value"] = new JsonArray(new JsonObject { ["id"] = "AAMk-aminas-copy", ["iCalUId"] = iCalUId }),
            }));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Amina}/events/AAMk-aminas-copy/{action}").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));

        await _graph.Calendar.RespondAsync(Amina, iCalUId, response, CancellationToken.None);

        var search = Assert.Single(_graph.Requests("GET", $"/v1.0/users/{Amina}/events"));
        Assert.Equal("iCalUId eq 'ical-with-''quote'' or true'", GraphStub.Query(search, "$filter"));
        var answer = Assert.Single(_graph.Requests("POST", $"/v1.0/users/{Amina}/events/AAMk-aminas-copy/{action}"));
        Assert.True((bool?)GraphStub.BodyOf(answer)["sendResponse"]);
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(answer, "Authorization"));
    }

    [Fact]
    public async Task Respond_when_the_invitation_has_not_arrived_fails_so_the_outbox_tries_again()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Amina}/events").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray() }));

        await Assert.ThrowsAsync<InvalidOperationException>(() => _graph.Calendar.RespondAsync(Amina, "ical-1", AttendeeResponse.Accepted, CancellationToken.None));
        Assert.DoesNotContain(_graph.Requests(), r => r.Method == "POST");
    }

    [Fact]
    public async Task Get_maps_attendee_responses_back_to_object_ids()
    {
        var path = $"/v1.0/users/{Organizer}/events/AAMk-event-1";
        _graph.Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["id"] = "AAMk-event-1",
                ["iCalUId"] = "ical-1",
                ["isCancelled"] = false,
                ["start"] = new JsonObject { ["dateTime"] = "2026-05-04T08:00:00.0000000", ["timeZone"] = "UTC" },
                ["end"] = new JsonObject { ["dateTime"] = "2026-05-04T09:30:00.0000000", ["timeZone"] = "UTC" },
                ["attendees"] = new JsonArray(
                    Attendee("amina@bydelsmor.dk", "accepted"),
                    Attendee("birgitte@kommune.dk", "tentativelyAccepted"),
                    Attendee("o'brien@kommune.dk", "declined"),
                    Attendee("ekstern@gmail.com", "declined")),
            }));
        // Birgitte's address is known from an earlier lookup (cache); the others need the directory.
        await _graph.Directory.AddressOfAsync(Birgitte, CancellationToken.None);
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet()
                .WithParam("$filter", "mail eq 'amina@bydelsmor.dk' or userPrincipalName eq 'amina@bydelsmor.dk'"))
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = Amina, ["mail"] = "amina@bydelsmor.dk" }) }));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet()
                .WithParam("$filter", "mail eq 'o''brien@kommune.dk' or userPrincipalName eq 'o''brien@kommune.dk'"))
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = "obrien-id", ["mail"] = "o'brien@kommune.dk" }) }));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet()
                .WithParam("$filter", "mail eq 'ekstern@gmail.com' or userPrincipalName eq 'ekstern@gmail.com'"))
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray() }));

        var snapshot = await _graph.Calendar.GetEventAsync(Organizer, "AAMk-event-1", CancellationToken.None);

        Assert.NotNull(snapshot);
        Assert.Equal("AAMk-event-1", snapshot.EventId);
        Assert.Equal("ical-1", snapshot.ICalUId);
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero), snapshot.Start);
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 9, 30, 0, TimeSpan.Zero), snapshot.End);
        Assert.False(snapshot.IsCancelled);
        Assert.False(snapshot.IsDeleted);
        Assert.Equal(
            new Dictionary<string, AttendeeResponse>
            {
                [Amina] = AttendeeResponse.Accepted,
                [Birgitte] = AttendeeResponse.TentativelyAccepted,
                ["obrien-id"] = AttendeeResponse.Declined,
            },
            snapshot.ResponsesByObjectId.OrderBy(p => p.Key).ToDictionary());
        var get = Assert.Single(_graph.Requests("GET", path));
        Assert.Equal("outlook.timezone=\"UTC\"", GraphStub.Header(get, "Prefer"));
        Assert.Contains("attendees", GraphStub.Query(get, "$select"), StringComparison.Ordinal);
        Assert.DoesNotContain(_graph.Requests("GET", "/v1.0/users"), r => GraphStub.Query(r, "$filter")!.Contains("birgitte", StringComparison.Ordinal));
        // The unmatched outsider is noted without her address.
        Assert.DoesNotContain(_graph.Logs.Lines, line => line.Contains("ekstern@gmail.com", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Get_of_an_event_that_is_gone_is_null()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events/AAMk-gone").UsingGet())
            .RespondWith(GraphStub.Json(404, JsonNode.Parse("""{"error":{"code":"ErrorItemNotFound","message":"Not found"}}""")!));

        Assert.Null(await _graph.Calendar.GetEventAsync(Organizer, "AAMk-gone", CancellationToken.None));
    }

    [Fact]
    public async Task Other_Graph_errors_surface_as_ODataError()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/events").UsingPost())
            .RespondWith(GraphStub.Json(403, JsonNode.Parse("""{"error":{"code":"ErrorAccessDenied","message":"Access is denied."}}""")!));

        var error = await Assert.ThrowsAsync<ODataError>(() => _graph.Calendar.CreateEventAsync(Meeting(), CancellationToken.None));
        Assert.Equal(403, error.ResponseStatusCode);
    }

    [Fact]
    public async Task Delta_follows_nextLink_to_deltaLink_and_reports_removed_events()
    {
        // The SDK calls the function as delta() (OData function syntax, which Graph accepts); the links are replayed as given.
        var deltaPath = $"/v1.0/users/{Organizer}/calendarView/delta()";
        var next = $"{_graph.V1}/users/{Organizer}/calendarView/delta?$skiptoken=page-2";
        var deltaLink = $"{_graph.V1}/users/{Organizer}/calendarView/delta?$deltatoken=sweep-2";
        _graph.Server.Given(Request.Create().WithPath(deltaPath).UsingGet().WithParam("startDateTime"))
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["@odata.nextLink"] = next,
                ["value"] = new JsonArray(new JsonObject
                {
                    ["id"] = "AAMk-1",
                    ["iCalUId"] = "ical-1",
                    ["isCancelled"] = false,
                    // Answered in the Danish zone although UTC was asked for: converted all the same.
                    ["start"] = new JsonObject { ["dateTime"] = "2026-05-04T10:00:00.0000000", ["timeZone"] = "Romance Standard Time" },
                    ["end"] = new JsonObject { ["dateTime"] = "2026-05-04T11:30:00.0000000", ["timeZone"] = "Romance Standard Time" },
                    ["attendees"] = new JsonArray(Attendee("amina@bydelsmor.dk", "declined")),
                }),
            }));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Organizer}/calendarView/delta").UsingGet().WithParam("$skiptoken", "page-2"))
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["@odata.deltaLink"] = deltaLink,
                ["value"] = new JsonArray(new JsonObject
                {
                    ["@odata.type"] = "#microsoft.graph.event",
                    ["id"] = "AAMk-removed",
                    ["@removed"] = new JsonObject { ["reason"] = "deleted" },
                }),
            }));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = Amina }) }));

        var first = await _graph.Calendar.GetDeltaAsync(
            Organizer, new DateTimeOffset(2026, 5, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero), null, CancellationToken.None);
        var second = await _graph.Calendar.GetDeltaAsync(Organizer, default, default, first.NextLink, CancellationToken.None);

        Assert.Equal(next, first.NextLink);
        Assert.Null(first.DeltaLink);
        var moved = Assert.Single(first.Events);
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero), moved.Start);
        Assert.Equal(AttendeeResponse.Declined, moved.ResponsesByObjectId[Amina]);
        Assert.False(moved.IsDeleted);
        Assert.Null(second.NextLink);
        Assert.Equal(deltaLink, second.DeltaLink);
        var removed = Assert.Single(second.Events);
        Assert.Equal("AAMk-removed", removed.EventId);
        Assert.True(removed.IsDeleted);

        var calls = _graph.Requests().Where(r => r.AbsolutePath.StartsWith($"/v1.0/users/{Organizer}/calendarView/delta", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(deltaPath, calls[0].AbsolutePath);
        Assert.Equal("2026-05-01T00:00:00Z", GraphStub.Query(calls[0], "startDateTime"));
        Assert.Equal("2026-08-01T00:00:00Z", GraphStub.Query(calls[0], "endDateTime"));
        Assert.Equal("page-2", GraphStub.Query(calls[1], "$skiptoken"));
        Assert.All(calls, call => Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(call, "Authorization")));
    }

    [Fact]
    public async Task Delta_refuses_a_link_to_another_host_so_the_token_never_leaves_Graph()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _graph.Calendar.GetDeltaAsync(
            Organizer, default, default, "https://evil.example/v1.0/users/x/calendarView/delta?$skiptoken=1", CancellationToken.None));
        Assert.Empty(_graph.Requests());
    }

    private static JsonObject Attendee(string address, string response) => new()
    {
        ["type"] = "required",
        ["emailAddress"] = new JsonObject { ["address"] = address },
        ["status"] = new JsonObject { ["response"] = response, ["time"] = "2026-05-01T10:00:00Z" },
    };

    public void Dispose() => _graph.Dispose();
}
