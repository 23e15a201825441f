using PartnerHub.Api.Partners;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>A signed-in woman found on a cohort's list: the project (of her tenant), the cohort as read and her entry on it.</summary>
public sealed record ParticipantPlace(Project Project, StoredCohort Cohort, CourseParticipant Self)
{
    public CourseActor Viewer => CourseActor.ForParticipant(Self, Project.Id);
}

/// <summary>
/// Who a course participant is, beside <see cref="Bot.ActorResolver"/> (which knows only the directory's members): a
/// woman whose account is on a cohort's list, in a project of the tenant her token or activity names. Every answer is
/// verified against the cohort as it is now and its project's tenant; an index row alone never shows anything.
/// </summary>
public sealed class CourseParticipantResolver(CourseStore store, ProjectStore projects)
{
    /// <summary>Every cohort she is on, in her tenant's projects: her account's index rows, each verified by point reads.</summary>
    public async Task<IReadOnlyList<ParticipantPlace>> PlacesAsync(string? tenantId, string? objectId, CancellationToken cancellationToken)
    {
        var places = new List<ParticipantPlace>();
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(objectId))
        {
            return places;
        }

        foreach (var (projectId, cohortId) in await store.AccountCohortsAsync(objectId, cancellationToken))
        {
            if (await ResolveAsync(tenantId, objectId, projectId, cohortId, cancellationToken) is { } place)
            {
                places.Add(place);
            }
        }

        return places;
    }

    /// <summary>Her place on one cohort, or null unless the project is her tenant's and her account is on its list now.</summary>
    public async Task<ParticipantPlace?> ResolveAsync(string? tenantId, string? objectId, string? projectId, string? cohortId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenantId) || string.IsNullOrEmpty(objectId) || !Project.IsValidId(projectId) || !Cohort.IsValidId(cohortId))
        {
            return null;
        }

        var project = await projects.FindAsync(projectId!, cancellationToken);
        if (project is null || project.TenantId.Length == 0 || !string.Equals(project.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var cohort = await store.FindCohortAsync(project.Id, cohortId!, cancellationToken);
        var self = cohort?.Cohort.Participants.FirstOrDefault(p => p.ObjectId is { Length: > 0 } id && string.Equals(id, objectId, StringComparison.Ordinal));
        return cohort is null || self is null ? null : new ParticipantPlace(project, cohort, self);
    }
}
