using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Supervision;

public sealed class SessionGraphCancelHandler(SessionStore sessions, ICalendarGateway calendar) : IOutboxHandler
{
    public string Kind => SessionNotifications.GraphCancel;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var stored = await sessions.FindAsync(delivery.ProjectId, SessionNotifications.Read(delivery.Payload).SessionId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var session = stored.Session;
        var eventId = session.CalendarEventId ?? throw new OutboxDeliveryException("eventNotCreatedYet");
        var comment = session.CancellationComment is { Length: > 0 } reason ? "Mødet er aflyst. " + reason : "Mødet er aflyst.";
        await GraphFailures.RunAsync(() => calendar.CancelEventAsync(session.OrganizerObjectId, eventId, comment, cancellationToken));
    }
}
