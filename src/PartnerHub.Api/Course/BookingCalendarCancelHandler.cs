using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// A booking stopped being confirmed (cancelled, replaced, its week cancelled): its Outlook event is cancelled with a
/// Danish comment. Stands down when there is no event (it never reached Outlook), when it is cancelled already, or
/// when the booking is confirmed again by the time the row runs.
/// </summary>
public sealed class BookingCalendarCancelHandler(CourseStore courses, BookingEventStore events, BookingCalendarCanceller canceller) : IOutboxHandler
{
    public string Kind => CourseNotifications.CalendarCancel;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        if (payload.BookingId is not { } bookingId
            || await events.FindAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken) is not { CancelledAt: null } outlookEvent)
        {
            return;
        }

        var stored = await courses.FindBookingAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken);
        if (stored?.Booking.State == BookingState.Confirmed)
        {
            return;
        }

        await canceller.CancelAsync(delivery.ProjectId, payload.CohortId, bookingId, outlookEvent, stored?.Booking, cancellationToken);
    }
}
