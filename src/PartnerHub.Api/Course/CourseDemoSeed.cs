using System.Globalization;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// The demo's course in Vollsmose, made through the real rules at the times a coordinator would have acted: a finished
/// cohort (attendance, one certificate issued through the outbox) and a running one whose plan has bookings in every
/// state. Names are invented; participants have no accounts.
/// </summary>
public sealed class CourseDemoSeed(CourseStore courses, CourseSettingsStore settings, OutboxWriter outbox) : IDemoSeed
{
    public const string FinishedCohortId = "hold-1";
    public const string RunningCohortId = "hold-2";

    private static readonly CourseActor Coordinator = CourseActor.From(Actor.From(DemoData.Coordinator));

    public int Order => 30;

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seeded = 0;
        if ((await settings.GetAsync(DemoData.Vollsmose.Id, cancellationToken)).ETag is null)
        {
            await settings.SaveAsync(DemoData.Vollsmose.Id, Settings, null, DemoData.Coordinator.ObjectId, cancellationToken);
            seeded++;
        }

        foreach (var demo in Cohorts(now))
        {
            if (await courses.FindCohortAsync(demo.Cohort.ProjectId, demo.Cohort.Id, cancellationToken) is not null)
            {
                continue;
            }

            await SeedAsync(demo, now, cancellationToken);
            seeded++;
        }

