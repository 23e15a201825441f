using PartnerHub.Api.Graph;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// Cancels a booking's Outlook event (the teacher gets Outlook's cancellation with a Danish comment) and marks its row,
/// so a retried delivery, or the create handler finding the booking gone, never cancels twice.
/// </summary>
public sealed class BookingCalendarCanceller(ICalendarGateway calendar, BookingEventStore events)
{
    public async Task CancelAsync(string projectId, string cohortId, string bookingId, BookingEvent outlookEvent, TeacherBooking? booking, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(outlookEvent);
        if (outlookEvent.CancelledAt is not null)
        {
            return;
        }

        var comment = booking?.State == BookingState.Replaced
            ? "Undervisningen er aflyst: en anden underviser har overtaget kursusgangen."
            : "Undervisningen er aflyst.";
        await GraphFailures.RunAsync(() => calendar.CancelEventAsync(outlookEvent.OrganizerObjectId, outlookEvent.EventId, comment, cancellationToken));
        await events.MarkCancelledAsync(projectId, cohortId, bookingId, outlookEvent, cancellationToken);
    }
}
