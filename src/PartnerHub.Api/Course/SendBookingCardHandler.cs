using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// Sends the teacher her booking card and remembers where it landed, so every later change updates it in place. A
/// retry finds her card already there and sends none; a booking no longer awaiting her, or a teacher no longer in the
/// project, stands down.
/// </summary>
public sealed class SendBookingCardHandler(CourseCardReader reader, CourseViews views, CardLocationStore locations, ProactiveCards cards) : IOutboxHandler
{
    public string Kind => CourseNotifications.SendBookingCard;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        var data = await reader.ReadAsync(delivery.ProjectId, payload.CohortId, cancellationToken);
        if (data?.Booking(payload.BookingId) is not { State: BookingState.Requested } booking
            || !data.Members.TryGetValue(booking.TeacherId, out var teacher))
        {
            return;
        }

        var shows = CourseCards.Booking(booking.CohortId, booking.Id);
        if (await locations.FindAsync(delivery.ProjectId, shows.Kind, shows.Id, teacher.ObjectId, cancellationToken) is not null)
        {
            return;
        }

        await cards.SendOrFailAsync(delivery, data.Project.TenantId, teacher, shows,
            language => Task.FromResult(views.Booking(CourseActor.From(Actor.From(teacher)), data, booking, language, null, null)), cancellationToken);
    }
}
