using PartnerHub.Core.Course;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The themes of a project's course (its catalogue with the coordinator's changes), for features that name them without
/// owning the course: the outreach log's topics. The course feature provides it; without it, the default catalogue.
/// </summary>
public interface IProjectThemes
{
    Task<ThemeCatalogue> ForProjectAsync(string projectId, CancellationToken cancellationToken);
}
