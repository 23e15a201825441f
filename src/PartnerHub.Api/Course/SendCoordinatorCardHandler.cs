using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// Sends the coordinator who asked the teacher her card about the booking: the teacher's counter-proposal, or a request
/// still unanswered after the reminder. Remembered as the booking's card, so her decision anywhere updates it in place.
/// </summary>
public sealed class SendCoordinatorCardHandler(CourseCardReader reader, CourseViews views, ProactiveCards cards) : IOutboxHandler
{
    public string Kind => CourseNotifications.SendCoordinatorCard;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        var data = await reader.ReadAsync(delivery.ProjectId, payload.CohortId, cancellationToken);
        if (data?.Booking(payload.BookingId) is not { } booking)
        {
            return;
        }

        await SendAsync(cards, views, delivery, data, booking, cancellationToken);
    }

    /// <summary>
    /// To the coordinator who asked (<see cref="TeacherBooking.RequestedBy"/>) while she still coordinates the project,
    /// otherwise to every coordinator of it: the card must reach someone who can decide.
    /// </summary>
    internal static async Task SendAsync(ProactiveCards cards, CourseViews views, OutboxDelivery delivery, CourseCardData data, TeacherBooking booking, CancellationToken cancellationToken)
    {
        var coordinators = data.Members.Values.Where(m => m.Role == ProjectRole.Coordinator).ToList();
        var recipients = coordinators.Where(m => m.ObjectId == booking.RequestedBy).ToList() is { Count: > 0 } asked ? asked : coordinators;
        foreach (var coordinator in recipients)
        {
            await cards.SendIfReachableAsync(delivery, data.Project.TenantId, coordinator, CourseCards.Booking(booking.CohortId, booking.Id),
                language => Task.FromResult(views.CoordinatorBooking(CourseActor.From(Actor.From(coordinator)), data, booking, language, null, null)), cancellationToken);
        }
    }
}
