using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// Updates every stored card of a cohort (the coordinators' plans and certificates cards) and, for a booking's change,
/// every card of that booking (the teacher's, the coordinator's), each in its person's own view, except the one the
/// change was made on; a corrected name or place, the cards of every booking of the cohort. A stored certificate
/// updates the certificates cards only.
/// </summary>
public sealed class UpdateCourseCardsHandler(CourseCardReader reader, CourseViews views, CardLocationStore locations, CardUpdater cards, CertificateStore certificates) : IOutboxHandler
{
    public string Kind => CourseNotifications.UpdateCards;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = CourseNotifications.Read(delivery.Payload);
        var data = await reader.ReadAsync(delivery.ProjectId, payload.CohortId, cancellationToken);
        if (data is null)
        {
            return;
        }

        if (!payload.CertificatesOnly)
        {
            var plan = CourseCards.Plan(payload.CohortId);
            await cards.UpdateAllAsync(delivery.ProjectId, plan.Kind, plan.Id, payload.Acting,
                (actor, audience, language) => Task.FromResult(views.Plan(CourseActor.From(actor), data, language, null, audience)),
                HolderCheck.Remembered, delivery.RowKey, cancellationToken);
        }

        // After the plans: a message opened from a plan card onto the certificates card ends as the certificates card.
        // The cohort's certificates are listed once, and only when there is a certificates card to draw.
        var record = CourseCards.Certificates(payload.CohortId);
        IReadOnlyList<IssuedCertificate>? issued = null;
        await cards.UpdateAllAsync(delivery.ProjectId, record.Kind, record.Id, payload.Acting,
            async (actor, audience, language) => views.Certificates(CourseActor.From(actor), data,
                issued ??= await certificates.ListAsync(delivery.ProjectId, payload.CohortId, cancellationToken), language, null, audience),
            HolderCheck.Remembered, delivery.RowKey, cancellationToken);

        var bookings = payload.EveryBooking ? data.AllBookings : [.. new[] { data.Booking(payload.BookingId) }.OfType<TeacherBooking>()];
        foreach (var booking in bookings)
        {
            await UpdateBookingCardsAsync(delivery, payload, data, booking, cancellationToken);
        }
    }

    private async Task UpdateBookingCardsAsync(OutboxDelivery delivery, CourseNotifications.Payload payload, CourseCardData data, TeacherBooking booking, CancellationToken cancellationToken)
    {
        var bookingRecord = CourseCards.Booking(booking.CohortId, booking.Id);
        // Read once (one point read of the booking's holders row): the cards to update and each one's refresh audience.
        var shown = await locations.ForAsync(delivery.ProjectId, bookingRecord.Kind, bookingRecord.Id, cancellationToken);
        await cards.UpdateAllAsync(delivery.ProjectId, shown, payload.Acting,
            (actor, _, language) => Task.FromResult(BookingCard(actor, data, booking, language, CourseCards.BookingAudience(actor, booking, shown))),
            HolderCheck.Remembered, delivery.RowKey, cancellationToken);
    }

    /// <summary>The teacher gets her booking card; a coordinator her counter-proposal or unanswered card.</summary>
    private System.Text.Json.Nodes.JsonObject? BookingCard(Actor actor, CourseCardData data, TeacherBooking booking, string language, IReadOnlyList<string> audience)
    {
        var viewer = CourseActor.From(actor);
        return actor.Role == ProjectRole.Coordinator
            ? views.CoordinatorBooking(viewer, data, booking, language, null, audience)
            : views.Booking(viewer, data, booking, language, null, audience);
    }
}
