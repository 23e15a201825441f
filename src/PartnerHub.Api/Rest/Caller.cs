using System.Security.Claims;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Rest;

/// <summary>
/// The authenticated caller of a project-scoped REST endpoint, as <see cref="ProjectRoleFilter"/> resolved it:
/// identity from the validated token, role from the partner directory.
/// </summary>
public sealed record Caller(string TenantId, string ObjectId, string ProjectId, ProjectRole Role, string? OrganisationId)
{
    /// <summary>The caller as the application services and Core's access rules know a person.</summary>
    public Actor ToActor() => new(ObjectId, ProjectId, Role, OrganisationId);
}

public static class CallerHttpContextExtensions
{
    private static readonly object ItemKey = new();

    /// <summary>
    /// The caller resolved for this request. Throws when the endpoint has no <c>RequireProjectRole</c>/<c>RequireProjectMember</c>:
    /// a handler that needs a caller must never run without the check (the exception becomes a 500, failing closed).
    /// </summary>
    public static Caller GetCaller(this HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        return httpContext.Items.TryGetValue(ItemKey, out var value) && value is Caller caller
            ? caller
            : throw new InvalidOperationException("No project caller for this request: add RequireProjectRole(...) or RequireProjectMember() to the endpoint.");
    }

    internal static void SetCaller(this HttpContext httpContext, Caller caller) => httpContext.Items[ItemKey] = caller;

    /// <summary>The Entra tenant and object id of a validated token (raw claim names: inbound claim mapping is off).</summary>
    public static (string TenantId, string ObjectId)? EntraIdentity(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tenantId = user.FindFirst(RestApi.TenantIdClaim)?.Value;
        var objectId = user.FindFirst(RestApi.ObjectIdClaim)?.Value;
        return string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(objectId) ? null : (tenantId, objectId);
    }
}
