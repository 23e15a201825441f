using PartnerHub.Api.Graph;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Course;

/// <summary>
/// The Outlook event (and the .ics) of a confirmed booking, built from the booking and its cohort as they are now, in
/// Danish: the theme and the cohort's name, the course's place, the booking's times. Nothing about the women on the
/// list: only the group size. User text (cohort name, place, theme titles a project wrote) is encoded by <see cref="EventBodyHtml"/>.
/// </summary>
public static class BookingEventFactory
{
    public static CalendarEventRequest For(TeacherBooking booking, Cohort cohort, ThemeCatalogue themes, string organizerObjectId)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(cohort);
        var theme = ThemeTitle(booking, cohort, themes);
        return new CalendarEventRequest(
            organizerObjectId,
            TransactionId(booking),
            Subject(booking, cohort, themes),
            EventBodyHtml.Paragraphs(
                "Undervisning på bydelsmødrekurset: " + theme + ".",
                booking.GroupSize > 0
                    ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Hold: {cohort.Plan.CohortName}, {booking.GroupSize} deltagere.")
                    : "Hold: " + cohort.Plan.CohortName + ".",
                "Du kan også se bookingen på kortet fra PartnerHub i Teams."),
            booking.Start,
            booking.End,
            cohort.Plan.Place,
            IsOnlineMeeting: false,
            [booking.TeacherId]);
    }

    /// <summary>"{theme} – {cohort}": the event's subject, the .ics summary and the failure card's title.</summary>
    public static string Subject(TeacherBooking booking, Cohort cohort, ThemeCatalogue themes, string language = Languages.Danish)
    {
        ArgumentNullException.ThrowIfNull(cohort);
        return ThemeTitle(booking, cohort, themes, language) + " – " + cohort.Plan.CohortName;
    }

    /// <summary>Stable per booking: a retried create (after a timeout, a 429 or a crash) returns the first event.</summary>
    public static string TransactionId(TeacherBooking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return $"partnerhub-{booking.ProjectId}-{booking.CohortId}-{booking.Id}";
    }

    private static string ThemeTitle(TeacherBooking booking, Cohort cohort, ThemeCatalogue themes, string language = Languages.Danish)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(themes);
        return themes.Find(cohort.Plan.Find(booking.SessionId)?.ThemeId)?.Title.For(language)
            ?? (language == Languages.English ? "Course session" : "Kursusgang");
    }
}
