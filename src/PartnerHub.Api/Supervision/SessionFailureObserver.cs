using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Supervision;

/// <summary>A session's Graph call that finally failed: the organiser gets the failure card with "try again".</summary>
public sealed class SessionFailureObserver(SessionStore sessions, SessionViews views, GraphFailureNotices notices) : IOutboxFailureObserver
{
    public async Task OnFailedAsync(OutboxFailure failure, CancellationToken cancellationToken)
    {
        if (!SessionNotifications.GraphKinds.Contains(failure.Kind))
        {
            return;
        }

        var payload = SessionNotifications.Read(failure.Payload);
        var stored = await sessions.FindAsync(failure.ProjectId, payload.SessionId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var session = stored.Session;
        await notices.TellAsync(failure, session.OrganizerObjectId,
            language => views.Failure(failure.ProjectId, session.Id, session.Title, failure.Kind, failure.ErrorCode, failure.RowKey, language), cancellationToken);
    }
}
