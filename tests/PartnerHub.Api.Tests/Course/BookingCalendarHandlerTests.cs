using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using PartnerHub.Api.Course;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Course.CourseGraphHost;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// A confirmed booking in Outlook: the calendar handlers against WireMock as Graph and Azurite, delivered by the
/// outbox's own sweep or straight to the handler (a retried delivery).
/// </summary>
[Collection(CourseGraphGroup.Name)]
public sealed class BookingCalendarHandlerTests(CourseGraphHost course)
{
    private static readonly string EventsPath = $"/v1.0/users/{Coordinator.ObjectId}/events";

    [Fact]
    public async Task A_confirmed_booking_becomes_one_event_on_the_coordinators_calendar_even_when_delivered_again()
    {
        var cohort = await course.CohortAsync("hold-create", Tuesdays(2, 3), new CourseParticipant("p1", "Åse Ørsted"), new CourseParticipant("p2", "Zainab Ali"));
        var booking = (await course.ConfirmedAsync(cohort, "b-create", "s02", CourseNotifications.CalendarCreate)).Booking;
        course.Graph.Server.ResetLogEntries();

        await course.Scenario.DeliverAsync();
        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarCreate, cohort.Id, booking.Id));

        var post = Assert.Single(CreatesOf(booking));
        var body = GraphStub.BodyOf(post);
        var theme = ThemeCatalogue.Default.Find(cohort.Plan.Find("s02")!.ThemeId)!.Title.Da;
        Assert.Equal($"{theme} – Hold forår", (string?)body["subject"]);
        Assert.Equal("Kvindecenteret, Vollsmose Allé 1", (string?)body["location"]!["displayName"]);
        var local = CopenhagenTime.ToLocal(booking.Start);
        Assert.Equal($"{local:yyyy-MM-dd}T17:00:00", (string?)body["start"]!["dateTime"]);
        Assert.Equal($"{local:yyyy-MM-dd}T19:00:00", (string?)body["end"]!["dateTime"]);
        Assert.Equal([TeacherMail], body["attendees"]!.AsArray().Select(a => (string)a!["emailAddress"]!["address"]!).ToArray());
        var html = WebUtility.HtmlDecode((string?)body["body"]!["content"]);
        Assert.Contains("Hold forår, 2 deltagere", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Åse", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Zainab", html, StringComparison.Ordinal);

        var recorded = await course.Get<BookingEventStore>().FindAsync(ProjectId, cohort.Id, booking.Id, CancellationToken.None);
        Assert.Equal(EventId, recorded?.EventId);
        Assert.Equal(ICalUId, recorded?.ICalUId);
        Assert.Equal(Coordinator.ObjectId, recorded?.OrganizerObjectId);
    }

    [Fact]
    public async Task A_create_retried_after_Graph_throttled_it_sends_the_same_transactionId()
    {
        var cohort = await course.CohortAsync("hold-throttle", Tuesdays(6, 3));
        var booking = (await course.ConfirmedAsync(cohort, "b-throttle", "s01")).Booking;
        var transaction = BookingEventFactory.TransactionId(booking);
        course.Graph.Server.Given(Request.Create().WithPath(EventsPath).UsingPost().WithBody(new WildcardMatcher($"*{transaction}*")))
            .InScenario("throttle-" + booking.Id).WillSetStateTo("answered").AtPriority(1)
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(429).WithHeader("Retry-After", "1")
                .WithHeader("Content-Type", "application/json").WithBody("""{"error":{"code":"ApplicationThrottled","message":"Too many requests"}}"""));
        course.Graph.Server.Given(Request.Create().WithPath(EventsPath).UsingPost().WithBody(new WildcardMatcher($"*{transaction}*")))
            .InScenario("throttle-" + booking.Id).WhenStateIs("answered").AtPriority(1)
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = EventId, ["iCalUId"] = ICalUId }));
        course.Graph.Server.ResetLogEntries();

        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarCreate, cohort.Id, booking.Id));

        var posts = CreatesOf(booking);
        Assert.Equal(2, posts.Count);
        Assert.All(posts, p => Assert.Equal(transaction, (string?)GraphStub.BodyOf(p)["transactionId"]));
        Assert.Equal($"partnerhub-{ProjectId}-{cohort.Id}-{booking.Id}", transaction);
    }

    [Fact]
    public async Task A_moved_booking_moves_its_event_and_a_cancelled_one_is_cancelled_once_in_Danish()
    {
        var cohort = await course.CohortAsync("hold-move", Tuesdays(10, 3));
        var stored = await course.ConfirmedAsync(cohort, "b-move", "s01", CourseNotifications.CalendarCreate);
        await course.Scenario.DeliverAsync();
        course.Graph.Server.ResetLogEntries();

        var moved = await course.ChangeAsync(stored, stored.Booking with { Start = stored.Booking.Start.AddDays(1), End = stored.Booking.End.AddDays(1), Version = 3 }, CourseNotifications.CalendarUpdate);
        await course.Scenario.DeliverAsync();

        var patch = Assert.Single(course.Graph.Requests("PATCH", $"{EventsPath}/{EventId}"));
        var local = CopenhagenTime.ToLocal(moved.Booking.Start);
        Assert.Equal($"{local:yyyy-MM-dd}T17:00:00", (string?)GraphStub.BodyOf(patch)["start"]!["dateTime"]);

        await course.ChangeAsync(moved, moved.Booking with { State = BookingState.Cancelled, Version = 4 }, CourseNotifications.CalendarCancel);
        await course.Scenario.DeliverAsync();
        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarCancel, cohort.Id, stored.Booking.Id));

        var cancel = Assert.Single(course.Graph.Requests("POST", $"{EventsPath}/{EventId}/cancel"));
        Assert.Equal("Undervisningen er aflyst.", (string?)GraphStub.BodyOf(cancel)["comment"]);
        Assert.NotNull((await course.Get<BookingEventStore>().FindAsync(ProjectId, cohort.Id, stored.Booking.Id, CancellationToken.None))?.CancelledAt);

        // A late move of the cancelled booking changes nothing in Outlook.
        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarUpdate, cohort.Id, stored.Booking.Id));
        Assert.Single(course.Graph.Requests("PATCH", $"{EventsPath}/{EventId}"));
    }

    [Fact]
    public async Task Each_handler_stands_down_when_the_booking_no_longer_calls_for_it()
    {
        var cohort = await course.CohortAsync("hold-standdown", Tuesdays(14, 3));
        var stored = await course.ConfirmedAsync(cohort, "b-standdown", "s01");
        await course.ChangeAsync(stored, stored.Booking with { State = BookingState.Cancelled, Version = 3 });
        course.Graph.Server.ResetLogEntries();

        // Confirmed, then cancelled before the create ran: no event. The cancel finds no event: nothing to cancel.
        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarCreate, cohort.Id, stored.Booking.Id));
        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarCancel, cohort.Id, stored.Booking.Id));
        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarUpdate, cohort.Id, stored.Booking.Id));
        // A booking that does not exist at all.
        await course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarCreate, cohort.Id, "b-nosuchbooking"));

        Assert.DoesNotContain(course.Graph.Requests(), r => r.Method != "GET");
        Assert.Null(await course.Get<BookingEventStore>().FindAsync(ProjectId, cohort.Id, stored.Booking.Id, CancellationToken.None));
    }

    [Fact]
    public async Task An_update_before_the_event_exists_is_retried_rather_than_dropped()
    {
        var cohort = await course.CohortAsync("hold-early", Tuesdays(18, 3));
        var stored = await course.ConfirmedAsync(cohort, "b-early", "s01");

        var error = await Assert.ThrowsAsync<OutboxDeliveryException>(() =>
            course.HandleAsync(CourseNotifications.ForBooking(CourseNotifications.CalendarUpdate, cohort.Id, stored.Booking.Id)));

        Assert.Equal("eventNotCreatedYet", error.Code);
        Assert.False(error.Permanent);
    }

    [Fact]
    public async Task When_Outlook_refuses_for_good_the_coordinator_gets_the_failure_card_and_may_try_again()
    {
        var cohort = await course.CohortAsync("hold-refused", Tuesdays(22, 3));
        var booking = (await course.ConfirmedAsync(cohort, "b-refused", "s03", CourseNotifications.CalendarCreate)).Booking;
        course.Graph.Server.Given(Request.Create().WithPath(EventsPath).UsingPost().WithBody(new WildcardMatcher($"*{BookingEventFactory.TransactionId(booking)}*")))
            .AtPriority(1)
            .RespondWith(GraphStub.Json(403, new JsonObject { ["error"] = new JsonObject { ["code"] = "ErrorAccessDenied", ["message"] = "Access is denied." } }));
        course.Host.Connector.ResetLogEntries();

        await course.Scenario.DeliverAsync();

        var told = Assert.Single(course.Host.ConnectorCalls(), c => c.Method == "POST" && c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal));
        var card = told.Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Oprette undervisningen i Outlook", Text(card), StringComparison.Ordinal);
        Assert.Contains("graph403", Text(card), StringComparison.Ordinal);
        Assert.Contains(" – Hold forår", Text(card), StringComparison.Ordinal);
        Assert.Null(await course.Get<BookingEventStore>().FindAsync(ProjectId, cohort.Id, booking.Id, CancellationToken.None));
        // No "open the meeting" button: there is no session behind a course row, so it could only answer with an error.
        Assert.DoesNotContain("session.open", Text(card), StringComparison.Ordinal);

        // "Prøv igen" on that card makes the failed course row due again (the retry is not the sessions' alone).
        var retry = ActionData(card, "session.retry");
        var answer = Card(await course.Scenario.ActAsync(Coordinator, "session.retry", retry));
        Assert.Contains("PartnerHub prøver igen nu", Text(answer), StringComparison.Ordinal);
        var row = await course.Host.Tables.Table(TableNames.Main).GetEntityAsync<TableEntity>(ProjectId, (string)retry["rowKey"]!);
        Assert.False(row.Value.GetBoolean(OutboxKeys.Failed));
    }

    private List<WireMock.IRequestMessage> CreatesOf(TeacherBooking booking) =>
        [.. course.Graph.Requests("POST", EventsPath).Where(r => (string?)GraphStub.BodyOf(r)["transactionId"] == BookingEventFactory.TransactionId(booking))];
}
