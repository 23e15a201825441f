using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.OutlookPane;

/// <summary>
/// Finds the session behind the Outlook meeting open in the pane, by keyed reads only: her memberships (one partition),
/// then per project the event-id index row (the organiser's copy of the meeting) or, for an attendee's copy, whose event
/// id differs, her own session list (the same one the bot's "møder" shows) matched on the meeting's iCalUId.
/// </summary>
public sealed class OutlookEventSessions(ICallerDirectory callers, SessionStore sessions, SessionService service, DirectoryStore directory, TimeProvider time)
{
    public async Task<(StoredSession Stored, PaneSessionResponse View)?> FindAsync(string tenantId, string objectId, string eventId, string? iCalUId, CancellationToken cancellationToken)
    {
        foreach (var membership in await callers.MembershipsAsync(tenantId, objectId, cancellationToken))
        {
            var actor = new Actor(objectId, membership.ProjectId, membership.Role, membership.OrganisationId);
            var id = (await sessions.FindByEventAsync(membership.ProjectId, eventId, cancellationToken))?.Session.Id;
            if (id is null && !string.IsNullOrEmpty(iCalUId))
            {
                var mine = await service.ListAsync(actor, cancellationToken);
                id = mine.FirstOrDefault(s => string.Equals(s.Session.CalendarICalUId, iCalUId, StringComparison.Ordinal))?.Session.Id;
            }

            // Read through the service: access is checked (and audited) the one way every reader goes.
            if (id is not null && await service.ReadAsync(actor, id, cancellationToken) is { } stored)
            {
                return (stored, await ViewAsync(actor, stored.Session, cancellationToken));
            }
        }

        return null;
    }

    /// <summary>The session as <paramref name="actor"/> may see it in the pane.</summary>
    public async Task<PaneSessionResponse> ViewAsync(Actor actor, SupervisionSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(session);
        // Names only for the coordinator's list; an invitee's view names nobody.
        IReadOnlyList<ProjectMember> members = SessionAccess.Allows(actor, SessionAction.RecordAttendance, session)
            ? await directory.MembersAsync(session.ProjectId, null, cancellationToken)
            : [];
        return PaneSessionView.Of(session, actor, members, time.GetUtcNow());
    }
}
