using PartnerHub.Core.Localization;

namespace PartnerHub.Core.Course;

/// <summary>
/// Proposes a cohort's weekly plan. Pure: from the valid form, the project's theme catalogue and its school holidays.
/// Week by week from the start date; a date that is a Danish public holiday (<see cref="DanishHolidays"/>), in a
/// school holiday, or whose time the clocks skip is passed over and the plan moves on a week, so the number of
/// sessions stays what the coordinator asked for. Themes follow the catalogue's order; weeks beyond it are open.
/// </summary>
public static class PlanGenerator
{
    public static class Reasons
    {
        public const string PublicHoliday = CourseErrors.PublicHoliday;
        public const string SchoolHoliday = CourseErrors.SchoolHoliday;
        public const string NonexistentTime = CourseErrors.NonexistentTime;
    }

    public static CoursePlan Generate(ValidCohortForm form, ThemeCatalogue catalogue, SchoolHolidayCalendar schoolHolidays)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(schoolHolidays);
        var sessions = new List<CourseSession>(form.Weeks);
        var skipped = new List<SkippedDate>();
        var date = form.StartDate;
        while (sessions.Count < form.Weeks)
        {
            if (ReasonToSkip(date, form.StartTime, form.EndTime, schoolHolidays) is { } skip)
            {
                skipped.Add(skip);
            }
            else
            {
                var theme = sessions.Count < catalogue.Themes.Count ? catalogue.Themes[sessions.Count] : null;
                sessions.Add(new CourseSession(CoursePlan.SessionId(sessions.Count + 1), date, theme?.Id, theme?.IsExcursion ?? false, CourseSessionState.Planned));
            }

            date = date.AddDays(7);
        }

        return new CoursePlan(form.Name, form.Weekday, form.StartTime, form.EndTime, form.Place, sessions, skipped);
    }

    /// <summary>Why no session can be on the date at that time; null when one can.</summary>
    public static SkippedDate? ReasonToSkip(DateOnly date, TimeOnly start, TimeOnly end, SchoolHolidayCalendar schoolHolidays)
    {
        ArgumentNullException.ThrowIfNull(schoolHolidays);
        if (DanishHolidays.IsPublicHoliday(date))
        {
            return new SkippedDate(date, Reasons.PublicHoliday);
        }

        if (schoolHolidays.HolidayOn(date) is { } holiday)
        {
            return new SkippedDate(date, Reasons.SchoolHoliday, holiday.Kind);
        }

        return CopenhagenTime.FromLocal(date, start) is null || CopenhagenTime.FromLocal(date, end) is null
            ? new SkippedDate(date, Reasons.NonexistentTime)
            : null;
    }
}
