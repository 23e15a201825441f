using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// The course's outbox handlers against Azurite with the Bot Connector in WireMock: the teacher's booking card sent once
/// and updated in place, the coordinator's cards, and the reminder, then the escalation, each once.
/// </summary>
public sealed class CourseCardHandlersTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string CohortId = "hold-1";
    private static readonly Person Teacher = new("29:teacher", "7e0a1b2c-0000-4000-8000-0000000000e1", "a:chat-teacher");

    // Starts at the real "now", so the signed test tokens (real clock) stay valid until a test moves time on.
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public CourseCardHandlersTests() =>
        _host = new BotHost { Customize = builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time)) };

    private CourseStore Store => _host.Services.GetRequiredService<CourseStore>();

    private OutboxWriter Outbox => _host.Services.GetRequiredService<OutboxWriter>();

    private static readonly CancellationToken None = CancellationToken.None;

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(
            BotHost.TenantId, new ProjectMember(Teacher.ObjectId, ProjectId, ProjectRole.Teacher, null, "Megan"), None);
        // Another teacher to pick instead, who has not opened PartnerHub.
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(
            BotHost.TenantId, new ProjectMember("7e0a1b2c-0000-4000-8000-0000000000e2", ProjectId, ProjectRole.Teacher, null, "Lars"), None);
        using var response = await _host.PostSignedAsync(_host.ActivityFrom("message", Teacher.ConversationId, (Teacher.UserId, Teacher.ObjectId), "hjælp"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Tuesdays from three weeks ahead: every session is to come while the tests move the clock on by days.
        var today = CopenhagenTime.DateOf(_time.GetUtcNow());
        var first = today.AddDays(21 + (((int)DayOfWeek.Tuesday - (int)today.DayOfWeek + 7) % 7));
        var plan = new CoursePlan("Hold forår", DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(19, 30), "Kvindecenteret",
            [
                new CourseSession("s01", first, "concept", false, CourseSessionState.Planned),
                new CourseSession("s02", first.AddDays(7), "health", false, CourseSessionState.Planned),
            ],
            []);
        var cohort = new Cohort(CohortId, ProjectId, plan, [new CourseParticipant("p1", "Amina"), new CourseParticipant("p2", "Fatima")], 1);
        Assert.Equal(ChangeOutcome.Changed, (await Store.CreateCohortAsync(cohort, Change(Coordinator.ObjectId, CohortId, 0, "Create", cohort), [], None)).Outcome);
        _host.Connector.ResetLogEntries();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    private static CourseChange Change(string actor, string record, int version, string action, object command) =>
        new(actor, action, ChangeFingerprint.Of(actor, record, version.ToString(CultureInfo.InvariantCulture), action, command));

    /// <summary>What the service does on a request: the booking and its outbox rows in one transaction.</summary>
    private Task<StoredBooking> RequestAsync(string bookingId, string sessionId, params OutboxMessage[] messages) =>
        RequestAsync(bookingId, sessionId, null, messages);

    /// <param name="reminderAt">When the service's reminder row for it is due (none: no reminder row).</param>
    private async Task<StoredBooking> RequestAsync(string bookingId, string sessionId, DateTimeOffset? reminderAt, params OutboxMessage[] messages)
    {
        var cohort = (await Store.FindCohortAsync(ProjectId, CohortId, None))!.Cohort;
        var (start, end) = cohort.Plan.TimesOf(cohort.Plan.Find(sessionId)!)!.Value;
        var booking = new TeacherBooking(bookingId, ProjectId, CohortId, sessionId, Teacher.ObjectId, start, end, BookingState.Requested, _time.GetUtcNow(), 1)
        {
            GroupSize = 2,
            Note = "Holdet kender sundhedsplejen.",
            RequestedBy = Coordinator.ObjectId,
        };
        var rows = messages.Select(m => Outbox.Create(ProjectId, m)).ToList();
        if (reminderAt is { } due)
        {
            rows.Add(Outbox.Create(ProjectId, Reminder(bookingId), due));
        }

        var written = await Store.RequestBookingAsync(booking, Change(Coordinator.ObjectId, bookingId, 0, "Request", new { sessionId }), rows, None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
        return (await Store.FindBookingAsync(ProjectId, CohortId, bookingId, None))!;
    }

    private async Task ChangeAsync(StoredBooking before, TeacherBooking after, params OutboxMessage[] messages)
    {
        var written = await Store.ChangeBookingAsync(before, after, Change(Teacher.ObjectId, after.Id, before.Booking.Version, after.State.ToString(), new { after.State }),
            [.. messages.Select(m => Outbox.Create(ProjectId, m))], None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
    }

    private async Task DeliverAllAsync()
    {
        while (await _scenario.DeliverAsync() > 0)
        {
        }
    }

    private List<(string Method, string Path, JsonObject Card)> Cards() =>
        [.. _host.ConnectorCalls().Where(c => c.Method is "POST" or "PUT" && c.Body?["attachments"] is not null)
            .Select(c => (c.Method, c.Path, c.Body!["attachments"]![0]!["content"]!.AsObject()))];

    private static OutboxMessage SendBookingCard(string bookingId) => CourseNotifications.ForBooking(CourseNotifications.SendBookingCard, CohortId, bookingId);

    private static OutboxMessage Reminder(string bookingId) => CourseNotifications.ForBooking(CourseNotifications.BookingReminder, CohortId, bookingId);

    [Fact]
    public async Task The_teacher_gets_her_booking_card_once_and_a_change_updates_it_and_the_coordinators_plan_in_place()
    {
        var requested = await RequestAsync("b1", "s01", SendBookingCard("b1"));
        await DeliverAllAsync();

        var (_, path, card) = Assert.Single(Cards());
        Assert.Equal($"/teams/v3/conversations/{Teacher.ConversationId}/activities", path);
        Assert.True(HasAction(card, CourseVerbs.Accept));
        Assert.Contains("Holdet kender sundhedsplejen.", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("Fatima", Text(card), StringComparison.Ordinal);
        var locations = _host.Services.GetRequiredService<CardLocationStore>();
        var record = CourseCards.Booking(CohortId, "b1");
        var teachersCard = await locations.FindAsync(ProjectId, record.Kind, record.Id, Teacher.ObjectId, None);
        Assert.NotNull(teachersCard);

        // The same message again (a retry): her card is already there.
        await Outbox.CreateAndCommitAsync(_host, SendBookingCard("b1"));
        await DeliverAllAsync();
        Assert.Single(Cards());

        // The coordinator has the plan open; the teacher accepts (on her card, elsewhere: REST).
        var plan = CourseCards.Plan(CohortId);
        await locations.SaveAsync(ProjectId, plan.Kind, plan.Id, new CardLocation(Coordinator.ObjectId, Coordinator.UserId, _host.ServiceUrl, Coordinator.ConversationId, "plan-1"), None);
        _host.Connector.ResetLogEntries();
        await ChangeAsync(requested, requested.Booking with { State = BookingState.Confirmed, Version = 2 }, CourseNotifications.UpdateCardsOf(CohortId, "b1"));
        await DeliverAllAsync();

        var updates = Cards();
        Assert.All(updates, u => Assert.Equal("PUT", u.Method));
        var teacherUpdate = Assert.Single(updates, u => u.Path.EndsWith("/" + teachersCard!.ActivityId, StringComparison.Ordinal)).Card;
        Assert.False(HasAction(teacherUpdate, CourseVerbs.Accept));
        Assert.Contains("Bekræftet", Text(teacherUpdate), StringComparison.Ordinal);
        Assert.Equal([Teacher.UserId], teacherUpdate["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        var planUpdate = Assert.Single(updates, u => u.Path.EndsWith("/plan-1", StringComparison.Ordinal)).Card;
        Assert.Contains("Booket", Text(planUpdate), StringComparison.Ordinal);
        Assert.Equal([Coordinator.UserId], planUpdate["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));

        // A change made on her own card: every card but that one.
        _host.Connector.ResetLogEntries();
        await Outbox.CreateAndCommitAsync(_host, CourseNotifications.UpdateCardsOf(CohortId, "b1", new ActingCard(Teacher.ObjectId, teachersCard!.ActivityId)));
        await DeliverAllAsync();
        Assert.Equal(["/plan-1"], Cards().Select(u => u.Path[u.Path.LastIndexOf('/')..]));
    }

    [Fact]
    public async Task A_corrected_place_reaches_every_booking_card_of_the_cohort()
    {
        await RequestAsync("b1", "s01", SendBookingCard("b1"));
        await RequestAsync("b2", "s02", SendBookingCard("b2"));
        await DeliverAllAsync();
        Assert.Equal(2, Cards().Count);
        var stored = (await Store.FindCohortAsync(ProjectId, CohortId, None))!;
        var after = stored.Cohort with { Plan = stored.Cohort.Plan with { Place = "Vollsmose Bibliotek" }, Version = 2 };
        _host.Connector.ResetLogEntries();

        // What CourseCorrectionService writes with a corrected place: the cohort and one update of every card.
        var written = await Store.UpdateCohortAsync(stored, after, [], Change(Coordinator.ObjectId, CohortId, 1, CourseCorrectionService.RectifyPlan, new { after.Plan.Place }),
            [Outbox.Create(ProjectId, CourseNotifications.UpdateCardsOfEveryBooking(CohortId))], None);
        Assert.Equal(ChangeOutcome.Changed, written.Outcome);
        await DeliverAllAsync();

        var updates = Cards();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, u =>
        {
            Assert.Equal("PUT", u.Method);
            Assert.Contains("Vollsmose Bibliotek", Text(u.Card), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_counter_proposal_reaches_the_coordinator_who_asked_and_her_card_follows_the_booking()
    {
        var requested = await RequestAsync("b1", "s01", SendBookingCard("b1"));
        await DeliverAllAsync();
        var proposedDate = CopenhagenTime.DateOf(requested.Booking.Start).AddDays(2);
        var proposal = new CounterProposal(proposedDate, requested.Booking.Start.AddDays(2), requested.Booking.End.AddDays(2), true);
        _host.Connector.ResetLogEntries();

        await ChangeAsync(requested, requested.Booking with { State = BookingState.CounterProposed, Proposal = proposal, Version = 2 },
            CourseNotifications.ForBooking(CourseNotifications.SendCoordinatorCard, CohortId, "b1"), CourseNotifications.UpdateCardsOf(CohortId, "b1"));
        await DeliverAllAsync();

        var sent = Assert.Single(Cards(), c => c.Method == "POST");
        Assert.Equal($"/teams/v3/conversations/{Coordinator.ConversationId}/activities", sent.Path);
        Assert.True(HasAction(sent.Card, CourseVerbs.AcceptProposal));
        Assert.Contains(CopenhagenDates.Date(proposedDate, "da"), Text(sent.Card), StringComparison.Ordinal);
        var teacherUpdate = Assert.Single(Cards(), c => c.Method == "PUT" && c.Path.Contains(Teacher.ConversationId, StringComparison.Ordinal)).Card;
        Assert.Contains("Du har foreslået " + CopenhagenDates.Date(proposedDate, "da"), Text(teacherUpdate), StringComparison.Ordinal);

        // She accepts it elsewhere: her proposal card says so, without the buttons.
        var current = (await Store.FindBookingAsync(ProjectId, CohortId, "b1", None))!;
        _host.Connector.ResetLogEntries();
        await ChangeAsync(current, current.Booking with { State = BookingState.Confirmed, Version = 3 }, CourseNotifications.UpdateCardsOf(CohortId, "b1"));
        await DeliverAllAsync();
        var coordinatorUpdate = Assert.Single(Cards(), c => c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).Card;
        Assert.False(HasAction(coordinatorUpdate, CourseVerbs.AcceptProposal));
        Assert.Contains("Booket", Text(coordinatorUpdate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unanswered_the_teacher_is_reminded_once_then_the_coordinator_is_told_once()
    {
        var asked = _time.GetUtcNow();
        await RequestAsync("b1", "s01", asked.AddDays(3), SendBookingCard("b1"));
        await DeliverAllAsync();
        _host.Connector.ResetLogEntries();

        _time.SetUtcNow(asked.AddDays(3).AddMinutes(-1));
        await DeliverAllAsync();
        Assert.Empty(Cards());

        _time.SetUtcNow(asked.AddDays(3).AddMinutes(1));
        await DeliverAllAsync();
        var reminder = Assert.Single(Cards(), c => c.Method == "POST");
        Assert.Equal($"/teams/v3/conversations/{Teacher.ConversationId}/activities", reminder.Path);
        Assert.Contains("Påmindelse", Text(reminder.Card), StringComparison.Ordinal);
        Assert.True(HasAction(reminder.Card, CourseVerbs.Accept));
        var reminded = (await Store.FindBookingAsync(ProjectId, CohortId, "b1", None))!.Booking;
        Assert.Equal(asked.AddDays(3).AddMinutes(1), reminded.RemindedAt);
        // The reminder answers from the booking as it now is (recorded), so her answer on it is not a lost race.
        Assert.Equal(reminded.Version.ToString(CultureInfo.InvariantCulture), ActionData(reminder.Card, CourseVerbs.Accept)["version"]!.ToString());

        _host.Connector.ResetLogEntries();
        _time.SetUtcNow(asked.AddDays(5));
        await DeliverAllAsync();
        Assert.DoesNotContain(Cards(), c => c.Method == "POST");

        _time.SetUtcNow(asked.AddDays(5).AddMinutes(2));
        await DeliverAllAsync();
        var escalation = Assert.Single(Cards(), c => c.Method == "POST");
        Assert.Equal($"/teams/v3/conversations/{Coordinator.ConversationId}/activities", escalation.Path);
        Assert.Contains("Megan har ikke svaret", Text(escalation.Card), StringComparison.Ordinal);
        Assert.True(HasAction(escalation.Card, CourseVerbs.ReplaceTeacher));
        Assert.NotNull((await Store.FindBookingAsync(ProjectId, CohortId, "b1", None))!.Booking.EscalatedAt);

        // Nothing more is owed: days later, no card.
        _host.Connector.ResetLogEntries();
        _time.SetUtcNow(asked.AddDays(12));
        await DeliverAllAsync();
        Assert.DoesNotContain(Cards(), c => c.Method == "POST");
    }

    [Fact]
    public async Task A_booking_answered_before_its_reminder_is_due_gets_no_reminder()
    {
        var asked = _time.GetUtcNow();
        var requested = await RequestAsync("b1", "s01", asked.AddDays(3));
        await ChangeAsync(requested, requested.Booking with { State = BookingState.Declined, Version = 2 });

        _time.SetUtcNow(asked.AddDays(3).AddMinutes(1));
        await DeliverAllAsync();

        Assert.Empty(Cards());
        Assert.Null((await Store.FindBookingAsync(ProjectId, CohortId, "b1", None))!.Booking.RemindedAt);
    }
}

internal static class CourseOutboxRows
{
    /// <summary>One outbox row on its own (as a retry or a change made elsewhere would leave it).</summary>
    public static async Task CreateAndCommitAsync(this OutboxWriter outbox, BotHost host, OutboxMessage message)
    {
        var entry = outbox.Create(ProjectId, message);
        await host.Tables.Table(PartnerHub.Api.Storage.TableNames.Main).SubmitTransactionAsync([entry.Action]);
    }
}
