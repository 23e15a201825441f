using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// A booking's next nudge (<see cref="BookingReminderPolicy"/>, the project's settings): a reminder card to the
/// teacher, later a card to the coordinator who asked. Each goes once per question: recorded through
/// <see cref="CourseBookingService.MarkRemindedAsync"/> (the one path that records a nudge, with the next reminder row
/// and the refresh of the booking's cards). A booking no longer awaiting the teacher, or a nudge not (or no longer)
/// due, stands down.
/// </summary>
public sealed class BookingReminderHandler(
    CourseCardReader reader,
    CourseViews views,
    ProactiveCards cards,
    CourseBookingService bookings,
    TimeProvider time) : IOutboxHandler
{
    public string Kind => CourseNotifications.BookingReminder;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        var data = await reader.ReadAsync(delivery.ProjectId, payload.CohortId, cancellationToken);
        if (data?.Booking(payload.BookingId) is not { } booking)
        {
            return;
        }

        var nudged = data.Settings.Reminders.Due(booking, time.GetUtcNow());
        if (nudged == BookingNudge.None)
        {
            return;
        }

        // Sent before it is recorded: a crash in between repeats the nudge rather than losing it.
        if (nudged == BookingNudge.RemindTeacher)
        {
            if (!data.Members.TryGetValue(booking.TeacherId, out var teacher))
            {
                return;
            }

            // A reminder is never updated in place: it carries the version the booking has once the reminder is recorded.
            var marked = BookingReminderPolicy.MarkSent(booking, nudged, time.GetUtcNow()).Booking ?? booking;
            await cards.SendOrFailAsync(delivery, data.Project.TenantId, teacher, shows: null,
                language => Task.FromResult(views.Reminder(CourseActor.From(Actor.From(teacher)), data, marked, language)), cancellationToken);
        }
        else
        {
            await SendCoordinatorCardHandler.SendAsync(cards, views, delivery, data, booking, cancellationToken);
        }

        var recorded = await bookings.MarkRemindedAsync(delivery.ProjectId, payload.CohortId, booking.Id, nudged, cancellationToken);
        if (recorded.Outcome == ChangeOutcome.Conflict)
        {
            throw new OutboxDeliveryException("bookingConflict");
        }
    }
}
