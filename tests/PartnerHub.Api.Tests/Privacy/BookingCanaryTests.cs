using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Api.Course;
using PartnerHub.Api.Tests.Course;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using Xunit.Abstractions;
using static PartnerHub.Api.Tests.Course.CourseWorkflowScenario;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// The course with canaries in what the coordinator and the teacher type: the cohort's name and place, the women's
/// names, the note to the teacher and the teacher's reason for saying no. Planned, staffed, booked and declined through
/// /api/messages and the outbox. One host of its own: the story moves the clock and the watch reads every log line.
/// </summary>
public sealed class BookingCanaryTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ITestOutputHelper _output;
    private readonly CanaryWatch _watch = new();
    private readonly CourseWorkflowScenario _course = new();
    private readonly int _year = DateTimeOffset.UtcNow.Year + 1;

    public BookingCanaryTests(ITestOutputHelper output) => _output = output;

    public async Task InitializeAsync()
    {
        await _course.SeedAsync();
        _course.Clock.SetUtcNow(new DateTimeOffset(_year, 1, 11, 8, 0, 0, TimeSpan.Zero));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _watch.Dispose();
        _course.Dispose();
    }

    [Fact]
    public async Task A_booking_requested_with_a_note_and_declined_with_a_reason_leaves_no_personal_text_behind()
    {
        var cohortName = _watch.New("cohort name");
        var place = _watch.New("cohort place");
        var woman = _watch.New("participant name");
        var note = _watch.New("note to the teacher");
        var reason = _watch.New("decline reason");

        var (form, formId) = await _course.SayAsync(Coordinator, "kursus");
        var submit = ActionData(form, CourseVerbs.Create);
        var march = new DateOnly(_year, 3, 1);
        submit[CohortForm.Fields.Name] = cohortName;
        submit[CohortForm.Fields.StartDate] = march.AddDays(((int)DayOfWeek.Monday - (int)march.DayOfWeek + 7) % 7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        submit[CohortForm.Fields.Weekday] = nameof(DayOfWeek.Monday);
        submit[CohortForm.Fields.StartTime] = "17:00";
        submit[CohortForm.Fields.EndTime] = "19:30";
        submit[CohortForm.Fields.Place] = place;
        submit[CohortForm.Fields.Weeks] = "8";
        Assert.Contains("Det er gemt.", Text(await _course.ActAsync(Coordinator, CourseVerbs.Create, submit, formId)), StringComparison.Ordinal);

        // The women are put on the list through CourseService, as the tab and REST do.
        var karen = new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null);
        var cohort = Assert.Single(await _course.Get<CourseStore>().CohortsAsync(ProjectId, None)).Cohort;
        var added = await _course.Get<CourseService>().AddParticipantAsync(karen, cohort.Id, cohort.Version, new ParticipantInput(woman, null), null, None);
        Assert.Equal(ChangeOutcome.Changed, added.Outcome);
        await _course.DeliverAllAsync();

        var (plan, planId) = await _course.SayAsync(Coordinator, "kursus");
        var week = await _course.ActAsync(Coordinator, CourseVerbs.OpenSession, RowAction(plan, CourseVerbs.OpenSession, "s03"), planId);
        var request = ActionData(week, CourseVerbs.RequestBooking);
        request[CourseVerbs.RowInput("teacher", "s03")] = Teacher.ObjectId;
        request[CourseVerbs.RowInput("note", "s03")] = note;
        Assert.Contains("Forespørgslen er sendt til underviseren.", Text(await _course.ActAsync(Coordinator, CourseVerbs.RequestBooking, request, planId)), StringComparison.Ordinal);
        await _course.DeliverAllAsync();

        var teachers = _course.SentTo(Teacher).Last(s => s.Method == "POST");
        Assert.Contains(note, Text(teachers.Card!), StringComparison.Ordinal);
        var decline = ActionData(teachers.Card!, CourseVerbs.Decline);
        decline["reason"] = reason;
        await _course.ActAsync(Teacher, CourseVerbs.Decline, decline, teachers.ActivityId!);
        await _course.DeliverAllAsync();

        // The reason was taken and stored (where it belongs), so its absence below means something.
        var booking = (await _course.Get<CourseStore>().FindBookingAsync(ProjectId, cohort.Id, (string)decline["bookingId"]!, None))!.Booking;
        Assert.Equal((BookingState.Declined, reason), (booking.State, booking.DeclineReason));
        _watch.CheckTelemetry(_course.Host.Logs);
        _watch.CheckRequestedUrls("Graph", _course.Graph.Server);
        _watch.CheckRequestedUrls("Connector", _course.Host.Connector);
        await _watch.CheckOutboxAsync(_course.Host.Tables, ProjectId);
        _watch.AssertNoneLeaked(_output);
    }

    /// <summary>The data of a plan row's button (one card holds every row: the row is told by its session id).</summary>
    private static JsonObject RowAction(JsonObject plan, string verb, string sessionId) =>
        Walk(plan).OfType<JsonObject>()
            .Where(o => (string?)o["type"] == "Action.Execute" && (string?)o["verb"] == verb && (string?)o["data"]?["sessionId"] == sessionId)
            .Select(o => o["data"]!.DeepClone().AsObject())
            .Single();
}
