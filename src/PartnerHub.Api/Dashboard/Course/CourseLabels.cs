using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Dashboard.Course;

/// <summary>How a session is named on the page: its theme in her language (or "theme not chosen"), and its date.</summary>
public static class CourseLabels
{
    public static string Theme(CourseSession session, ThemeCatalogue themes, DashboardText text)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(themes);
        ArgumentNullException.ThrowIfNull(text);
        return themes.Find(session.ThemeId) is { } theme ? theme.Title.For(text.Language) : text["course.openTheme"];
    }

    public static string Date(CourseSession session, DashboardText text)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(text);
        return CopenhagenDates.Date(session.Date, text.Language);
    }

    /// <summary>"tirsdag 3. marts 2026 (Sundhed og trivsel)": what a row's buttons and panels say they are about.</summary>
    public static string Session(CourseSession session, ThemeCatalogue themes, DashboardText text) =>
        Date(session, text) + " (" + Theme(session, themes, text) + ")";
}
