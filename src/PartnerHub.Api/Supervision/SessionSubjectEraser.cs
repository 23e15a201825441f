using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Erasure on request of a person invited to sessions: in every session her index names, her object id becomes an
/// anonymous one (<c>erased-…</c>), in the invitees and in Teams' attendance proposal, so the session still counts her
/// invitation, answer and attendance but nobody can tell they were hers; her index row goes in the same
/// ETag-conditional transaction, with the outbox row that updates the session's cards. A second run finds no index
/// row, so nothing left. The Outlook event on the organiser's calendar is Microsoft 365's, not erased here.
/// </summary>
public sealed class SessionSubjectEraser(SessionStore sessions, OutboxWriter outbox, IOutboxNudge nudge) : ISubjectEraser
{
    public const string InvitationKind = "session-invitation";
    public const string ErasedPrefix = "erased-";

    public Task<SubjectVersion?> RecordAsync(DataSubject subject, CancellationToken cancellationToken) => Task.FromResult<SubjectVersion?>(null);

    public async Task<IReadOnlyList<ErasedCount>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Subject is not DirectoryPerson person)
        {
            return [];
        }

        var erased = 0;
        foreach (var stored in await sessions.ListAsync(person.ProjectId, SessionStore.InviteeIndex(person.ObjectId), int.MaxValue, cancellationToken))
        {
            erased += await EraseFromAsync(stored, person.ObjectId, cancellationToken) ? 1 : 0;
        }

        return [new ErasedCount(InvitationKind, erased)];
    }

    /// <summary>A session changed meanwhile is read again (<see cref="ErasureRetry"/>).</summary>
    private Task<bool> EraseFromAsync(StoredSession stored, string objectId, CancellationToken cancellationToken) =>
        ErasureRetry.EraseAsync(
            stored,
            async current =>
            {
                if (!current.Session.Invitees.Any(i => i.ObjectId == objectId) && current.Session.TeamsAttendance?.Present.Contains(objectId) != true)
                {
                    return false;
                }

                var message = outbox.Create(current.Session.ProjectId, SessionNotifications.UpdateCardsOf(current.Session.Id));
                try
                {
                    await sessions.UpdateAsync(current, Anonymous(current.Session, objectId, ErasedPrefix + RandomIds.New()), null, [message.Action], cancellationToken);
                }
                catch (SessionConflictException)
                {
                    return null;
                }

                await nudge.NudgeAsync([message], cancellationToken);
                return true;
            },
            current => sessions.FindAsync(current.Session.ProjectId, current.Session.Id, cancellationToken));

    private static SupervisionSession Anonymous(SupervisionSession session, string objectId, string anonymous) => session with
    {
        Invitees = [.. session.Invitees.Select(i => i.ObjectId == objectId ? i with { ObjectId = anonymous } : i)],
        TeamsAttendance = session.TeamsAttendance is { } teams
            ? teams with { Present = [.. teams.Present.Select(id => id == objectId ? anonymous : id)] }
            : null,
    };
}
