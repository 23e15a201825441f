using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// Who is acting in a Teams activity: the Entra object id and tenant Teams vouches for (the activity's token was
/// validated), mapped to a project role through the partner directory. Nothing in card data can raise a role.
/// In the local Playground demo the activity reaching here may already be the person the newcomer acts as
/// ("demo: Megan"): <see cref="DemoPersonas"/> sets that once, before anything reads the sender, so every reader agrees.
/// </summary>
public sealed class ActorResolver(ICallerDirectory directory)
{
    /// <param name="projectId">The project named by the card being acted on, when there is one; it must be one of the person's.</param>
    /// <param name="preferredRole">For commands that pick a project: the role to prefer when a person has several.</param>
    public async Task<Actor?> ResolveAsync(Activity activity, string? projectId, ProjectRole? preferredRole, CancellationToken cancellationToken)
    {
        if (activity.From?.AadObjectId is not { Length: > 0 } objectId || activity.TenantId is not { Length: > 0 } tenantId)
        {
            return null;
        }

        var memberships = await directory.MembershipsAsync(tenantId, objectId, cancellationToken);
        var membership = projectId is not null
            ? memberships.FirstOrDefault(m => m.ProjectId == projectId)
            : memberships.FirstOrDefault(m => m.Role == preferredRole) ?? (memberships.Count > 0 ? memberships[0] : null);
        return membership is null ? null : new Actor(objectId, membership.ProjectId, membership.Role, membership.OrganisationId);
    }
}
