using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Course;

/// <summary>A session's place in the plan: planned (to be held), or cancelled (kept, marked, not counted).</summary>
public enum CourseSessionState
{
    Planned,
    Cancelled,
}

/// <summary>
/// One session of a cohort's course: its date (the cohort's time and place apply), what it is about, and whether it
/// still counts. <paramref name="ThemeId"/> is null for an open session whose theme the coordinator has yet to choose.
/// </summary>
/// <param name="Id">Stable for the life of the plan ("s01", "s02" … in the order sessions were created): bookings and attendance refer to it.</param>
public sealed record CourseSession(string Id, DateOnly Date, string? ThemeId, bool IsExcursion, CourseSessionState State)
{
    public bool Counts => State == CourseSessionState.Planned;
}

/// <summary>A date the plan passed over, and why: a public holiday, a school holiday, or a time the clocks skip.</summary>
public sealed record SkippedDate(DateOnly Date, string Reason, SchoolHolidayKind? SchoolHoliday = null);

/// <summary>
/// A cohort's weekly plan: the cohort's settings and its sessions in date order. Immutable: every operation
/// (<see cref="CoursePlanEditor"/>) returns a new plan.
/// </summary>
public sealed record CoursePlan(
    string CohortName,
    DayOfWeek Weekday,
    TimeOnly StartTime,
    TimeOnly EndTime,
    string Place,
    IReadOnlyList<CourseSession> Sessions,
    IReadOnlyList<SkippedDate> Skipped)
{
    /// <summary>The sessions that count (not cancelled), in date order.</summary>
    public IEnumerable<CourseSession> Counting => Sessions.Where(s => s.Counts);

    public CourseSession? Find(string? sessionId) => Sessions.FirstOrDefault(s => string.Equals(s.Id, sessionId, StringComparison.Ordinal));

    /// <summary>The session's start and end as instants (UTC), from the cohort's Copenhagen wall-clock time.</summary>
    public (DateTimeOffset Start, DateTimeOffset End)? TimesOf(CourseSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        return CopenhagenTime.FromLocal(session.Date, StartTime) is { } start && CopenhagenTime.FromLocal(session.Date, EndTime) is { } end
            ? (start, end)
            : null;
    }

    /// <summary>The first and last counting session's dates; null when every session is cancelled.</summary>
    public (DateOnly From, DateOnly To)? Period =>
        Counting.Any() ? (Counting.Min(s => s.Date), Counting.Max(s => s.Date)) : null;

    public bool Equals(CoursePlan? other) =>
        other is not null && CohortName == other.CohortName && Weekday == other.Weekday && StartTime == other.StartTime
        && EndTime == other.EndTime && Place == other.Place && Sessions.SequenceEqual(other.Sessions) && Skipped.SequenceEqual(other.Skipped);

    public override int GetHashCode() => HashCode.Combine(CohortName, Weekday, StartTime, Sessions.Count);

    internal static string SessionId(int number) => $"s{number:00}";
}

/// <summary>The plan after an operation, or why it was refused (errors by field, like a form's).</summary>
public sealed record PlanResult(CoursePlan? Plan, IReadOnlyDictionary<string, string> Errors)
{
    public bool Succeeded => Plan is not null;

    public static PlanResult Ok(CoursePlan plan) => new(plan, new Dictionary<string, string>());

    public static PlanResult Fail(string field, string code) => new(null, new Dictionary<string, string> { [field] = code });
}
