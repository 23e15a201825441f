namespace PartnerHub.Api.Course;

/// <summary>
/// The Action.Execute verbs of the course cards (cards/course-*.card.json). Their data carries ids, the version
/// read and the card's language, never anything personal; the inputs beside them are the person's answer.
/// </summary>
public static class CourseVerbs
{
    /// <summary>A course card's refresh (refresh.userIds); <c>view</c> in its data says which card.</summary>
    public const string Refresh = "course.refresh";

    public const string OpenPlan = "course.plan.open";

    /// <summary>The cohort form's submit (inputs name, startDate, weekday, startTime, endTime, place, weeks).</summary>
    public const string Create = "course.create";

    /// <summary>Book a teacher for a session (inputs <c>teacher-{sessionId}</c>, <c>note-{sessionId}</c>).</summary>
    public const string RequestBooking = "course.booking.request";

    /// <summary>Move a session (input <c>date-{sessionId}</c>).</summary>
    public const string MoveSession = "course.session.move";

    public const string CancelSession = "course.session.cancel";

    /// <summary>Add an excursion (inputs excursionTheme, excursionDate).</summary>
    public const string AddExcursion = "course.excursion.add";

    public const string OpenAttendance = "course.attendance.open";

    /// <summary>Save one session's attendance (inputs <c>mark-{participantId}</c>: Present, Absent, Excused).</summary>
    public const string SaveAttendance = "course.attendance.save";

    /// <summary>The coordinator's certificates card: each woman's standing, her certificate, issuing, making her a mother.</summary>
    public const string OpenCertificates = "course.certificates.open";

    /// <summary>A certificate for everyone who completed (the card's version: a retry is applied once).</summary>
    public const string IssueCertificates = "course.certificates.issue";

    /// <summary>Make one woman who completed a neighbourhood mother in the directory (data participantId).</summary>
    public const string MakeMother = "course.participant.makeMother";

    public const string OpenBooking = "course.booking.open";

    public const string Accept = "course.booking.accept";

    /// <summary>Decline (input reason, optional).</summary>
    public const string Decline = "course.booking.decline";

    /// <summary>Propose another date (inputs date, otherWeekday).</summary>
    public const string ProposeDate = "course.booking.propose";

    public const string AcceptProposal = "course.booking.acceptProposal";

    /// <summary>Pick another teacher instead (inputs teacher, note).</summary>
    public const string ReplaceTeacher = "course.booking.replace";

    /// <summary>The input ids of a plan row's actions: one card holds every row, so each row's inputs carry its session id.</summary>
    public static string RowInput(string field, string sessionId) => field + "-" + sessionId;

    /// <summary>The attendance card's input for one participant.</summary>
    public static string MarkInput(string participantId) => "mark-" + participantId;
}
