using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using Xunit.Abstractions;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// The storage calls of a teacher's answer on her booking card (issue 15: at most four for a change), counted by the
/// API's own meter through the real host (signed tokens, Azurite). The exact list is behaviour: a call added to this
/// path shows here and is a decision. Each call is named in src/PartnerHub.Api/Course/README.md.
/// </summary>
public sealed class BookingAnswerRoundTripTests(ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IAsyncLifetime, IDisposable
{
    private static readonly Person Teacher = new("29:teacher", "7e0a1b2c-0000-4000-8000-0000000000e1", "a:chat-teacher");

    private readonly BotHost _host = new()
    {
        // Booking cards carry signed .ics links to this address. Remembered reads last 10 minutes here: a slow machine
        // must not turn the steady state into a cold one.
        Customize = builder => builder.UseSetting("Graph:PublicBaseUrl", "https://partnerhub.example").UseSetting("ReadCache:Seconds", "600"),
    };

    private ReferralScenario _scenario = null!;
    private StorageCalls _calls = null!;

    public async Task InitializeAsync()
    {
        _host.Server.PreserveExecutionContext = true;
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(
            BotHost.TenantId, new ProjectMember(Teacher.ObjectId, ProjectId, ProjectRole.Teacher, null, "Lidia"), CancellationToken.None);
        using var hello = await _host.PostSignedAsync(_host.ActivityFrom("message", Teacher.ConversationId, (Teacher.UserId, Teacher.ObjectId), "hjælp"));
        Assert.Equal(HttpStatusCode.OK, hello.StatusCode);
        _calls = new StorageCalls(_host.TablePrefix);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _calls?.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task Her_answer_takes_four_storage_calls_and_her_acceptance_a_fifth_to_claim_her_time()
    {
        var cards = await HerBookingCardsAsync(weeks: 4);
        // Her first answer reads the cohort, the course settings and her slots; this instance remembers them from then on.
        Assert.Contains("Tak for dit svar.", Text(Card(await AnswerAsync(cards[0], CourseVerbs.Accept, new JsonObject()))), StringComparison.Ordinal);

        var (accepted, acceptCalls) = await CountedAnswerAsync(cards[1], CourseVerbs.Accept, new JsonObject());
        var (declined, declineCalls) = await CountedAnswerAsync(cards[2], CourseVerbs.Decline, new JsonObject { ["reason"] = "Jeg er på kursus den dag." });
        var (proposed, proposeCalls) = await CountedAnswerAsync(cards[3], CourseVerbs.ProposeDate, new JsonObject { ["date"] = ProposableDate(), ["otherWeekday"] = "false" });

        Assert.Equal(
            [
                "partnerhub point-read", // the booking, with the ETag the change is conditional on
                "$batch batch", // her time claimed in her own partition, on her guard row as this instance last wrote it
                "$batch batch", // the booking, its idempotency and staffing rows, the outbox rows (Outlook, cards), her card's location
                "audit insert", // who answered
                "outbox send", // the nudge
            ],
            acceptCalls);
        string[] answer =
        [
            "partnerhub point-read", // the booking, with its ETag
            "$batch batch", // the booking, its idempotency row, the outbox rows, her card's location
            "audit insert", // who answered
            "outbox send", // the nudge
        ];
        Assert.Equal(answer, declineCalls);
        Assert.Equal(answer, proposeCalls);

        // Each answer is her card as it is now, with the thanks, refreshing for her alone, and its location was
        // recorded in the change's transaction (no write after it).
        foreach (var (card, sent, state) in new[] { (accepted, cards[1], BookingState.Confirmed), (declined, cards[2], BookingState.Declined), (proposed, cards[3], BookingState.CounterProposed) })
        {
            Assert.Contains("Tak for dit svar.", Text(card), StringComparison.Ordinal);
            Assert.Equal([Teacher.UserId], card["refresh"]!["userIds"]!.AsArray().Select(id => (string)id!));
            var data = ActionData(sent, CourseVerbs.Accept);
            var (cohortId, bookingId) = ((string)data["cohortId"]!, (string)data["bookingId"]!);
            var stored = await _host.Services.GetRequiredService<CourseStore>().FindBookingAsync(ProjectId, cohortId, bookingId, CancellationToken.None);
            Assert.Equal(state, stored!.Booking.State);
            var location = await _host.Services.GetRequiredService<CardLocationStore>().FindAsync(ProjectId, CardKind.CourseBooking, cohortId + "." + bookingId, Teacher.ObjectId, CancellationToken.None);
            Assert.Equal("sent-1", location?.ActivityId);
        }
    }

    [Fact]
    public async Task The_card_update_after_her_answer_and_the_coordinators_plan_read_every_card_by_its_holders_rows_keys()
    {
        var cards = await HerBookingCardsAsync(weeks: 1);
        var data = ActionData(cards[0], CourseVerbs.Accept);
        var (cohortId, bookingId) = ((string)data["cohortId"]!, (string)data["bookingId"]!);
        await AnswerAsync(cards[0], CourseVerbs.Decline, new JsonObject { ["reason"] = "Jeg er på kursus den dag." });

        var updated = await CountCardUpdateAsync(bookingId);
        output.WriteLine("update: " + string.Join(", ", updated));
        var refreshed = await _calls.CountAsync(() => _scenario.ActAsync(Coordinator, CourseVerbs.Refresh, new JsonObject { ["projectId"] = ProjectId, ["cohortId"] = cohortId, ["view"] = "plan" }, "form-1"));
        output.WriteLine("plan refresh: " + string.Join(", ", refreshed));

        Assert.Equal(
            [
                "partnerhub point-read", // the cohort
                "partnerhub query", // its bookings (the cards' data)
                "partnerhub query", // its attendance (the cards' data)
                "partnerhub point-read", // the course settings (the cards' data)
                PlanHoldersByKeys, // every plan card: its holders row by its keys (was a prefix query over card|course-plan|{cohort}|)
                // The coordinator, as she is now, for her plan card's view: from the project's remembered people (was her
                // member row by its keys, one read per card).
                CertificatesHoldersByKeys, // every certificates card (none): by its keys
                BookingHoldersByKeys, // every card of the booking (the teacher's, skipped: she answered on it): by its keys
            ],
            updated);
        // Her plan card updated in place; the teacher's booking card is the one she answered on.
        Assert.Equal(1, _host.ConnectorCalls().Count(c => c.Method == "PUT"));
        Assert.Equal(
            [
                "partnerhub point-read", // the cohort
                "partnerhub query", // its bookings (the card's data)
                "partnerhub query", // its attendance (the card's data)
                "partnerhub point-read", // the course settings (the card's data)
                PlanHoldersByKeys, // who has the plan, for its refresh audience: by its keys (was a prefix query)
                "$batch batch", // her card's location, and its property in the plan's holders row
            ],
            refreshed);

        // A cohort and booking made before the rows were kept have none: every card is still updated, read the old way.
        foreach (var record in new[] { CourseCards.Plan(cohortId), CourseCards.Certificates(cohortId), CourseCards.Booking(cohortId, bookingId) })
        {
            await _host.Tables.Table(TableNames.Main).DeleteEntityAsync(ProjectId, CourseCards.HoldersRowKey(record));
        }

        var older = await CountCardUpdateAsync(bookingId);
        Assert.Equal(
            [
                "partnerhub point-read", "partnerhub query", "partnerhub query", "partnerhub point-read", // the cards' data, as above
                PlanHoldersByKeys, "partnerhub query", // no holders row: the plan cards by the prefix range over card|course-plan|{cohort}|
                CertificatesHoldersByKeys, "partnerhub query", // the certificates cards, the same
                BookingHoldersByKeys, "partnerhub query", // the booking's cards, the same
            ],
            older);
        Assert.Equal(1, _host.ConnectorCalls().Count(c => c.Method == "PUT"));
    }

    // A record's holders row by its keys (CourseCards.HoldersRowKey): every card of it.
    private const string PlanHoldersByKeys = "partnerhub point-read";
    private const string CertificatesHoldersByKeys = "partnerhub point-read";
    private const string BookingHoldersByKeys = "partnerhub point-read";

    /// <summary>The storage calls of delivering the booking's update-cards row (committed by the last change), by its handler alone.</summary>
    private Task<string[]> CountCardUpdateAsync(string bookingId) =>
        OutboxDeliveryCalls.CountAsync(_host, _calls, ProjectId, CourseNotifications.UpdateCards, bookingId);

    /// <summary>The coordinator plans a cohort of so many weeks and asks the teacher for each; her booking cards, as delivered.</summary>
    private async Task<IReadOnlyList<JsonObject>> HerBookingCardsAsync(int weeks)
    {
        var plan = Card(await _scenario.ActAsync(Coordinator, CourseVerbs.Create, CohortForm(weeks), "form-1"));
        var sessions = Walk(plan).OfType<JsonObject>()
            .Where(o => (string?)o["type"] == "Action.Execute" && (string?)o["verb"] == CourseVerbs.OpenSession)
            .Select(o => o["data"]!.DeepClone().AsObject())
            .DistinctBy(data => (string?)data["sessionId"])
            .ToList();
        Assert.Equal(weeks, sessions.Count);
        foreach (var open in sessions)
        {
            var week = Card(await _scenario.ActAsync(Coordinator, CourseVerbs.OpenSession, open, "form-1"));
            var request = ActionData(week, CourseVerbs.RequestBooking);
            var sessionId = (string)request["sessionId"]!;
            request[CourseVerbs.RowInput("teacher", sessionId)] = Teacher.ObjectId;
            request[CourseVerbs.RowInput("note", sessionId)] = string.Empty;
            await _scenario.ActAsync(Coordinator, CourseVerbs.RequestBooking, request, "form-1");
        }

        _host.Connector.ResetLogEntries();
        for (var sweep = 0; sweep < 5 && await _scenario.DeliverAsync() > 0; sweep++)
        {
        }

        var cards = _host.ConnectorCalls()
            .Where(c => c.Method == "POST" && c.Path.Contains(Teacher.ConversationId, StringComparison.Ordinal))
            .Select(c => c.Body!["attachments"]![0]!["content"]!.AsObject())
            .Where(card => HasAction(card, CourseVerbs.Accept))
            .ToList();
        Assert.Equal(weeks, cards.Count);
        return cards;
    }

    private Task<JsonObject> AnswerAsync(JsonObject card, string verb, JsonObject inputs)
    {
        var data = ActionData(card, verb);
        foreach (var (name, value) in inputs)
        {
            data[name] = value?.DeepClone();
        }

        return _scenario.ActAsync(Teacher, verb, data, "sent-1");
    }

    private async Task<(JsonObject Card, string[] Calls)> CountedAnswerAsync(JsonObject card, string verb, JsonObject inputs)
    {
        var answer = new JsonObject();
        var calls = await _calls.CountAsync(async () => answer = await AnswerAsync(card, verb, inputs));
        output.WriteLine(verb + ": " + string.Join(", ", calls));
        return (Card(answer), calls);
    }

    /// <summary>A Tuesday well after the cohort's weeks that is no holiday: a date she may propose.</summary>
    private static string ProposableDate()
    {
        var date = FirstTuesday().AddDays(7 * 12);
        while (PlanGenerator.ReasonToSkip(date, new TimeOnly(17, 0), new TimeOnly(19, 30), SchoolHolidayCalendar.None) is not null)
        {
            date = date.AddDays(7);
        }

        return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private static DateOnly FirstTuesday()
    {
        var today = CopenhagenTime.DateOf(DateTimeOffset.UtcNow);
        return today.AddDays(21 + (((int)DayOfWeek.Tuesday - (int)today.DayOfWeek + 7) % 7));
    }

    private static JsonObject CohortForm(int weeks) => new()
    {
        ["projectId"] = ProjectId,
        ["requestId"] = "cohort-1",
        ["language"] = "da",
        ["name"] = "Hold forår",
        ["startDate"] = FirstTuesday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["weekday"] = "Tuesday",
        ["startTime"] = "17:00",
        ["endTime"] = "19:30",
        ["place"] = "Kvindecenteret",
        ["weeks"] = weeks.ToString(CultureInfo.InvariantCulture),
    };
}
