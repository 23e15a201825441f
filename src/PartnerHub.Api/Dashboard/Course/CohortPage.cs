using PartnerHub.Api.Course;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Dashboard.Course;

/// <summary>
/// What every part of one cohort's page reads: the cohort as the coordinator may see it, today in Copenhagen, the
/// project's themes, rule and teachers, and the certificates issued (empty unless the view shows certificates).
/// </summary>
public sealed record CohortPage(CohortRead Read, DateOnly Today, ThemeCatalogue Themes, CompletionRule Rule, IReadOnlyList<ProjectMember> Teachers, IReadOnlyList<IssuedCertificate> Certificates)
{
    public Cohort Cohort => Read.Cohort;

    public IEnumerable<TeacherBooking> Bookings => Read.Bookings.Select(b => b.Booking);

    /// <summary>The one rule for a row's state at a glance (<see cref="SessionStaffing.Of"/>).</summary>
    public SessionStaffingState StateOf(CourseSession session) => SessionStaffing.Of(session, Bookings, Today);

    public TeacherBooking? ActiveBooking(CourseSession session) => SessionStaffing.ActiveBooking(session, Bookings);

    /// <summary>Attendance is recorded for a counting session from its day on (<see cref="AttendanceRegister.Record"/>).</summary>
    public bool TakesAttendance(CourseSession session) => session.Counts && session.Date <= Today;

    public string TeacherName(string objectId) => Teachers.FirstOrDefault(t => t.ObjectId == objectId)?.FirstName ?? "–";

    /// <summary>Her certificate's link in the project's SharePoint folder, once it is stored.</summary>
    public string? CertificateUrl(string participantId) =>
        Certificates.FirstOrDefault(c => c.ParticipantId == participantId && c.WebUrl.Length > 0)?.WebUrl;

    public AttendanceMark? MarkOf(string participantId, string sessionId) =>
        Read.Attendance.FirstOrDefault(a => a.ParticipantId == participantId && a.SessionId == sessionId)?.Mark;
}
