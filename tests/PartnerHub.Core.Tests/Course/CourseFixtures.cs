using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

/// <summary>Shared cohorts, people and bookings for the course tests. Plain values, no I/O.</summary>
internal static class CourseFixtures
{
    public const string Project = "vollsmose";
    public const string OtherProject = "gellerup";
    public const string CohortId = "hold-2026-1";
    public const string CoordinatorId = "coord-1";
    public const string TeacherId = "teacher-sundhed";
    public const string OtherTeacherId = "teacher-familie";

    /// <summary>Copenhagen's Tuesday 1 December 2026, 12:00 (CET).</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.FromHours(1));

    public static readonly DateOnly Today = new(2026, 12, 1);

    public static CourseActor Coordinator => new(CoordinatorId, Project, CourseRole.Coordinator);

    public static CourseActor BookedTeacher => new(TeacherId, Project, CourseRole.Teacher);

    public static CourseActor OtherTeacher => new(OtherTeacherId, Project, CourseRole.Teacher);

    public static CourseActor Mother => new("mother-amina", Project, CourseRole.NeighbourhoodMother);

    public static CourseActor Partner => new("staff-kita-1", Project, CourseRole.PartnerStaff);

    public static readonly CourseParticipant Aase = new("p1", "Åse Ørsted", "obj-aase");
    public static readonly CourseParticipant Leila = new("p2", "Leila Haddad", "obj-leila");

    public static CourseActor Participant => CourseActor.ForParticipant(Aase, Project);

    /// <summary>The Vollsmose cohort: Tuesdays 17:00-19:30 from 5 January 2027, 16 weeks.</summary>
    public static ValidCohortForm Form(DateOnly? start = null, int weeks = 16, DayOfWeek? weekday = null)
    {
        var date = start ?? new DateOnly(2027, 1, 5);
        return new ValidCohortForm("Vollsmose hold 1", date, weekday ?? date.DayOfWeek, new TimeOnly(17, 0), new TimeOnly(19, 30), "Vollsmose Kulturhus", weeks);
    }

    /// <summary>Odense-like school holidays for 2026/27.</summary>
    public static SchoolHolidayCalendar SchoolHolidays => new(
    [
        new SchoolHoliday(SchoolHolidayKind.Christmas, new DateOnly(2026, 12, 19), new DateOnly(2027, 1, 3)),
        new SchoolHoliday(SchoolHolidayKind.Winter, new DateOnly(2027, 2, 13), new DateOnly(2027, 2, 21)),
        new SchoolHoliday(SchoolHolidayKind.Easter, new DateOnly(2027, 3, 20), new DateOnly(2027, 3, 29)),
        new SchoolHoliday(SchoolHolidayKind.Summer, new DateOnly(2027, 6, 26), new DateOnly(2027, 8, 8)),
        new SchoolHoliday(SchoolHolidayKind.Autumn, new DateOnly(2027, 10, 16), new DateOnly(2027, 10, 24)),
    ]);

    public static CoursePlan Plan(int weeks = 16) => PlanGenerator.Generate(Form(weeks: weeks), ThemeCatalogue.Default, SchoolHolidays);

    public static BookingContext Context(CoursePlan? plan = null, IReadOnlyCollection<TeacherBooking>? teacherConfirmed = null, IReadOnlyCollection<TeacherBooking>? sessionConfirmed = null) =>
        new(teacherConfirmed ?? [], sessionConfirmed ?? [], plan ?? Plan(), SchoolHolidays);

    /// <summary>A request to the health visitor for session s04 (Tuesday 26 January 2027, 17:00-19:30).</summary>
    public static TeacherBooking Requested(CoursePlan? plan = null, string sessionId = "s04")
    {
        var result = BookingWorkflow.Request(Coordinator, "b1", CohortId, sessionId, TeacherId, "Tag gerne materialer med.", 12, Context(plan), Now);
        return result.Booking!;
    }

    public static TeacherBooking InState(BookingState state)
    {
        var requested = Requested();
        return state switch
        {
            BookingState.Requested => requested,
            BookingState.CounterProposed => BookingWorkflow.Apply(requested, BookedTeacher, new ProposeDate("2027-05-11", null), Context(), Now).Booking!,
            BookingState.Confirmed => BookingWorkflow.Apply(requested, BookedTeacher, new AcceptBooking(), Context(), Now).Booking!,
            BookingState.Declined => BookingWorkflow.Apply(requested, BookedTeacher, new DeclineBooking("Syg"), Context(), Now).Booking!,
            BookingState.Replaced => BookingWorkflow.Apply(requested, Coordinator, new ReplaceTeacher(), Context(), Now).Booking!,
            _ => BookingWorkflow.Apply(requested, Coordinator, new CancelBooking(), Context(), Now).Booking!,
        };
    }
}
