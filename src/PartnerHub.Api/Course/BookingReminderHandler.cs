using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// A booking's next nudge (<see cref="BookingReminderPolicy"/>, the project's settings): a reminder card to the
/// teacher, later a card to the coordinator who asked. Each goes once per question: recorded on the booking with
/// <see cref="BookingReminderPolicy.MarkSent"/> on the ETag read (a lost race re-reads and tries once more), in the
/// same transaction as the next reminder row and the refresh of the booking's cards. A booking no longer awaiting the
/// teacher, or a nudge not (or no longer) due, stands down.
/// </summary>
public sealed class BookingReminderHandler(
    CourseStore course,
    CourseCardReader reader,
    CourseViews views,
    ProactiveCards cards,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    TimeProvider time) : IOutboxHandler
{
    /// <summary>Who the reminders' changes are stamped with: PartnerHub itself, not a person.</summary>
    public const string SystemActor = CourseChanges.SystemActor;

    public string Kind => CourseNotifications.BookingReminder;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        var data = await reader.ReadAsync(delivery.ProjectId, payload.CohortId, cancellationToken);
        if (data?.Booking(payload.BookingId) is not { } booking)
        {
            return;
        }

        var policy = data.Settings.Reminders;
        var nudged = policy.Due(booking, time.GetUtcNow());
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

        await RecordAsync(delivery.ProjectId, payload.CohortId, booking.Id, nudged, policy, cancellationToken);
    }

    private async Task RecordAsync(string projectId, string cohortId, string bookingId, BookingNudge nudged, BookingReminderPolicy policy, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            if (await course.FindBookingAsync(projectId, cohortId, bookingId, cancellationToken) is not { } stored)
            {
                return;
            }

            var now = time.GetUtcNow();
            var result = BookingReminderPolicy.MarkSent(stored.Booking, nudged, now);
            if (!result.Changed || result.Booking is not { } after)
            {
                return;
            }

            var rows = new List<OutboxEntry> { outbox.Create(projectId, CourseNotifications.UpdateCardsOf(cohortId, bookingId)) };
            if (nudged == BookingNudge.RemindTeacher && after.RemindedAt is { } reminded)
            {
                rows.Add(outbox.Create(projectId, CourseNotifications.ForBooking(CourseNotifications.BookingReminder, cohortId, bookingId),
                    reminded.AddDays(policy.EscalateAfterDays)));
            }

            var fingerprint = ChangeFingerprint.Of(SystemActor, bookingId, stored.Booking.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "MarkReminderSent", new { nudge = nudged.ToString() });
            var write = await course.ChangeBookingAsync(stored, after, new CourseChange(SystemActor, "MarkReminderSent", fingerprint), rows, cancellationToken);
            if (write.Outcome is ChangeOutcome.Changed)
            {
                await nudge.NudgeAsync(rows, cancellationToken);
                return;
            }

            if (write.Outcome is not ChangeOutcome.Conflict)
            {
                return;
            }
        }

        throw new OutboxDeliveryException("bookingConflict");
    }
}
