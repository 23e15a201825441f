using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Graph;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Outlook's view of a session's event (change notification or delta sweep): moves, cancellations and each attendee's
/// answer, applied through Core. Idempotent; events that are not sessions are ignored.
/// </summary>
/// <remarks>
/// One subscription serves every project the organiser coordinates, so <c>projectId</c> is the subscription's project,
/// a hint: the event's session is looked up there first, then in her other projects (<see cref="OrganizerProjects"/>),
/// each by a point read of the event index in that project's partition. The change is applied in the project whose
/// session it is, and only there.
/// </remarks>
public sealed class SessionCalendarSink(SessionStore sessions, SessionSystemWriter writer, OrganizerProjects organizerProjects) : ICalendarChangeSink
{
    public async Task ApplyAsync(string projectId, string organizerObjectId, CalendarEventSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var stored = await FindSessionAsync(projectId, organizerObjectId, snapshot.EventId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        projectId = stored.Session.ProjectId;

        var observations = new List<OutlookObservation>();
        if (snapshot.IsDeleted || snapshot.IsCancelled)
        {
            observations.Add(new OutlookCancelled());
        }
        else
        {
            observations.Add(new OutlookMoved(snapshot.Start, snapshot.End));
            foreach (var (objectId, response) in snapshot.ResponsesByObjectId)
            {
                var rsvp = response switch
                {
                    AttendeeResponse.Accepted => Rsvp.Accepted,
                    AttendeeResponse.TentativelyAccepted => Rsvp.Tentative,
                    AttendeeResponse.Declined => Rsvp.Declined,
                    _ => Rsvp.None,
                };
                observations.Add(new OutlookResponse(objectId, rsvp));
            }
        }

        // All observations in one write: apply each in turn, and write once if anything changed.
        await writer.ApplyAsync(projectId, stored.Session.Id, (session, now) =>
        {
            var current = session;
            var changed = false;
            foreach (var observation in observations)
            {
                var result = SessionWorkflow.ApplyFromOutlook(current, observation, now);
                if (result is { Succeeded: true, Changed: true })
                {
                    // Each change bumps Version; one write is one version, and these are a person's changes in Outlook.
                    current = (result.Session! with { Version = session.Version }).NextDecided();
                    changed = true;
                }
            }

            return changed ? new SessionResult(current, null, Changed: true) : SessionResult.Unchanged(session);
        }, cancellationToken);
    }

    /// <summary>The session whose event this is, in the hint project or another she coordinates; null for her other appointments.</summary>
    public async Task<StoredSession?> FindSessionAsync(string hintProjectId, string organizerObjectId, string eventId, CancellationToken cancellationToken)
    {
        if (await OrganisedAsync(hintProjectId) is { } found)
        {
            return found;
        }

        foreach (var other in await organizerProjects.CoordinatedByAsync(hintProjectId, organizerObjectId, cancellationToken))
        {
            if (!string.Equals(other, hintProjectId, StringComparison.Ordinal) && await OrganisedAsync(other) is { } elsewhere)
            {
                return elsewhere;
            }
        }

        return null; // Her own appointments, or a session since removed.

        async Task<StoredSession?> OrganisedAsync(string projectId) =>
            await sessions.FindByEventAsync(projectId, eventId, cancellationToken) is { } stored
            && string.Equals(stored.Session.OrganizerObjectId, organizerObjectId, StringComparison.Ordinal)
                ? stored
                : null;
    }
}
