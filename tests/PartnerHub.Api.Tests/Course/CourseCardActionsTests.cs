using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Course;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>
/// The course cards' buttons through /api/messages as Teams sends them: the coordinator creates a cohort and books a
/// teacher on the plan, the teacher answers on her card; each answer is the next card, a retry is applied once, a
/// stale card gets the current one with a notice, and form errors sit beside their fields. Azurite, Connector in WireMock.
/// </summary>
public sealed class CourseCardActionsTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private static readonly Person Teacher = new("29:teacher", "7e0a1b2c-0000-4000-8000-0000000000e1", "a:chat-teacher");
    private readonly BotHost _host = new();
    private ReferralScenario _scenario = null!;
    private DateOnly _firstTuesday;

    private static readonly CancellationToken None = CancellationToken.None;

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(
            BotHost.TenantId, new ProjectMember(Teacher.ObjectId, ProjectId, ProjectRole.Teacher, null, "Megan"), None);
        using var response = await _host.PostSignedAsync(_host.ActivityFrom("message", Teacher.ConversationId, (Teacher.UserId, Teacher.ObjectId), "hjælp"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var today = CopenhagenTime.DateOf(DateTimeOffset.UtcNow);
        _firstTuesday = today.AddDays(21 + (((int)DayOfWeek.Tuesday - (int)today.DayOfWeek + 7) % 7));
        _host.Connector.ResetLogEntries();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    private JsonObject Form(string weeks) => new()
    {
        ["projectId"] = ProjectId,
        ["requestId"] = "req-1",
        ["language"] = "da",
        ["name"] = "Hold forår",
        ["startDate"] = _firstTuesday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["weekday"] = "Tuesday",
        ["startTime"] = "17:00",
        ["endTime"] = "19:30",
        ["place"] = "Kvindecenteret",
        ["weeks"] = weeks,
    };

    /// <summary>The coordinator creates a cohort on the form, opens its first week from the plan and books Megan for it there.</summary>
    private async Task<(JsonObject Week, JsonObject TeachersCard, string TeachersActivityId)> BookedAsync()
    {
        var plan = Card(await _scenario.ActAsync(Coordinator, CourseVerbs.Create, Form("3"), "form-1"));
        var week = Card(await _scenario.ActAsync(Coordinator, CourseVerbs.OpenSession, ActionData(plan, CourseVerbs.OpenSession), "form-1"));
        var request = ActionData(week, CourseVerbs.RequestBooking);
        var sessionId = (string)request["sessionId"]!;
        request[CourseVerbs.RowInput("teacher", sessionId)] = Teacher.ObjectId;
        request[CourseVerbs.RowInput("note", sessionId)] = "Holdet kender sundhedsplejen.";
        week = Card(await _scenario.ActAsync(Coordinator, CourseVerbs.RequestBooking, request, "form-1"));
        Assert.Contains(_host.Services.GetRequiredService<PartnerHub.Teams.Cards.CardCatalog>().Text("da", "course.notices.requested"), Text(week), StringComparison.Ordinal);
        Assert.Contains("Afventer svar", Text(week), StringComparison.Ordinal);
        Assert.False(HasAction(week, CourseVerbs.RequestBooking));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();
        var sent = Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST" && c.Path.Contains(Teacher.ConversationId, StringComparison.Ordinal));
        var card = sent.Body!["attachments"]![0]!["content"]!.AsObject();
        var cohortId = (string)request["cohortId"]!;
        var bookingId = (string)ActionData(card, CourseVerbs.Accept)["bookingId"]!;
        var location = await _host.Services.GetRequiredService<CardLocationStore>().FindAsync(ProjectId, CardKind.CourseBooking, cohortId + "." + bookingId, Teacher.ObjectId, None);
        return (plan, card, location!.ActivityId);
    }

    private async Task<TeacherBooking> BookingAsync(JsonObject teachersCard)
    {
        var data = ActionData(teachersCard, CourseVerbs.Accept);
        return (await _host.Services.GetRequiredService<CourseStore>().FindBookingAsync(ProjectId, (string)data["cohortId"]!, (string)data["bookingId"]!, None))!.Booking;
    }

    [Fact]
    public async Task The_words_kursus_and_mine_bookinger_give_the_coordinator_her_plan_and_the_teacher_her_bookings()
    {
        // No cohort yet: "kursus" gives the coordinator the form for her first one.
        Assert.Contains("Nyt kursushold", Text(await _scenario.SayAsync(Coordinator, "kursus")), StringComparison.Ordinal);
        Assert.Contains("Du har ingen bookinger lige nu.", Text(await _scenario.SayAsync(Teacher, "mine bookinger")), StringComparison.Ordinal);

        var (_, teachersCard, _) = await BookedAsync();
        var booking = await BookingAsync(teachersCard);

        var plan = await _scenario.SayAsync(Coordinator, "kursus");
        Assert.Contains("Hold forår", Text(plan), StringComparison.Ordinal);
        Assert.Contains("Afventer svar", Text(plan), StringComparison.Ordinal);
        var mine = await _scenario.SayAsync(Teacher, "mine bookinger");
        Assert.Contains("Mine bookinger", Text(mine), StringComparison.Ordinal);
        Assert.Equal(booking.Id, (string?)ActionData(mine, CourseVerbs.OpenBooking)["bookingId"]);

        // The plan is the coordinator's only; a coordinator has no bookings of her own to see.
        Assert.Contains("Du har ikke adgang til dette kursus.", Text(await _scenario.SayAsync(Teacher, "kursus")), StringComparison.Ordinal);
        Assert.Contains("Du har ikke adgang til dette kursus.", Text(await _scenario.SayAsync(Coordinator, "mine bookinger")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_teacher_accepts_on_her_card_once_the_coordinators_plan_follows_and_a_stale_answer_gets_the_current_card()
    {
        var (_, teachersCard, activityId) = await BookedAsync();
        Assert.DoesNotContain("Amina", Text(teachersCard), StringComparison.Ordinal);
        var accept = ActionData(teachersCard, CourseVerbs.Accept);

        var answered = Card(await _scenario.ActAsync(Teacher, CourseVerbs.Accept, accept, activityId));

        Assert.Contains("Bekræftet", Text(answered), StringComparison.Ordinal);
        Assert.Contains("Tak for dit svar.", Text(answered), StringComparison.Ordinal);
        Assert.False(HasAction(answered, CourseVerbs.Accept));
        Assert.Equal(BookingState.Confirmed, (await BookingAsync(teachersCard)).State);
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();
        var updates = _host.ConnectorCalls().Where(c => c.Method == "PUT").ToList();
        Assert.DoesNotContain(updates, u => u.Path.EndsWith("/" + activityId, StringComparison.Ordinal));
        var plan = Assert.Single(updates, u => u.Path.EndsWith("/form-1", StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Booket", Text(plan), StringComparison.Ordinal);

        // The same press again (Teams retries): applied once.
        var version = (await BookingAsync(teachersCard)).Version;
        var again = Card(await _scenario.ActAsync(Teacher, CourseVerbs.Accept, accept, activityId));
        Assert.Contains("Bekræftet", Text(again), StringComparison.Ordinal);
        Assert.Equal(version, (await BookingAsync(teachersCard)).Version);

        // "No" from the card as it was before: not applied; the current card, with a notice.
        var decline = ActionData(teachersCard, CourseVerbs.Decline);
        decline["reason"] = "Ferie";
        var stale = Card(await _scenario.ActAsync(Teacher, CourseVerbs.Decline, decline, activityId));
        Assert.Contains("Bekræftet", Text(stale), StringComparison.Ordinal);
        Assert.NotNull(stale["body"]![0]!["items"]);
        Assert.Equal(BookingState.Confirmed, (await BookingAsync(teachersCard)).State);
        Assert.Equal(version, (await BookingAsync(teachersCard)).Version);
    }

    [Fact]
    public async Task A_proposed_date_off_the_course_weekday_is_refused_beside_the_date_and_nothing_changes()
    {
        var (_, teachersCard, activityId) = await BookedAsync();
        var propose = ActionData(teachersCard, CourseVerbs.ProposeDate);
        propose["date"] = _firstTuesday.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        propose["otherWeekday"] = "false";

        var card = Card(await _scenario.ActAsync(Teacher, CourseVerbs.ProposeDate, propose, activityId));

        var catalog = _host.Services.GetRequiredService<PartnerHub.Teams.Cards.CardCatalog>();
        Assert.Contains(catalog.Text("da", "course.formErrors.notCourseWeekday"), Text(card), StringComparison.Ordinal);
        Assert.True(HasAction(card, CourseVerbs.Accept));
        Assert.Equal(BookingState.Requested, (await BookingAsync(teachersCard)).State);
    }

    [Fact]
    public async Task The_cohort_form_answers_errors_beside_their_fields_and_stores_nothing()
    {
        var form = Card(await _scenario.ActAsync(Coordinator, CourseVerbs.Create, Form("40"), "form-1"));

        var body = Walk(form).OfType<JsonObject>().ToList();
        var weeks = body.FindIndex(o => (string?)o["id"] == "weeks");
        Assert.Equal("Skriv et antal uger mellem 1 og 30.", (string?)body.Skip(weeks + 1).First(o => (string?)o["color"] == "Attention")["text"]);
        Assert.Equal("40", (string?)body[weeks]["value"]);
        Assert.Empty(await _host.Services.GetRequiredService<CourseStore>().CohortsAsync(ProjectId, None));

        // A teacher cannot create one: an error card in her language, nothing stored.
        var refused = Card(await _scenario.ActAsync(Teacher, CourseVerbs.Create, Form("3"), "form-2"));
        Assert.Contains("Du har ikke adgang til dette kursus.", Text(refused), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<CourseStore>().CohortsAsync(ProjectId, None));
    }
}
