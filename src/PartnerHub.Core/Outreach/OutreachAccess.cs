using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Outreach;

[AuditAction]
public enum OutreachAction
{
    /// <summary>Log a contact of her own.</summary>
    Log,

    /// <summary>List or read entries she logged herself.</summary>
    ReadOwn,

    /// <summary>Read the project's monthly counts: aggregates, never an entry.</summary>
    ReadCounts,

    /// <summary>Read and correct an entry's topics (GDPR Art. 16): the mother who logged it, or a coordinator of its project.</summary>
    CorrectTopics,
}

/// <summary>
/// Who may do what with the outreach log. A neighbourhood mother logs and reads her own entries; a coordinator reads
/// the counts only, never a mother's individual entries (they would show where one mother went when); nobody else
/// anything. A correction of an entry's topics is the one exception: the mother who logged it and the project's
/// coordinator may both correct them, and the coordinator sees the topics only (not who, when or how).
/// </summary>
public static class OutreachAccess
{
    public static bool Allows(Actor actor, OutreachAction action, OutreachEntry? entry = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return action switch
        {
            OutreachAction.Log => actor.Role == ProjectRole.NeighbourhoodMother,
            OutreachAction.ReadOwn => actor.Role == ProjectRole.NeighbourhoodMother
                && (entry is null || (entry.ProjectId == actor.ProjectId && entry.MotherObjectId == actor.ObjectId)),
            OutreachAction.ReadCounts => actor.Role == ProjectRole.Coordinator,
            OutreachAction.CorrectTopics => entry is null
                ? actor.Role is ProjectRole.NeighbourhoodMother or ProjectRole.Coordinator
                : entry.ProjectId == actor.ProjectId
                    && (actor.Role == ProjectRole.Coordinator || (actor.Role == ProjectRole.NeighbourhoodMother && entry.MotherObjectId == actor.ObjectId)),
            _ => false,
        };
    }
}
