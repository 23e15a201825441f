using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// A booking as an iCalendar file: one VEVENT with a UID stable per booking (so a calendar app updates its copy),
/// SEQUENCE the booking's version (so a later download wins), the times in UTC, and STATUS:CANCELLED (METHOD:CANCEL)
/// once the booking is no longer confirmed. Summary and place as the Outlook event's (<see cref="BookingEventFactory"/>);
/// no participant data.
/// </summary>
public static class BookingCalendarFile
{
    public static string Uid(TeacherBooking booking)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return $"booking-{booking.CohortId}-{booking.Id}@{booking.ProjectId}.partnerhub";
    }

    public static string Ics(TeacherBooking booking, Cohort cohort, ThemeCatalogue themes)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(cohort);
        var cancelled = booking.State != BookingState.Confirmed;
        var item = new CalendarEvent
        {
            Uid = Uid(booking),
            Summary = BookingEventFactory.Subject(booking, cohort, themes),
            Location = cohort.Plan.Place,
            DtStart = new CalDateTime(booking.Start.UtcDateTime),
            DtEnd = new CalDateTime(booking.End.UtcDateTime),
            Sequence = booking.Version,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
        };
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "PUBLISH" };
        calendar.Events.Add(item);
        return new CalendarSerializer().SerializeToString(calendar) ?? string.Empty;
    }
}
