using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// The projects an organiser coordinates, by keyed reads only: the tenant from the project her subscription was made
/// for (a point read), then her memberships in the directory (<c>people</c>: one partition per person).
/// </summary>
public sealed class OrganizerProjects(ProjectStore projects, ICallerDirectory directory)
{
    public async Task<IReadOnlyList<string>> CoordinatedByAsync(string knownProjectId, string organizerObjectId, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(knownProjectId, cancellationToken) is not { } project || string.IsNullOrEmpty(project.TenantId))
        {
            return [];
        }

        var memberships = await directory.MembershipsAsync(project.TenantId, organizerObjectId, cancellationToken);
        return [.. memberships.Where(m => m.Role == ProjectRole.Coordinator).Select(m => m.ProjectId).Distinct(StringComparer.Ordinal)];
    }
}
