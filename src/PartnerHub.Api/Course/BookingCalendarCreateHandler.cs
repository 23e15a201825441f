using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// A confirmed booking becomes an Outlook event on the calendar of the coordinator who asked (RequestedBy), with the
/// teacher as attendee. Stands down when the booking is no longer confirmed or its event exists; the transactionId
/// from the booking makes a retried create return the first event.
/// </summary>
public sealed class BookingCalendarCreateHandler(
    CourseStore courses,
    CourseSettingsStore settings,
    BookingEventStore events,
    BookingCalendarCanceller canceller,
    ICalendarGateway calendar) : IOutboxHandler
{
    public string Kind => CourseNotifications.CalendarCreate;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        if (payload.BookingId is not { } bookingId)
        {
            return;
        }

        var stored = await courses.FindBookingAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken);
        if (stored?.Booking is not { State: BookingState.Confirmed } booking
            || await events.FindAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken) is not null)
        {
            return;
        }

        var cohort = await courses.FindCohortAsync(delivery.ProjectId, payload.CohortId, cancellationToken);
        if (cohort is null)
        {
            return;
        }

        // Without the coordinator who asked there is no calendar to put it on: retrying cannot help.
        var organizer = booking.RequestedBy ?? throw new OutboxDeliveryException("noOrganizer", permanent: true);
        var themes = (await settings.GetAsync(delivery.ProjectId, cancellationToken)).Settings.Themes;
        CalendarEvent? created = null;
        await GraphFailures.RunAsync(async () =>
            created = await calendar.CreateEventAsync(BookingEventFactory.For(booking, cohort.Cohort, themes, organizer), cancellationToken));
        await events.RecordCreatedAsync(delivery.ProjectId, payload.CohortId, bookingId, created!, organizer, cancellationToken);

        // Cancelled while the event was being made: its cancel row found no event and stood down, so cancel it here.
        var now = await courses.FindBookingAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken);
        if (now?.Booking.State != BookingState.Confirmed
            && await events.FindAsync(delivery.ProjectId, payload.CohortId, bookingId, cancellationToken) is { } recorded)
        {
            await canceller.CancelAsync(delivery.ProjectId, payload.CohortId, bookingId, recorded, now?.Booking, cancellationToken);
        }
    }
}
