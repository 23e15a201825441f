using System.Text.Json.Nodes;
using Azure;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Course;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;
using PartnerHub.Tests.Shared;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Course;

/// <summary>Each course card as each person gets it: her language, only what CourseVisibility lets her see, the right refresh audience.</summary>
public sealed class CourseViewsTests
{
    private const string Project = "vollsmose";
    private const string CoordinatorId = "c0a1b2c3-0000-4000-8000-0000000000c1";
    private const string TeacherId = "7e0a1b2c-0000-4000-8000-0000000000e1";
    private const string OtherTeacherId = "7e0a1b2c-0000-4000-8000-0000000000e2";
    private const string AminaId = "a0a1b2c3-0000-4000-8000-0000000000a1";

    private static readonly CardCatalog Cards = CardCatalog.Load(Path.Combine(RepoPaths.Root, "cards"));

    // Monday 3 December 2029, 12:00 Copenhagen: 27 November is held, the rest to come.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2029, 12, 3, 11, 0, 0, TimeSpan.Zero));

    private CourseViews Views => new(Cards, _time);

    private static readonly CourseActor Coordinator = new(CoordinatorId, Project, CourseRole.Coordinator);
    private static readonly CourseActor Teacher = new(TeacherId, Project, CourseRole.Teacher);
    private static readonly CourseActor Amina = new(AminaId, Project, CourseRole.Participant);

    private static CoursePlan Plan() => new(
        "Hold forår", DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(19, 30), "Kvindecenteret",
        [
            new CourseSession("s01", new DateOnly(2029, 11, 27), "concept", false, CourseSessionState.Planned),
            new CourseSession("s02", new DateOnly(2030, 1, 8), "health", false, CourseSessionState.Planned),
            new CourseSession("s03", new DateOnly(2030, 1, 15), null, false, CourseSessionState.Planned),
            new CourseSession("s04", new DateOnly(2030, 1, 22), null, false, CourseSessionState.Planned),
            new CourseSession("s05", new DateOnly(2030, 1, 29), null, false, CourseSessionState.Planned),
            new CourseSession("s06", new DateOnly(2030, 2, 5), null, false, CourseSessionState.Cancelled),
        ],
        []);

    private static TeacherBooking Booking(string id, string sessionId, string teacherId, BookingState state)
    {
        var plan = Plan();
        var (start, end) = plan.TimesOf(plan.Find(sessionId)!)!.Value;
        return new TeacherBooking(id, Project, "hold-1", sessionId, teacherId, start, end, state, new DateTimeOffset(2029, 11, 28, 9, 0, 0, TimeSpan.Zero), 3)
        {
            GroupSize = 2,
            Note = "Holdet kender allerede sundhedsplejen.",
            RequestedBy = CoordinatorId,
        };
    }

    private static CourseCardData Data(IReadOnlyList<TeacherBooking>? bookings = null, AttendanceRegister? attendance = null)
    {
        var cohort = new Cohort("hold-1", Project, Plan(),
            [new CourseParticipant("p1", "Amina", AminaId), new CourseParticipant("p2", "Fatima")], 4);
        var members = new[]
        {
            new ProjectMember(CoordinatorId, Project, ProjectRole.Coordinator, null, "Karen"),
            new ProjectMember(TeacherId, Project, ProjectRole.Teacher, null, "Megan"),
            new ProjectMember(OtherTeacherId, Project, ProjectRole.Teacher, null, "Lars"),
        }.ToDictionary(m => m.ObjectId, StringComparer.Ordinal);
        return new CourseCardData(
            new Project(Project, "Bydelsmødre Vollsmose", "Odense", "Vollsmose Torv"),
            new StoredCohort(cohort, new ETag("1")),
            [.. (bookings ?? EveryState()).Select(b => new StoredBooking(b, new ETag("1")))],
            attendance ?? AttendanceRegister.Empty,
            CourseSettings.Default,
            members);
    }

