using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Rest;

/// <summary>
/// Project-scoped access for REST endpoints: reads <c>{projectId}</c>, resolves the caller's membership through
/// <see cref="ICallerDirectory"/> and lets the handler run only for an allowed role. The handler then reads the
/// <see cref="Caller"/> with <c>HttpContext.GetCaller()</c>. It runs as middleware right after authorization, before
/// the endpoint binds anything, so a refused caller hears 403 whatever her body held, never its 400.
/// </summary>
public static partial class ProjectRoleFilter
{
    public const string ProjectIdRouteValue = "projectId";

    /// <summary>Allows members of the route's project whose role is one of <paramref name="roles"/>.</summary>
    /// <example><c>api.MapGet("/projects/{projectId}/referrals", Handler).RequireProjectRole(ProjectRole.Coordinator);</c></example>
    public static TBuilder RequireProjectRole<TBuilder>(this TBuilder builder, params ProjectRole[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Length == 0)
        {
            // An empty list must not silently mean "anyone": say RequireProjectMember() when that is meant.
            throw new ArgumentException("Name at least one role, or use RequireProjectMember().", nameof(roles));
        }

        return builder.AddProjectFilter([.. roles]);
    }

    /// <summary>Allows any member of the route's project, whatever the role.</summary>
    public static TBuilder RequireProjectMember<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddProjectFilter(Enum.GetValues<ProjectRole>());

    private static TBuilder AddProjectFilter<TBuilder>(this TBuilder builder, ProjectRole[] allowed)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WithMetadata(new ProjectRoles(allowed));
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), ["application/problem+json"]));
        builder.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status404NotFound, typeof(ProblemDetails), ["application/problem+json"]));
        return builder;
    }

    /// <summary>The gate, between authorization and the endpoint (<c>RestApi</c>): endpoints without project roles pass.</summary>
    public static async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (http.GetEndpoint()?.Metadata.GetMetadata<ProjectRoles>() is { } roles && await RefusalAsync(http, roles.Allowed) is { } refusal)
        {
            await refusal.ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    /// <summary>Null when the caller may go on (her <see cref="Caller"/> set); otherwise the answer she gets.</summary>
    private static async Task<IResult?> RefusalAsync(HttpContext http, ProjectRole[] allowed)
    {
        if (http.GetRouteValue(ProjectIdRouteValue) is not string projectId || !Project.IsValidId(projectId))
        {
            // Never reaches storage: the id becomes a partition key.
            return RestProblems.ProjectNotFound();
        }

        if (http.User.EntraIdentity() is not { } identity)
        {
            // The policy on the REST group guarantees oid and tid; reaching here means the endpoint was mapped outside it.
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized);
        }

        var (tenantId, objectId) = identity;
        var directory = http.RequestServices.GetRequiredService<ICallerDirectory>();
        var memberships = await directory.MembershipsAsync(tenantId, objectId, http.RequestAborted);
        var membership = memberships.FirstOrDefault(m => m.ProjectId == projectId);
        if (membership is not null && allowed.Contains(membership.Role))
        {
            http.SetCaller(new Caller(tenantId, objectId, projectId, membership.Role, membership.OrganisationId));
            return null;
        }

        // Only a refused caller pays for the project lookup: unknown projects are 404, known ones 403.
        var projects = http.RequestServices.GetRequiredService<ProjectStore>();
        if (await projects.FindAsync(projectId, http.RequestAborted) is null)
        {
            return RestProblems.ProjectNotFound();
        }

        // The project's coordinator sees refused attempts in the audit trail, as refused card actions are: the route
        // pattern names what was tried (no ids from the path, which may name a record of another project).
        var endpoint = RefusedEndpoint(http);
        await http.RequestServices.GetRequiredService<AuditLog>()
            .RecordAsync(projectId, objectId, RefusedAction, EndpointRecordType, endpoint, allowed: false, http.RequestAborted);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProjectRoleFilter));
        LogRefused(logger, projectId, membership?.Role.ToString() ?? "none", endpoint);
        return Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Forbidden",
            detail: "You have no role in this project that allows this.");
    }

    /// <summary>The audit's action for a REST call refused by role.</summary>
    [AuditAction]
    public const string RefusedAction = "rest.refused";

    /// <summary>The audit's record type for a REST endpoint; its record id is the method and route pattern.</summary>
    public const string EndpointRecordType = "endpoint";

    /// <summary>"GET /api/projects/{projectId}/referrals/{referralId}": the pattern, never the values in the path.</summary>
    private static string RefusedEndpoint(HttpContext http) =>
        http.GetEndpoint() is RouteEndpoint route
            ? $"{http.Request.Method} /{route.RoutePattern.RawText?.TrimStart('/')}"
            : http.Request.Method;

    // Ids and roles only: no names, no token content.
    [LoggerMessage(Level = LogLevel.Warning, Message = "REST access refused in project {ProjectId}: caller's role {Role} is not allowed for {Endpoint}")]
    private static partial void LogRefused(ILogger logger, string projectId, string role, string? endpoint);

    /// <summary>The roles an endpoint admits, as metadata the gate reads.</summary>
    private sealed record ProjectRoles(ProjectRole[] Allowed);
}
