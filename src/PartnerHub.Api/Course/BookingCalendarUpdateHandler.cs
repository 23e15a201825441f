using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// A confirmed booking moved with its session: its Outlook event moves to the booking's current times (a late retry
/// sends the current state). Stands down when the booking is no longer confirmed or its event was cancelled.
/// </summary>
public sealed class BookingCalendarUpdateHandler(
    CourseStore courses,
    CourseSettingsStore settings,
    BookingEventStore events,
    ICalendarGateway calendar) : IOutboxHandler
{
    public string Kind => CourseNotifications.CalendarUpdate;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        if (payload.BookingId is not { } bookingId)
        {
            return;
        }

        var stored = await courses.FindBookingAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken);
        var cohort = await courses.FindCohortAsync(delivery.ProjectId, payload.CohortId, cancellationToken);
        if (stored?.Booking is not { State: BookingState.Confirmed } booking || cohort is null)
        {
            return;
        }

        // The create is still on its way (it was written first): try again after it.
        var outlookEvent = await events.FindAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken)
            ?? throw new OutboxDeliveryException("eventNotCreatedYet");
        if (outlookEvent.CancelledAt is not null)
        {
            return;
        }

        var themes = (await settings.GetAsync(delivery.ProjectId, cancellationToken)).Settings.Themes;
        var request = BookingEventFactory.For(booking, cohort.Cohort, themes, outlookEvent.OrganizerObjectId);
        await GraphFailures.RunAsync(() => calendar.UpdateEventAsync(outlookEvent.EventId, request, cancellationToken));
    }
}
