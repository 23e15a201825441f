using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Outreach;

public enum OutreachAction
{
    /// <summary>Log a contact of her own.</summary>
    Log,

    /// <summary>List or read entries she logged herself.</summary>
    ReadOwn,

    /// <summary>Read the project's monthly counts: aggregates, never an entry.</summary>
    ReadCounts,
}

/// <summary>
/// Who may do what with the outreach log. A neighbourhood mother logs and reads her own entries; a coordinator reads
/// the counts only, never a mother's individual entries (they would show where one mother went when); nobody else
/// anything.
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
            _ => false,
        };
    }
}
