using System.Text.Json;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>
/// After she marked an event for a project: reads it from her calendar and adopts it as the sink would. An event not
/// there yet (a meeting form not saved) is no error: the mark waits, and the notification or sweep adopts it later.
/// </summary>
public sealed class OutlookAdoptHandler(ICalendarGateway calendar, OutlookAdoptionSink sink) : IOutboxHandler
{
    public string Kind => OutlookAdoptionService.AdoptKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.Deserialize<OutlookAdoptionService.AdoptPayload>(delivery.Payload)
            ?? throw new OutboxDeliveryException("badPayload", permanent: true);
        if (await calendar.GetEventAsync(payload.OrganizerObjectId, payload.EventId, cancellationToken) is { } snapshot)
        {
            await sink.ApplyAsync(delivery.ProjectId, payload.OrganizerObjectId, snapshot, cancellationToken);
        }
    }
}
