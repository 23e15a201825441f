using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

public sealed class SessionGraphUpdateHandler(SessionStore sessions, ICalendarGateway calendar, SessionEventFactory events) : IOutboxHandler
{
    public string Kind => SessionNotifications.GraphUpdate;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var stored = await sessions.FindAsync(delivery.ProjectId, SessionNotifications.Read(delivery.Payload).SessionId, cancellationToken);
        if (stored is null || stored.Session.State == SessionState.Cancelled)
        {
            return;
        }

        // The create is still on its way (it was written first): try again after it.
        var eventId = stored.Session.CalendarEventId ?? throw new OutboxDeliveryException("eventNotCreatedYet");
        await GraphFailures.RunAsync(() => calendar.UpdateEventAsync(eventId, events.For(stored.Session), cancellationToken));
    }
}
