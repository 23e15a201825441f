using Microsoft.AspNetCore.Http.HttpResults;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>REST: the project itself.</summary>
public static class ProjectEndpoints
{
    /// <summary>The project as the tab shows it; no people, no referrals.</summary>
    public sealed record ProjectResponse(string Id, string Name, string Municipality, string FixedPlace);

    public static RouteGroupBuilder MapProjectEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/projects/{projectId}", GetProjectAsync)
            .RequireProjectMember()
            .WithName("GetProject")
            .WithSummary("A project: name, municipality and fixed place. For any member of the project.")
            .WithTags("Projects");
        return api;
    }

    private static async Task<Results<Ok<ProjectResponse>, ProblemHttpResult>> GetProjectAsync(HttpContext http, ProjectStore projects, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        return await projects.FindAsync(caller.ProjectId, cancellationToken) is { } project
            ? TypedResults.Ok(ToResponse(project))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Project not found", detail: "There is no project with this id.");
    }

    private static ProjectResponse ToResponse(Project project) => new(project.Id, project.Name, project.Municipality, project.FixedPlace);
}
