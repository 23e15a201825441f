using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Supervision;

/// <summary>
/// Who may do what with a supervision session (ARCHITECTURE §7). Pure: the caller supplies the actor from the directory.
/// A coordinator manages every session of her project (not only those she organises: a project may have two).
/// A neighbourhood mother or partner staff member who is invited may view the session and answer for herself.
/// Teachers, people not invited, and anyone from another project: nothing. Access does not depend on the state;
/// <see cref="SessionWorkflow"/> decides what the state allows.
/// </summary>
public static class SessionAccess
{
    public static bool Allows(Actor actor, SessionAction action, SupervisionSession? session)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (session is null)
        {
            return action == SessionAction.Create && actor.Role == ProjectRole.Coordinator;
        }

        if (!string.Equals(actor.ProjectId, session.ProjectId, StringComparison.Ordinal))
        {
            return false;
        }

        if (action == SessionAction.Respond)
        {
            // Only for herself: an invitee answers her own invitation; nobody answers on another's behalf.
            return IsInvitee(actor, session);
        }

        return actor.Role switch
        {
            ProjectRole.Coordinator => action is not SessionAction.Create,
            ProjectRole.NeighbourhoodMother or ProjectRole.PartnerStaff => action == SessionAction.View && IsInvitee(actor, session),
            _ => false,
        };
    }

    // Invitees are mothers and partner staff (SessionForm); a matching object id with another role (e.g. a teacher's
    // guest account) is not the invitee.
    private static bool IsInvitee(Actor actor, SupervisionSession session) =>
        actor.Role is ProjectRole.NeighbourhoodMother or ProjectRole.PartnerStaff && session.InviteeOf(actor.ObjectId) is { } invitee && invitee.Role == actor.Role;
}
