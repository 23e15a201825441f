using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Administration;

/// <summary>
/// REST for administrators: <c>POST /api/admin/projects</c> creates a project, <c>POST /api/admin/projects/{projectId}/coordinators</c>
/// appoints a coordinator. From then on the coordinators run the project through the directory endpoints and cards.
/// </summary>
public static class AdministrationEndpoints
{
    private const string Tag = "Administration";

    /// <summary>A new project. <c>id</c>: a-z, 0-9 and hyphens, 3-40, starting with a letter; <c>language</c>: da or en.</summary>
    public sealed record CreateProjectRequest(string? Id, string? Name, string? Municipality, IReadOnlyList<string?>? Areas, string? FixedPlace, string? Language);

    public sealed record AdminProjectResponse(string Id, string Name, string Municipality, IReadOnlyList<string> Areas, string FixedPlace, string Language);

    /// <summary>A person by Entra object id, with the name her colleagues see on cards.</summary>
    public sealed record AppointCoordinatorRequest(string? ObjectId, string? DisplayName);

    /// <summary>The coordinator as listed; <c>etag</c> is what a later change in the directory sends in <c>If-Match</c>.</summary>
    public sealed record CoordinatorResponse(string ObjectId, string DisplayName, string Role, string ETag);

    /// <summary>Maps <c>/admin</c> on the REST group: administrators only (403 for anyone else, 401 without a token).</summary>
    public static RouteGroupBuilder MapAdministrationEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var admin = api.MapGroup("/admin")
            .RequireAuthorization(AdministrationRegistration.Policy)
            .WithTags(Tag);

        admin.MapPost("/projects", CreateProjectAsync)
            .Produces<AdminProjectResponse>(StatusCodes.Status201Created)
            .Produces<AdminProjectResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("CreateProject")
            .WithSummary("Creates a project (201). Administrators only (app role PartnerHub.Admin). Idempotency-Key header required; a repeat answers 200 with the project it created.")
            .WithDescription("409 when a project with this id exists already.");

        admin.MapPost("/projects/{projectId}/coordinators", AppointCoordinatorAsync)
            .Produces<CoordinatorResponse>(StatusCodes.Status201Created)
            .Produces<CoordinatorResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("AppointCoordinator")
            .WithSummary("Appoints a coordinator of the project by Entra object id (201; 200 when she is one already). Administrators only.")
            .WithDescription("409 when she is listed in the project with another role: a coordinator changes that in the directory.");

        return api;
    }

    private static async Task<IResult> CreateProjectAsync(
        HttpContext http,
        [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey,
        CreateProjectRequest body,
        ProjectAdministration administration,
        AdministrationProblems problems,
        CancellationToken cancellationToken)
    {
        var (tenantId, objectId) = http.User.EntraIdentity()!.Value;
        if (RestHeaders.Idempotency(idempotencyKey) is not { } requestKey)
        {
            return RestHeaders.IdempotencyKeyRequired("create the project twice");
        }

        var creation = await administration.CreateProjectAsync(new Administrator(tenantId, objectId), body, requestKey, cancellationToken);
        return creation.Status switch
        {
            ProjectCreationStatus.Created => (IResult)TypedResults.Created($"/api/projects/{creation.Project!.Id}", ToResponse(creation.Project)),
            ProjectCreationStatus.Repeated => TypedResults.Ok(ToResponse(creation.Project!)),
            ProjectCreationStatus.Invalid => problems.Invalid(http, creation.Errors),
            ProjectCreationStatus.Exists => RestProblems.Conflict("A project with this id exists already."),
            _ => RestProblems.Conflict("This Idempotency-Key was already used for another request. Use a new key for a new request."),
        };
    }

    private static async Task<IResult> AppointCoordinatorAsync(
        HttpContext http,
        string projectId,
        AppointCoordinatorRequest body,
        ProjectAdministration administration,
        AdministrationProblems problems,
        CancellationToken cancellationToken)
    {
        var (tenantId, objectId) = http.User.EntraIdentity()!.Value;
        var appointment = await administration.AppointCoordinatorAsync(new Administrator(tenantId, objectId), projectId, body, cancellationToken);
        return appointment.Status switch
        {
            AppointmentStatus.Appointed => (IResult)TypedResults.Created($"/api/projects/{projectId}/directory/members/{appointment.Coordinator!.Member.ObjectId}", ToResponse(appointment.Coordinator)),
            AppointmentStatus.AlreadyCoordinator => TypedResults.Ok(ToResponse(appointment.Coordinator!)),
            AppointmentStatus.Invalid => problems.Invalid(http, appointment.Errors),
            AppointmentStatus.ProjectNotFound => RestProblems.ProjectNotFound(),
            AppointmentStatus.PersonCheckUnavailable => TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Service unavailable",
                detail: "Entra could not be asked whether she is in the organisation. Nothing was written; try again in a moment."),
            AppointmentStatus.OtherRole => RestProblems.Conflict("She is listed in this project with another role. A coordinator of the project changes her role in the directory."),
            _ => RestProblems.Conflict("She was removed from the project right after. Read the directory and try again."),
        };
    }

    private static AdminProjectResponse ToResponse(Project project) =>
        new(project.Id, project.Name, project.Municipality, project.Areas, project.FixedPlace, project.Language);

    private static CoordinatorResponse ToResponse(StoredMember stored) =>
        new(stored.Member.ObjectId, stored.Member.FirstName, stored.Member.Role.ToString(), stored.ETag.ToString());
}
