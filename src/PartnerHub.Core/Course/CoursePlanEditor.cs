namespace PartnerHub.Core.Course;

/// <summary>
/// The coordinator's operations on a plan, each returning a new plan or the errors by field. Pure: today's date comes
/// from the caller's clock (<see cref="Localization.CopenhagenTime.DateOf"/> of the injected time). A session keeps
/// its id whatever happens to it, so bookings and attendance follow it; <see cref="Moved"/> tells the caller which
/// sessions changed date (a confirmed booking must move with its session).
/// </summary>
public static class CoursePlanEditor
{
    public static class Fields
    {
        public const string Session = "sessionId";
        public const string Date = "date";
        public const string Theme = "themeId";
        public const string Order = "order";
    }

    /// <summary>
    /// Puts the counting sessions in a new order: the first id listed takes the earliest of their dates, and so on.
    /// Each session keeps its id and theme and takes a new date; cancelled sessions keep theirs.
    /// </summary>
    public static PlanResult Reorder(CoursePlan plan, IReadOnlyList<string> order, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(order);
        var counting = plan.Counting.OrderBy(s => s.Date).ToList();
        if (order.Count != counting.Count || !order.ToHashSet(StringComparer.Ordinal).SetEquals(counting.Select(s => s.Id)))
        {
            return PlanResult.Fail(Fields.Order, CourseErrors.NotAPermutation);
        }

        var dates = counting.Select(s => s.Date).ToList();
        var moved = order.Select((id, i) => plan.Find(id)! with { Date = dates[i] }).ToList();

        // The past is history: a session already held (or due today) cannot change date.
        if (moved.Any(s => s.Date != plan.Find(s.Id)!.Date && (s.Date < today || plan.Find(s.Id)!.Date < today)))
        {
            return PlanResult.Fail(Fields.Order, CourseErrors.InPast);
        }

        return PlanResult.Ok(WithSessions(plan, moved.Concat(plan.Sessions.Where(s => !s.Counts))));
    }

    /// <summary>Adds an excursion to a catalogue theme on a free date (any weekday: institutions set the day).</summary>
    public static PlanResult AddExcursion(CoursePlan plan, string? themeId, DateOnly date, ThemeCatalogue catalogue, SchoolHolidayCalendar schoolHolidays, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (catalogue.Find(themeId) is not { } theme)
        {
            return PlanResult.Fail(Fields.Theme, themeId is null ? CourseErrors.Required : CourseErrors.NotFound);
        }

        if (DateProblem(plan, date, null, schoolHolidays, today) is { } problem)
        {
            return PlanResult.Fail(Fields.Date, problem);
        }

        var number = plan.Sessions.Select(s => int.Parse(s.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
        var session = new CourseSession(CoursePlan.SessionId(number), date, theme.Id, IsExcursion: true, CourseSessionState.Planned);
        return PlanResult.Ok(WithSessions(plan, plan.Sessions.Append(session)));
    }

    /// <summary>Moves one session to another date (any weekday), keeping its theme.</summary>
    public static PlanResult Move(CoursePlan plan, string? sessionId, DateOnly date, SchoolHolidayCalendar schoolHolidays, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (Open(plan, sessionId, today) is { } refused)
        {
            return refused;
        }

        if (DateProblem(plan, date, sessionId, schoolHolidays, today) is { } problem)
        {
            return PlanResult.Fail(Fields.Date, problem);
        }

        return PlanResult.Ok(WithSessions(plan, plan.Sessions.Select(s => s.Id == sessionId ? s with { Date = date } : s)));
    }

    /// <summary>
    /// Cancels a week: the session stays in the plan, marked cancelled, and no longer counts (not for attendance, not
    /// on the certificate). Later sessions keep their dates.
    /// </summary>
    public static PlanResult Cancel(CoursePlan plan, string? sessionId, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Open(plan, sessionId, today)
            ?? PlanResult.Ok(WithSessions(plan, plan.Sessions.Select(s => s.Id == sessionId ? s with { State = CourseSessionState.Cancelled } : s)));
    }

    /// <summary>The ids of sessions whose date differs between the two plans, with the new date.</summary>
    public static IReadOnlyList<(string SessionId, DateOnly Date)> Moved(CoursePlan before, CoursePlan after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        return [.. after.Sessions.Where(s => before.Find(s.Id) is { } old && old.Date != s.Date).Select(s => (s.Id, s.Date))];
    }

    private static PlanResult? Open(CoursePlan plan, string? sessionId, DateOnly today) => plan.Find(sessionId) switch
    {
        null => PlanResult.Fail(Fields.Session, sessionId is null ? CourseErrors.Required : CourseErrors.NotFound),
        { Counts: false } => PlanResult.Fail(Fields.Session, CourseErrors.Cancelled),
        { } s when s.Date < today => PlanResult.Fail(Fields.Session, CourseErrors.InPast),
        _ => null,
    };

    private static string? DateProblem(CoursePlan plan, DateOnly date, string? exceptSessionId, SchoolHolidayCalendar schoolHolidays, DateOnly today)
    {
        if (date < today)
        {
            return CourseErrors.InPast;
        }

        if (PlanGenerator.ReasonToSkip(date, plan.StartTime, plan.EndTime, schoolHolidays) is { } skip)
        {
            return skip.Reason;
        }

        return plan.Counting.Any(s => s.Date == date && s.Id != exceptSessionId) ? CourseErrors.DateTaken : null;
    }

    private static CoursePlan WithSessions(CoursePlan plan, IEnumerable<CourseSession> sessions) =>
        plan with { Sessions = [.. sessions.OrderBy(s => s.Date).ThenBy(s => s.Id, StringComparer.Ordinal)] };
}
