using PartnerHub.Api.Partners;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>The project's themes as its course settings hold them (one point read).</summary>
public sealed class CourseThemes(CourseSettingsStore settings) : IProjectThemes
{
    public async Task<ThemeCatalogue> ForProjectAsync(string projectId, CancellationToken cancellationToken) =>
        (await settings.GetAsync(projectId, cancellationToken)).Settings.Themes;
}
