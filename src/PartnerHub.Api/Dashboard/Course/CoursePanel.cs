namespace PartnerHub.Api.Dashboard.Course;

/// <summary>The one form open under the plan at a time; its errors are shown beside its own fields.</summary>
public enum CoursePanelKind
{
    Move,
    CancelWeek,
    Booking,
    Attendance,
    Excursion,

    /// <summary>The cohort's name and meeting place (not one session's).</summary>
    Correct,
}

public sealed record CoursePanel(CoursePanelKind Kind, string? SessionId);
