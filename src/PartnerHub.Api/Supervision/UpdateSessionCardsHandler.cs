using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision.MeetingAttendance;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Updates every card that shows a session, each in its person's own view, except the one the change was made on. Every
/// change of a session passes here, so this is also where an online session's look for its Teams attendance is planned.
/// </summary>
public sealed class UpdateSessionCardsHandler(SessionStore sessions, SessionViews views, CardUpdater cards, AttendanceChecks attendanceChecks) : IOutboxHandler
{
    public string Kind => SessionNotifications.UpdateCards;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        await cards.UpdateAllAsync(delivery.ProjectId, CardKind.Session, payload.SessionId, payload.Acting,
            (actor, audience, language) => views.CardForAsync(actor, stored, language, null, audience, cancellationToken),
            HolderCheck.Remembered, delivery.RowKey, cancellationToken);
        await attendanceChecks.EnsureScheduledAsync(stored.Session, cancellationToken);
    }
}
