using System.Globalization;
using PartnerHub.Core.Course;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Course;

public sealed record CreateCohortRequest(string? Name, string? StartDate, string? Weekday, string? StartTime, string? EndTime, string? Place, string? Weeks);

public sealed record MoveSessionRequest(string? Date);

public sealed record AddExcursionRequest(string? ThemeId, string? Date);

public sealed record ReorderRequest(IReadOnlyList<string>? Order);

public sealed record ParticipantRequest(string? Name, string? ObjectId);

/// <param name="Marks">Participant id → Present, Absent or Excused.</param>
public sealed record AttendanceRequest(IReadOnlyDictionary<string, string>? Marks);

public sealed record BookingRequest(string? SessionId, string? TeacherId, string? Note);

public sealed record DeclineRequest(string? Reason);

public sealed record ProposeRequest(string? Date, bool? OtherWeekday);

public sealed record ReplaceRequest(string? TeacherId, string? Note);

public sealed record CourseSessionResponse(string Id, string Date, string? ThemeId, bool IsExcursion, string State);

public sealed record ParticipantResponse(string Id, string Name, bool HasAccount);

public sealed record AttendanceResponse(string ParticipantId, string SessionId, string Mark);

/// <summary>A booking as the coordinator or the booked teacher sees it: ids, times and states, never a participant.</summary>
public sealed record BookingResponse(
    string Id, string CohortId, string SessionId, string TeacherId, string State, DateTimeOffset Start, DateTimeOffset End, int Version, int GroupSize,
    string? Note, string? DeclineReason, string? ProposedDate, bool? ProposedOtherWeekday);

/// <summary>One cohort in the reader's view: participants and attendance only where <see cref="CourseVisibility"/> shows them.</summary>
public sealed record CohortResponse(
    string Id, int Version, string Name, string Weekday, string StartTime, string EndTime, string Place, string View, int GroupSize,
    IReadOnlyList<CourseSessionResponse> Sessions, IReadOnlyList<ParticipantResponse> Participants, IReadOnlyList<BookingResponse> Bookings,
    IReadOnlyList<AttendanceResponse> Attendance);

public sealed record CohortSummaryResponse(string Id, int Version, string Name, string? FirstDate, string? LastDate, int Sessions, int Participants);

public sealed record CompletionResponse(string ParticipantId, int Attended, int Held, bool Completed);

public sealed record MyBookingResponse(string ProjectId, BookingResponse Booking, string? Place, string? ThemeId);

/// <summary>One of her own marks: the session and Present, Absent or Excused.</summary>
public sealed record MyAttendanceResponse(string SessionId, string Mark);

/// <summary>
/// A cohort as its participant sees it (<see cref="CourseVisibility"/>'s participant view): the plan, her own marks and
/// standing, and her certificate's signed download link once issued (null before, or without a public base URL).
/// </summary>
public sealed record MyCohortResponse(
    string ProjectId, string CohortId, int Version, string Name, string Weekday, string StartTime, string EndTime, string Place,
    IReadOnlyList<CourseSessionResponse> Sessions, IReadOnlyList<MyAttendanceResponse> Attendance, CompletionResponse Completion, string? CertificateUrl);

/// <summary>The REST shapes of the course, built from the service's results; one place for the ETag of each record.</summary>
public static class CourseResponses
{
    public static string ETagOf(Cohort cohort) => Quoted(cohort.Version);

    public static string ETagOf(TeacherBooking booking) => Quoted(booking.Version);

    public static CohortResponse Cohort(CohortRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Cohort(read.Cohort, read.View.Kind, read.GroupSize, read.Bookings.Select(b => b.Booking), read.Attendance);
    }

    /// <summary>The coordinator's whole view of a cohort after her change (bookings and marks are read with <see cref="CourseService.ReadAsync"/>).</summary>
    public static CohortResponse Cohort(Cohort cohort, CourseViewKind view, int groupSize, IEnumerable<TeacherBooking> bookings, IEnumerable<AttendanceEntry> attendance)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var plan = cohort.Plan;
        return new CohortResponse(
            cohort.Id, cohort.Version, plan.CohortName, plan.Weekday.ToString(), Time(plan.StartTime), Time(plan.EndTime), plan.Place, view.ToString(), groupSize,
            [.. plan.Sessions.Select(s => new CourseSessionResponse(s.Id, Date(s.Date), s.ThemeId, s.IsExcursion, s.State.ToString()))],
            [.. cohort.Participants.Select(p => new ParticipantResponse(p.Id, p.Name, p.ObjectId is not null))],
            [.. bookings.Select(Booking)],
            [.. attendance.Select(a => new AttendanceResponse(a.ParticipantId, a.SessionId, a.Mark.ToString()))]);
    }

    /// <summary>Her own view of a cohort: <paramref name="read"/> is already cut to her (<see cref="CourseService.ReadAsParticipantAsync"/>).</summary>
    public static MyCohortResponse Mine(string projectId, CohortRead read, ParticipantCompletion standing, string? certificateUrl)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(standing);
        var plan = read.Cohort.Plan;
        return new MyCohortResponse(
            projectId, read.Cohort.Id, read.Cohort.Version, plan.CohortName, plan.Weekday.ToString(), Time(plan.StartTime), Time(plan.EndTime), plan.Place,
            [.. plan.Sessions.Select(s => new CourseSessionResponse(s.Id, Date(s.Date), s.ThemeId, s.IsExcursion, s.State.ToString()))],
            [.. read.Attendance.Where(a => a.ParticipantId == standing.ParticipantId).Select(a => new MyAttendanceResponse(a.SessionId, a.Mark.ToString()))],
            new CompletionResponse(standing.ParticipantId, standing.Attended, standing.Held, standing.Completed),
            certificateUrl);
    }

    public static CohortSummaryResponse Summary(Cohort cohort)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        var period = cohort.Plan.Period;
        return new CohortSummaryResponse(
            cohort.Id, cohort.Version, cohort.Plan.CohortName, period is { } p ? Date(p.From) : null, period is { } q ? Date(q.To) : null, cohort.Plan.Sessions.Count, cohort.Participants.Count);
    }

    public static BookingResponse Booking(TeacherBooking b)
    {
        ArgumentNullException.ThrowIfNull(b);
        return new BookingResponse(
            b.Id, b.CohortId, b.SessionId, b.TeacherId, b.State.ToString(), b.Start, b.End, b.Version, b.GroupSize, b.Note, b.DeclineReason,
            b.Proposal is { } proposal ? Date(proposal.Date) : null, b.Proposal?.OtherWeekday);
    }

    /// <summary>Errors by field, each code as the reader's language words it (the cards' texts).</summary>
    public static Dictionary<string, string[]> Messages(CardCatalog catalog, string language, IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(errors);
        return errors.ToDictionary(e => e.Key, e => new[] { Text(catalog, language, e.Value.Contains('.', StringComparison.Ordinal) ? e.Value : CourseErrorTexts.PathOf(e.Value)) }, StringComparer.Ordinal);
    }

    public static string Text(CardCatalog catalog, string language, BookingError error) => Text(catalog, language, CourseErrorTexts.PathOf(error));

    private static string Text(CardCatalog catalog, string language, string path)
    {
        try
        {
            return catalog.Text(language, path);
        }
        catch (KeyNotFoundException)
        {
            // A code without a text yet still tells a client which rule refused it.
            return path;
        }
    }

    private static string Quoted(int version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Time(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);
}
