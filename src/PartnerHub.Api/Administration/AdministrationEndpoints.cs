using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Changes;
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
            .WithName("AppointCoordinator")
            .WithSummary("Appoints a coordinator of the project by Entra object id (201; 200 when she is one already). Administrators only.")
            .WithDescription("409 when she is listed in the project with another role: a coordinator changes that in the directory.");

        return api;
    }

    private static async Task<IResult> CreateProjectAsync(
        HttpContext http,
        [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey,
        CreateProjectRequest body,
        ProjectStore projects,
        ProjectCreations creations,
        AuditLog audit,
        AdministrationProblems problems,
        CancellationToken cancellationToken)
    {
        var (tenantId, objectId) = http.User.EntraIdentity()!.Value;
        if (RestHeaders.Idempotency(idempotencyKey) is not { } requestKey)
        {
            return RestHeaders.IdempotencyKeyRequired("create the project twice");
        }

        var (project, errors) = ProjectInput.Validate(body, tenantId);
        if (project is null)
        {
            return problems.Invalid(http, errors);
        }

        var fingerprint = ChangeFingerprint.Of(objectId, project.Id, null, "CreateProject", ToResponse(project));
        var receiptKey = ProjectCreations.DedupePrefix + ChangeFingerprint.Of(objectId, project.Id, null, "CreateProjectKey", requestKey)[..32];
        if (await projects.CreateAsync(project, cancellationToken, [ProjectCreations.Receipt(project.Id, receiptKey, fingerprint)]))
        {
            await audit.RecordAsync(project.Id, objectId, "CreateProject", "project", project.Id, allowed: true, cancellationToken);
            return TypedResults.Created($"/api/projects/{project.Id}", ToResponse(project));
        }

        // The project exists: the same administrator's retry of this very request answers as it did the first time.
        var earlier = await creations.FindAsync(project.Id, receiptKey, cancellationToken);
        if (earlier is null)
        {
            return RestProblems.Conflict("A project with this id exists already.");
        }

        if (earlier != fingerprint)
        {
            return RestProblems.Conflict("This Idempotency-Key was already used for another request. Use a new key for a new request.");
        }

        return await projects.FindAsync(project.Id, cancellationToken) is { } stored
            ? TypedResults.Ok(ToResponse(stored))
            : RestProblems.Conflict("This Idempotency-Key was already used for a project that no longer exists. Use a new key.");
    }

    private static async Task<IResult> AppointCoordinatorAsync(
        HttpContext http,
        string projectId,
        AppointCoordinatorRequest body,
        ProjectStore projects,
        DirectoryStore directory,
        AuditLog audit,
        AdministrationProblems problems,
        CancellationToken cancellationToken)
    {
        var (tenantId, actorObjectId) = http.User.EntraIdentity()!.Value;

        // A project of another tenant is not this administrator's to see.
        if (await projects.FindAsync(projectId, cancellationToken) is not { } project
            || (project.TenantId.Length > 0 && !string.Equals(project.TenantId, tenantId, StringComparison.OrdinalIgnoreCase)))
        {
            return RestProblems.ProjectNotFound();
        }

        var (input, errors) = CoordinatorInput.Validate(body);
        if (input is null)
        {
            return problems.Invalid(http, errors);
        }

        var member = new ProjectMember(input.ObjectId, project.Id, ProjectRole.Coordinator, OrganisationId: null, input.DisplayName);
        var existing = await directory.FindStoredMemberAsync(project.Id, input.ObjectId, cancellationToken);
        // The directory's own idempotency row: the same appointment retried is written once.
        var fingerprint = ChangeFingerprint.Of(actorObjectId, DirectoryService.MemberRecord(member.ObjectId), fromVersion: null, "AppointCoordinator", member);
        var added = existing is null && await directory.AddMemberAsync(tenantId, member, fingerprint, cancellationToken) == DirectoryWriteOutcome.Saved;
        var stored = await directory.FindStoredMemberAsync(project.Id, input.ObjectId, cancellationToken);
        if (stored is null)
        {
            // Added and removed again in between by a coordinator: nothing to answer but the race.
            return RestProblems.Conflict("She was removed from the project right after. Read the directory and try again.");
        }

        if (stored.Member.Role != ProjectRole.Coordinator)
        {
            return RestProblems.Conflict("She is listed in this project with another role. A coordinator of the project changes her role in the directory.");
        }

        if (!added)
        {
            return TypedResults.Ok(ToResponse(stored));
        }

        await audit.RecordAsync(project.Id, actorObjectId, "AppointCoordinator", "member", input.ObjectId, allowed: true, cancellationToken);
        return TypedResults.Created($"/api/projects/{project.Id}/directory/members/{input.ObjectId}", ToResponse(stored));
    }

    private static AdminProjectResponse ToResponse(Project project) =>
        new(project.Id, project.Name, project.Municipality, project.Areas, project.FixedPlace, project.Language);

    private static CoordinatorResponse ToResponse(StoredMember stored) =>
        new(stored.Member.ObjectId, stored.Member.FirstName, stored.Member.Role.ToString(), stored.ETag.ToString());
}
