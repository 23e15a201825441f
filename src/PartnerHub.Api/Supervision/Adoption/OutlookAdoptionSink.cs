using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>
/// The calendar sink with adoption in front: events of sessions made in PartnerHub go on to <see cref="SessionCalendarSink"/>
/// as before; adopted sessions and meetings that may become sessions go to <see cref="OutlookAdoptionService"/>.
/// </summary>
public sealed class OutlookAdoptionSink(SessionCalendarSink sessions, OutlookAdoptionService adoption) : ICalendarChangeSink
{
    public async Task ApplyAsync(string projectId, string organizerObjectId, CalendarEventSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var stored = await sessions.FindSessionAsync(projectId, organizerObjectId, snapshot.EventId, cancellationToken);
        if (stored is not null && !stored.Session.FromOutlook)
        {
            await sessions.ApplyAsync(projectId, organizerObjectId, snapshot, cancellationToken);
            return;
        }

        await adoption.ApplyAsync(projectId, organizerObjectId, snapshot, stored, cancellationToken);
    }
}
