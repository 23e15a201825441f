using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// System writes to a session (what Outlook or SharePoint reported back): re-read, apply, write conditional on the ETag,
/// and try again on a lost race, since the observation is still true after someone else's change. Writes only on a change,
/// and every change refreshes the cards through the outbox.
/// </summary>
public sealed class SessionSystemWriter(SessionStore sessions, OutboxWriter outbox, IOutboxNudge nudge, TimeProvider time)
{
    public async Task<StoredSession?> ApplyAsync(string projectId, string sessionId, Func<SupervisionSession, DateTimeOffset, SessionResult> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await sessions.FindAsync(projectId, sessionId, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            var result = change(stored.Session, time.GetUtcNow());
            if (!result.Succeeded || !result.Changed)
            {
                return stored;
            }

            var update = outbox.Create(projectId, SessionNotifications.UpdateCardsOf(sessionId));
            try
            {
                var updated = await sessions.UpdateAsync(stored, result.Session!, null, [update.Action], cancellationToken);
                await nudge.NudgeAsync([update], cancellationToken);
                return updated;
            }
            catch (SessionConflictException)
            {
                // Someone changed it meanwhile: apply the observation to the new version.
            }
        }

        throw new OutboxDeliveryException("sessionConflict");
    }
}
