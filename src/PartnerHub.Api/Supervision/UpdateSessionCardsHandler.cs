using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Supervision;

/// <summary>Updates every card that shows a session, each in its person's own view, except the one the change was made on.</summary>
public sealed class UpdateSessionCardsHandler(SessionStore sessions, SessionViews views, CardUpdater cards) : IOutboxHandler
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
            delivery.RowKey, cancellationToken);
    }
}