    private static TeacherBooking[] EveryState() =>
    [
        Booking("b2", "s02", TeacherId, BookingState.Confirmed),
        Booking("b3", "s03", OtherTeacherId, BookingState.Requested),
        Booking("b4", "s04", TeacherId, BookingState.CounterProposed) with
        {
            Proposal = new CounterProposal(new DateOnly(2030, 1, 24), new DateTimeOffset(2030, 1, 24, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 24, 18, 30, 0, TimeSpan.Zero), true),
        },
        Booking("b5", "s05", OtherTeacherId, BookingState.Declined) with { DeclineReason = "Ferie" },
    ];

    private static string Json(JsonNode? card) => Text(card!);

    private static IEnumerable<JsonObject> Rows(JsonNode card) =>
        Walk(card).OfType<JsonObject>().Where(o => (string?)o["type"] == "Container" && o["separator"] is not null && Walk(o).OfType<JsonObject>().Any(c => (string?)c["type"] == "ColumnSet"));

    [Fact]
    public void The_plan_is_Danish_by_default_English_when_chosen_and_shows_each_sessions_state_badge()
    {
        var da = Views.Plan(Coordinator, Data(), "da", null, null)!;
        var en = Views.Plan(Coordinator, Data(), "en", null, null)!;

        CardAssert.Wellformed(da, "da");
        CardAssert.Wellformed(en, "en");
        Assert.Contains("Undervisningsgange", Json(da), StringComparison.Ordinal);
        Assert.Contains("Sessions", Json(en), StringComparison.Ordinal);
        Assert.Contains("tirsdag 8. januar 2030", Json(da), StringComparison.Ordinal);
        Assert.Contains("Tuesday 8 January 2030", Json(en), StringComparison.Ordinal);
        Assert.Contains("Hver tirsdag kl. 17.00–19.30", Json(da), StringComparison.Ordinal);
        // One row per session, in plan order, each with its badge: held, booked, awaiting, counter-proposed, open (declined), cancelled.
        var badges = Rows(da).Select(row => Walk(row).OfType<JsonObject>().Last(o => o["horizontalAlignment"] is not null)["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["Afholdt", "Booket", "Afventer svar", "Ny dato foreslået", "Åben", "Aflyst"], badges);
        var badgesEn = Rows(en).Select(row => Walk(row).OfType<JsonObject>().Last(o => o["horizontalAlignment"] is not null)["text"]!.GetValue<string>()).ToList();
        Assert.Equal(["Held", "Booked", "Awaiting answer", "New date proposed", "Open", "Cancelled"], badgesEn);
        // Booking is offered where the session is open, and the teacher list is the project's teachers.
        Assert.Single(Walk(da).OfType<JsonObject>(), o => (string?)o["id"] == "teacher-s05");
        Assert.DoesNotContain(Walk(da).OfType<JsonObject>(), o => (string?)o["id"] == "teacher-s02");
        Assert.True(HasAction(da, CourseVerbs.OpenAttendance));
    }

    [Fact]
    public void The_plan_is_the_coordinators_only()
    {
        Assert.Null(Views.Plan(Teacher, Data(), "da", null, null));
        Assert.Null(Views.Plan(Amina, Data(), "da", null, null));
        Assert.Null(Views.Plan(new CourseActor(CoordinatorId, "other-project", CourseRole.Coordinator), Data(), "da", null, null));
    }

    [Fact]
    public void A_teachers_booking_card_has_what_she_needs_to_teach_and_no_participants_name()
    {
        var booking = Booking("b3", "s03", TeacherId, BookingState.Requested);
        var data = Data([booking]);

        var da = Views.Booking(Teacher, data, booking, "da", null, null)!;
        var en = Views.Booking(Teacher, data, booking, "en", null, null)!;

        CardAssert.Wellformed(da, "da");
        CardAssert.Wellformed(en, "en");
        foreach (var card in new[] { da, en })
        {
            var json = Json(card);
            Assert.DoesNotContain("Amina", json, StringComparison.Ordinal);
            Assert.DoesNotContain("Fatima", json, StringComparison.Ordinal);
            Assert.Contains("Holdet kender allerede sundhedsplejen.", json, StringComparison.Ordinal);
            Assert.True(HasAction(card, CourseVerbs.Accept) && HasAction(card, CourseVerbs.Decline) && HasAction(card, CourseVerbs.ProposeDate));
        }

        Assert.Contains("2 kvinder", Json(da), StringComparison.Ordinal);
        Assert.Contains("tirsdag 15. januar 2030", Json(da), StringComparison.Ordinal);
        Assert.Contains("17.00–19.30", Json(da), StringComparison.Ordinal);
        Assert.Contains("2 women", Json(en), StringComparison.Ordinal);
        Assert.Contains("Tuesday 15 January 2030", Json(en), StringComparison.Ordinal);
        Assert.Equal("3", (string?)ActionData(da, CourseVerbs.Accept)["version"]?.ToString());
        // Another teacher's booking is not hers to see.
        Assert.Null(Views.Booking(new CourseActor(OtherTeacherId, Project, CourseRole.Teacher), data, booking, "da", null, null));
    }

    [Fact]
    public void After_answering_the_teacher_sees_her_answer_and_its_state_without_the_buttons()
    {
        var proposed = Booking("b4", "s04", TeacherId, BookingState.CounterProposed) with
        {
            Proposal = new CounterProposal(new DateOnly(2030, 1, 24), new DateTimeOffset(2030, 1, 24, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2030, 1, 24, 18, 30, 0, TimeSpan.Zero), true),
        };

        var card = Views.Booking(Teacher, Data([proposed]), proposed, "da", "Tak for dit svar.", null)!;

        CardAssert.Wellformed(card, "da");
        Assert.False(HasAction(card, CourseVerbs.Accept));
        Assert.Contains("Du har foreslået torsdag 24. januar 2030.", Json(card), StringComparison.Ordinal);
        Assert.Contains("Ny dato foreslået", Json(card), StringComparison.Ordinal);
        Assert.Contains("Tak for dit svar.", Json(card), StringComparison.Ordinal);
    }

    [Fact]
    public void A_participants_card_shows_the_plan_and_only_her_own_marks()
    {
        var attendance = new AttendanceRegister(
        [
            new AttendanceEntry("p1", "s01", AttendanceMark.Present),
            new AttendanceEntry("p2", "s01", AttendanceMark.Excused),
        ]);

        var da = Views.Participant(Amina, Data(attendance: attendance), "da", null, null, ["29:amina"])!;
        var en = Views.Participant(Amina, Data(attendance: attendance), "en", null, null, null)!;

        CardAssert.Wellformed(da, "da");
        CardAssert.Wellformed(en, "en");
        var json = Json(da);
        Assert.DoesNotContain("Fatima", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Meldt afbud", json, StringComparison.Ordinal);
        Assert.DoesNotContain("Megan", json, StringComparison.Ordinal);
        Assert.Contains("Du har været der 1 af 1 gange.", json, StringComparison.Ordinal);
        var marks = Walk(da).OfType<JsonObject>().Where(o => o["horizontalAlignment"] is not null).Select(o => (string?)o["text"]).ToList();
        Assert.Equal(["Mødt", "Aflyst"], marks);
        Assert.Contains("You have been there 1 of 1 times.", Json(en), StringComparison.Ordinal);
        // Fatima's view would be hers, but she has no account: no one sees the card as her.
        Assert.Null(Views.Participant(new CourseActor("f0a1b2c3-0000-4000-8000-0000000000f2", Project, CourseRole.Participant), Data(attendance: attendance), "da", null, null, null));
        Assert.Null(Views.Participant(Teacher, Data(attendance: attendance), "da", null, null, null));
    }

    [Fact]
    public void The_coordinators_attendance_card_lists_every_participant_with_her_mark_and_a_teacher_gets_none()
    {
        var attendance = new AttendanceRegister([new AttendanceEntry("p2", "s01", AttendanceMark.Excused)]);

        var card = Views.Attendance(Coordinator, Data(attendance: attendance), "s01", "en")!;

        CardAssert.Wellformed(card, "en");
        var inputs = Walk(card).OfType<JsonObject>().Where(o => (string?)o["type"] == "Input.ChoiceSet").ToList();
        Assert.Equal(["mark-p1", "mark-p2"], inputs.Select(i => (string?)i["id"]));
        Assert.Equal(["Amina", "Fatima"], inputs.Select(i => (string?)i["label"]));
        Assert.Equal(["", "Excused"], inputs.Select(i => (string?)i["value"]));
        Assert.Contains("Save attendance", Json(card), StringComparison.Ordinal);
        Assert.Null(Views.Attendance(Teacher, Data(attendance: attendance), "s01", "da"));
    }

    [Fact]
    public void The_cohort_form_puts_each_error_beside_its_field_in_her_language()
    {
        var input = new CohortFormInput { Name = "Hold forår", StartDate = "2030-01-09", Weekday = "Tuesday", StartTime = "17:00", EndTime = "16:00", Place = "Kvindecenteret", Weeks = "40" };
        var (_, errors) = CohortForm.Validate(input, _time.GetUtcNow());

        var da = Views.Form(Project, "req-1", "da", input, errors);
        var en = Views.Form(Project, "req-1", "en", input, errors);

        CardAssert.Wellformed(da, "da");
        CardAssert.Wellformed(en, "en");
        string ErrorAfter(JsonNode card, string id)
        {
            var body = card["body"]!.AsArray().SelectMany(Walk).OfType<JsonObject>().ToList();
            var index = body.FindIndex(o => (string?)o["id"] == id);
            return body.Skip(index + 1).First(o => (string?)o["color"] == "Attention")["text"]!.GetValue<string>();
        }

        Assert.Equal("Startdatoen skal ligge på kursets ugedag.", ErrorAfter(da, "startDate"));
        Assert.Equal("Undervisningen skal slutte, efter at den er begyndt.", ErrorAfter(da, "endTime"));
        Assert.Equal("Skriv et antal uger mellem 1 og 30.", ErrorAfter(da, "weeks"));
        Assert.Equal(Cards.Text("en", "course.formErrors.weeksOutOfRange"), ErrorAfter(en, "weeks"));
        Assert.Equal("Tuesday", (string?)Walk(en).OfType<JsonObject>().First(o => (string?)o["id"] == "weekday")["value"]);
    }

    [Fact]
    public void The_coordinator_gets_the_counter_proposal_with_both_dates_and_once_decided_only_where_it_stands()
    {
        var booking = EveryState()[2];

        var da = Views.CoordinatorBooking(Coordinator, Data([booking]), booking, "da", null, ["29:coordinator"])!;
        var en = Views.CoordinatorBooking(Coordinator, Data([booking]), booking, "en", null, null)!;
        var decided = booking with { State = BookingState.Confirmed };
        var after = Views.CoordinatorBooking(Coordinator, Data([decided]), decided, "da", null, null)!;

        CardAssert.Wellformed(da, "da");
        CardAssert.Wellformed(en, "en");
        Assert.Contains("Megan kan ikke den planlagte dato", Json(da), StringComparison.Ordinal);
        Assert.Contains("tirsdag 22. januar 2030", Json(da), StringComparison.Ordinal);
        Assert.Contains("torsdag 24. januar 2030", Json(da), StringComparison.Ordinal);
        Assert.Contains("Thursday 24 January 2030", Json(en), StringComparison.Ordinal);
        Assert.True(HasAction(da, CourseVerbs.AcceptProposal) && HasAction(da, CourseVerbs.ReplaceTeacher));
        // Another teacher to pick: not the one who proposed.
        var teachers = Walk(da).OfType<JsonObject>().First(o => (string?)o["id"] == "teacher")["choices"]!.AsArray();
        Assert.Equal(["Lars"], teachers.Select(c => (string?)c!["title"]));
        Assert.False(HasAction(after, CourseVerbs.AcceptProposal));
        Assert.Contains("Booket", Json(after), StringComparison.Ordinal);
        Assert.Null(Views.CoordinatorBooking(Teacher, Data([booking]), booking, "da", null, null));
    }

    [Fact]
    public void A_teachers_reminder_and_the_coordinators_unanswered_card_are_in_their_language()
    {
        var booking = Booking("b3", "s03", TeacherId, BookingState.Requested) with { RemindedAt = new DateTimeOffset(2029, 12, 1, 9, 0, 0, TimeSpan.Zero) };

        var reminder = Views.Reminder(Teacher, Data([booking]), booking, "en")!;
        var unanswered = Views.CoordinatorBooking(Coordinator, Data([booking]), booking, "da", null, null)!;

        CardAssert.Wellformed(reminder, "en");
        CardAssert.Wellformed(unanswered, "da");
        Assert.Contains("Reminder", Json(reminder), StringComparison.Ordinal);
        Assert.Contains("Wednesday 28 November 2029", Json(reminder), StringComparison.Ordinal);
        Assert.True(HasAction(reminder, CourseVerbs.Accept));
        Assert.DoesNotContain("Amina", Json(reminder), StringComparison.Ordinal);
        Assert.Contains("Megan har ikke svaret", Json(unanswered), StringComparison.Ordinal);
        Assert.Contains("lørdag 1. december 2029", Json(unanswered), StringComparison.Ordinal);
        Assert.True(HasAction(unanswered, CourseVerbs.ReplaceTeacher));
    }

    [Fact]
    public void My_bookings_lists_only_her_own_from_every_project()
    {
        var mine = Booking("b2", "s02", TeacherId, BookingState.Confirmed);
        var theirs = Booking("b3", "s03", OtherTeacherId, BookingState.Requested);
        var data = Data([mine, theirs]);

        var da = Views.MyBookings(TeacherId, [new TeacherBookingEntry(mine, data), new TeacherBookingEntry(theirs, data)], "da");
        var en = Views.MyBookings(TeacherId, [new TeacherBookingEntry(mine, data), new TeacherBookingEntry(theirs, data)], "en");

        CardAssert.Wellformed(da, "da");
        CardAssert.Wellformed(en, "en");
        var opens = Walk(da).OfType<JsonObject>().Where(o => (string?)o["verb"] == CourseVerbs.OpenBooking).ToList();
        Assert.Equal(["b2"], opens.Select(o => (string?)o["data"]!["bookingId"]));
        Assert.Contains("Bydelsmødre Vollsmose", Json(da), StringComparison.Ordinal);
        Assert.Contains("Bekræftet", Json(da), StringComparison.Ordinal);
        Assert.Contains("My bookings", Json(en), StringComparison.Ordinal);
    }

    [Fact]
    public void The_certificates_card_shows_each_womans_standing_her_link_and_the_buttons_to_the_coordinator_only()
    {
        var attendance = new AttendanceRegister([new AttendanceEntry("p1", "s01", AttendanceMark.Present), new AttendanceEntry("p2", "s01", AttendanceMark.Absent)]);
        var data = Data(attendance: attendance);
        IssuedCertificate[] issued = [new(Project, "hold-1", "p1", "item-1", "https://sharepoint.example/bevis-hold-1-p1.pdf", _time.GetUtcNow(), CoordinatorId, "Karen")];

        var da = Views.Certificates(Coordinator, data, issued, "da", null, ["29:coordinator"])!;
        var en = Views.Certificates(Coordinator, data, issued, "en", null, null)!;

        CardAssert.Wellformed(da, "da");
        CardAssert.Wellformed(en, "en");
        Assert.Contains("Gennemført betyder mødt til mindst 75 % af de afholdte undervisningsgange.", Json(da), StringComparison.Ordinal);
        Assert.Contains("Mødt 1 af 1 gange", Json(da), StringComparison.Ordinal);
        Assert.Contains("Mødt 0 af 1 gange", Json(da), StringComparison.Ordinal);
        Assert.Contains("Present 1 of 1 times", Json(en), StringComparison.Ordinal);
        var links = Walk(da).OfType<JsonObject>().Where(o => (string?)o["type"] == "Action.OpenUrl").ToList();
        Assert.Equal(["https://sharepoint.example/bevis-hold-1-p1.pdf"], links.Select(l => (string?)l["url"]));
        Assert.Equal("Åbn bevis: Amina", (string?)links[0]["tooltip"]);
        // Amina completed and has an account: she can be made a mother; Fatima did not complete.
        var makes = Walk(da).OfType<JsonObject>().Where(o => (string?)o["verb"] == CourseVerbs.MakeMother).ToList();
        Assert.Equal(["p1"], makes.Select(m => (string?)m["data"]!["participantId"]));
        Assert.Equal("4", ActionData(da, CourseVerbs.IssueCertificates)["version"]!.ToString());
        Assert.Equal("Udsted beviser", (string?)Walk(da).OfType<JsonObject>().First(o => (string?)o["verb"] == CourseVerbs.IssueCertificates)["title"]);
        Assert.Equal(CourseCertificateActions.View, (string?)da["refresh"]!["action"]!["data"]!["view"]);

        // Once she is a neighbourhood mother: "Bydelsmor" instead of the button.
        var members = new Dictionary<string, ProjectMember>(data.Members, StringComparer.Ordinal) { [AminaId] = new(AminaId, Project, ProjectRole.NeighbourhoodMother, null, "Amina") };
        var mother = Views.Certificates(Coordinator, data with { Members = members }, issued, "da", null, null)!;
        Assert.False(HasAction(mother, CourseVerbs.MakeMother));
        Assert.Contains("\"Bydelsmor\"", Json(mother), StringComparison.Ordinal);

        // Nobody completed: no issue button. A teacher or a participant gets no such card.
        var none = Views.Certificates(Coordinator, Data(), [], "da", null, null)!;
        Assert.False(HasAction(none, CourseVerbs.IssueCertificates));
        Assert.Null(Views.Certificates(Teacher, data, issued, "da", null, null));
        Assert.Null(Views.Certificates(Amina, data, issued, "da", null, null));
    }

    [Fact]
    public void The_plan_opens_the_certificates_card()
    {
        var plan = Views.Plan(Coordinator, Data(), "da", null, null)!;

        Assert.Equal("hold-1", (string?)ActionData(plan, CourseVerbs.OpenCertificates)["cohortId"]);
        Assert.Equal("Beviser", (string?)Walk(plan).OfType<JsonObject>().First(o => (string?)o["verb"] == CourseVerbs.OpenCertificates)["title"]);
    }

    [Fact]
    public void Refresh_user_ids_are_the_people_who_may_see_each_card()
    {
        var plan = Views.Plan(Coordinator, Data(), "da", null, ["29:coordinator"])!;
        Assert.Equal(["29:coordinator"], plan["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        Assert.Null(Views.Plan(Coordinator, Data(), "da", null, null)!["refresh"]);

        // A booking's cards live with the teacher and the coordinator: each card refreshes for its own side only.
        var booking = Booking("b3", "s03", TeacherId, BookingState.Requested);
        CardLocation[] shown =
        [
            new(TeacherId, "29:teacher", "https://smba.example/", "a:teacher", "m1"),
            new(CoordinatorId, "29:coordinator", "https://smba.example/", "a:coordinator", "m2"),
        ];
        var teacherAudience = CourseCards.BookingAudience(new Actor(TeacherId, Project, ProjectRole.Teacher, null), booking, shown);
        var coordinatorAudience = CourseCards.BookingAudience(new Actor(CoordinatorId, Project, ProjectRole.Coordinator, null), booking, shown);
        Assert.Equal(["29:teacher"], teacherAudience);
        Assert.Equal(["29:coordinator"], coordinatorAudience);
        var card = Views.Booking(Teacher, Data([booking]), booking, "da", null, teacherAudience)!;
        Assert.Equal(["29:teacher"], card["refresh"]!["userIds"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("booking", (string?)card["refresh"]!["action"]!["data"]!["view"]);
    }
}