        return seeded;
    }

    /// <summary>Odense's school holidays for the school years the demo spans (autumn, Christmas, winter, Easter, summer).</summary>
    public static CourseSettings Settings => CourseSettings.Default with
    {
        SchoolHolidays = new SchoolHolidayCalendar(
        [
            new(SchoolHolidayKind.Easter, new DateOnly(2026, 3, 28), new DateOnly(2026, 4, 6)),
            new(SchoolHolidayKind.Summer, new DateOnly(2026, 6, 27), new DateOnly(2026, 8, 9)),
            new(SchoolHolidayKind.Autumn, new DateOnly(2026, 10, 10), new DateOnly(2026, 10, 18)),
            new(SchoolHolidayKind.Christmas, new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 3)),
            new(SchoolHolidayKind.Winter, new DateOnly(2027, 2, 13), new DateOnly(2027, 2, 21)),
            new(SchoolHolidayKind.Easter, new DateOnly(2027, 3, 20), new DateOnly(2027, 3, 29)),
            new(SchoolHolidayKind.Summer, new DateOnly(2027, 6, 26), new DateOnly(2027, 8, 8)),
        ]),
    };

    /// <summary>A cohort as planned, the marks of its held sessions, and its bookings' stories.</summary>
    public sealed record DemoCohort(Cohort Cohort, DateTimeOffset PlannedAt, IReadOnlyList<(string SessionId, IReadOnlyDictionary<string, AttendanceMark> Marks)> Attendance, IReadOnlyList<DemoBooking> Bookings, IReadOnlyList<string> Certificates);

    /// <summary>A booking's steps: who did what, when.</summary>
    public sealed record DemoBooking(string Id, string SessionId, ProjectMember Teacher, string? Note, DateTimeOffset RequestedAt, IReadOnlyList<(BookingCommand Command, bool ByTeacher, DateTimeOffset At)> Steps);

    public static IReadOnlyList<DemoCohort> Cohorts(DateTimeOffset now)
    {
        var today = CopenhagenTime.DateOf(now);
        return [Finished(today), Running(today)];
    }

    // Started about eight months ago on a Tuesday, fourteen sessions, all held: two of four completed, one certificate issued.
    private static DemoCohort Finished(DateOnly today)
    {
        var start = TuesdayOnOrBefore(today.AddDays(-7 * 36));
        var plannedAt = At(start.AddDays(-21), 10);
        var participants = Women("Amina", "Samira", "Nasrin", "Hodan");
        var cohort = NewCohort(FinishedCohortId, start, 14, participants, plannedAt);
        var held = cohort.Plan.Counting.Where(s => s.Date < today).ToList();
        var attendance = held.Select((s, i) => (SessionId: s.Id, Marks: (IReadOnlyDictionary<string, AttendanceMark>)Marks(participants, p => p.Name switch
        {
            "Amina" => AttendanceMark.Present,
            "Samira" => i % 7 == 3 ? AttendanceMark.Absent : AttendanceMark.Present,
            "Nasrin" => i % 2 == 0 ? AttendanceMark.Present : AttendanceMark.Absent,
            _ => i < 5 ? AttendanceMark.Present : AttendanceMark.Excused,
        }))).ToList();
        return new DemoCohort(cohort, plannedAt, attendance, [], [participants[0].Id]);
    }

    // Started about ten weeks ago, eighteen sessions: the held ones have attendance, the next ones bookings in every state.
    private static DemoCohort Running(DateOnly today)
    {
        var start = TuesdayOnOrBefore(today.AddDays(-7 * 10));
        var plannedAt = At(start.AddDays(-14), 10);
        var participants = Women("Fatma", "Leyla", "Ayan", "Rukia", "Zainab");
        var cohort = NewCohort(RunningCohortId, start, 18, participants, plannedAt);
        var sessions = cohort.Plan.Counting.ToList();
        var held = sessions.Where(s => s.Date < today).ToList();
        var next = sessions.Where(s => s.Date >= today.AddDays(1)).ToList();
        var attendance = held.Select((s, i) => (SessionId: s.Id, Marks: (IReadOnlyDictionary<string, AttendanceMark>)Marks(participants, p => (p.Name, i % 4) switch
        {
            ("Leyla", 1) => AttendanceMark.Absent,
            ("Rukia", 2) => AttendanceMark.Excused,
            _ => AttendanceMark.Present,
        }))).ToList();

        var lidia = DemoData.TeacherLidia;
        var johanna = DemoData.TeacherJohanna;
        var asked = At(today.AddDays(-4), 9);
        List<DemoBooking> bookings =
        [
            new("b-held", held[1].Id, johanna, "Vi tager udgangspunkt i kvindernes egne spørgsmål.", plannedAt, [(new AcceptBooking(), true, plannedAt.AddDays(1))]),
            new("b-confirmed", next[0].Id, lidia, "Medbring gerne materialer om kost til småbørn.", asked, [(new AcceptBooking(), true, asked.AddDays(1))]),
            new("b-requested", next[1].Id, johanna, null, asked, []),
            new("b-proposed", next[2].Id, johanna, null, asked, [(new ProposeDate(OtherDay(cohort.Plan, next[2].Date), "true"), true, asked.AddDays(2))]),
            new("b-declined", next[3].Id, lidia, null, asked, [(new DeclineBooking("Jeg er på efteruddannelse den uge."), true, asked.AddDays(1))]),
            new("b-replaced", next[4].Id, johanna, null, asked, [(new ReplaceTeacher(), false, asked.AddDays(2))]),
            new("b-replacement", next[4].Id, lidia, null, asked.AddDays(2), []),
            new("b-cancelled", next[5].Id, lidia, null, asked, [(new CancelBooking(), false, asked.AddDays(1))]),
        ];
        return new DemoCohort(cohort, plannedAt, attendance, bookings, []);
    }

    private async Task SeedAsync(DemoCohort demo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cohort = demo.Cohort;
        var certificates = demo.Certificates.Select(id => outbox.Create(cohort.ProjectId, CourseNotifications.Certificate(cohort.Id, id, DemoData.Coordinator.ObjectId)));
        await courses.CreateCohortAsync(cohort, Change("create", cohort.Id, cohort), certificates, cancellationToken);
        foreach (var (sessionId, marks) in demo.Attendance)
        {
            var before = await courses.AttendanceAsync(cohort.ProjectId, cohort.Id, cancellationToken);
            var (after, errors) = before.Register.Record(cohort.Plan, cohort.Participants, sessionId, marks, CopenhagenTime.DateOf(now));
            DemoForms.ThrowOn(errors, "attendance " + sessionId);
            await courses.RecordAttendanceAsync(cohort.ProjectId, cohort.Id, sessionId, before, after!, Change("attendance", cohort.Id + sessionId, marks), cancellationToken);
        }

        foreach (var booking in demo.Bookings)
        {
            await SeedAsync(cohort, booking, cancellationToken);
        }
    }

    private async Task SeedAsync(Cohort cohort, DemoBooking demo, CancellationToken cancellationToken)
    {
        var context = new BookingContext([], [], cohort.Plan, Settings.SchoolHolidays);
        var requested = BookingWorkflow.Request(Coordinator, demo.Id, cohort.Id, demo.SessionId, demo.Teacher.ObjectId, demo.Note, cohort.Participants.Count, context, demo.RequestedAt);
        DemoForms.ThrowOn(requested.Errors, "booking " + demo.Id + " " + requested.Error);
        await Write(courses.RequestBookingAsync(requested.Booking!, Change("request", demo.Id, demo.SessionId), [], cancellationToken), demo.Id);
        foreach (var (command, byTeacher, at) in demo.Steps)
        {
            var before = await courses.FindBookingAsync(cohort.ProjectId, cohort.Id, demo.Id, cancellationToken) ?? throw DemoForms.Invalid("booking", demo.Id, "missing");
            var actor = byTeacher ? CourseActor.From(Actor.From(demo.Teacher)) : Coordinator;
            var result = BookingWorkflow.Apply(before.Booking, actor, command, context, at);
            DemoForms.ThrowOn(result.Errors, "booking " + demo.Id + " " + result.Error);
            await Write(courses.ChangeBookingAsync(before, result.Booking!, Change(command.Action.ToString(), demo.Id, command), [], cancellationToken), demo.Id);
        }
    }

    private static async Task Write(Task<CourseWrite> write, string what)
    {
        var outcome = (await write).Outcome;
        if (outcome is not (ChangeOutcome.Changed or ChangeOutcome.Duplicate))
        {
            throw DemoForms.Invalid("booking", what, outcome.ToString());
        }
    }

    private static Cohort NewCohort(string id, DateOnly start, int weeks, IReadOnlyList<CourseParticipant> participants, DateTimeOffset plannedAt)
    {
        var form = DemoForms.Valid(CohortForm.Validate(
            new CohortFormInput
            {
                Name = "Hold " + CopenhagenDates.MonthYear(start, Languages.Danish),
                StartDate = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                Weekday = DayOfWeek.Tuesday.ToString(),
                StartTime = "17:00",
                EndTime = "19:30",
                Place = "Bydelsmødrenes lokale, Vollsmose Torv",
                Weeks = weeks.ToString(CultureInfo.InvariantCulture),
            },
            plannedAt));
        var plan = PlanGenerator.Generate(form, ThemeCatalogue.Default, Settings.SchoolHolidays);
        return new Cohort(id, DemoData.Vollsmose.Id, plan, participants, 1);
    }

    private static CourseChange Change(string action, string record, object command) =>
        new(DemoData.Coordinator.ObjectId, action, ChangeFingerprint.Of(DemoData.Coordinator.ObjectId, "demo|" + record, null, action, command));

    private static List<CourseParticipant> Women(params string[] names) =>
        [.. names.Select((name, i) => new CourseParticipant("p" + (i + 1).ToString("00", CultureInfo.InvariantCulture), name))];

    private static Dictionary<string, AttendanceMark> Marks(IEnumerable<CourseParticipant> participants, Func<CourseParticipant, AttendanceMark> mark) =>
        participants.ToDictionary(p => p.Id, mark, StringComparer.Ordinal);

    private static DateOnly TuesdayOnOrBefore(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek - (int)DayOfWeek.Tuesday + 7) % 7));

    // A day in the week after the session that the plan leaves free and no holiday takes: she offers another weekday.
    private static string OtherDay(CoursePlan plan, DateOnly session) => Enumerable.Range(1, 13)
        .Select(session.AddDays)
        .First(d => PlanGenerator.ReasonToSkip(d, plan.StartTime, plan.EndTime, Settings.SchoolHolidays) is null && plan.Counting.All(s => s.Date != d))
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset At(DateOnly date, int hour) => CopenhagenTime.FromLocal(date, new TimeOnly(hour, 0))!.Value;
}
