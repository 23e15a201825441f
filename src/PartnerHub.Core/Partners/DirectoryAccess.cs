namespace PartnerHub.Core.Partners;

/// <summary>What a person may do with a project's partner directory (organisations and people).</summary>
public static class DirectoryAccess
{
    /// <summary>
    /// Only the project's own coordinators see or change its directory: the directory decides every other role,
    /// so anyone else who could change it could grant herself anything.
    /// </summary>
    public static bool Allows(Actor? actor, string projectId) =>
        actor is { Role: ProjectRole.Coordinator } && actor.ProjectId == projectId;

    /// <summary>
    /// True when giving <paramref name="objectId"/> the role <paramref name="newRole"/> (null: removing her) would
    /// leave the project without any coordinator, and so without anyone who can manage it from Teams.
    /// </summary>
    /// <param name="coordinators">The project's coordinators as the directory lists them now.</param>
    public static bool LeavesNoCoordinator(IEnumerable<ProjectMember> coordinators, string objectId, ProjectRole? newRole)
    {
        ArgumentNullException.ThrowIfNull(coordinators);
        if (newRole == ProjectRole.Coordinator)
        {
            return false;
        }

        var current = coordinators.Where(m => m.Role == ProjectRole.Coordinator).Select(m => m.ObjectId).ToList();
        return current.Contains(objectId, StringComparer.Ordinal) && current.All(id => string.Equals(id, objectId, StringComparison.Ordinal));
    }

    /// <summary>
    /// True when the actor would take away her own coordinator role (<paramref name="newRole"/> null: remove herself).
    /// Refused on every path, even when another coordinator is left: one slip would lock her out of the directory, and
    /// a second coordinator can always do it for her.
    /// </summary>
    public static bool ChangesOwnRole(Actor actor, string objectId, ProjectRole? newRole)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return string.Equals(actor.ObjectId, objectId, StringComparison.Ordinal) && newRole != ProjectRole.Coordinator;
    }
}
