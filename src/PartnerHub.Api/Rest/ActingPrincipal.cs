using System.Security.Claims;

namespace PartnerHub.Api.Rest;

/// <summary>
/// Metadata for endpoints that act as one fixed person where nobody signs in (the local demo's Outlook pane API):
/// <see cref="InvokeAsync"/> puts her on the request before the project-role gate (<see cref="ProjectRoleFilter"/>)
/// looks for a caller.
/// </summary>
public sealed class ActingPrincipal(Func<ClaimsPrincipal> principal)
{
    public static Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(next);
        if (http.GetEndpoint()?.Metadata.GetMetadata<ActingPrincipal>() is { } acting)
        {
            http.User = acting.Principal();
        }

        return next(http);
    }

    private Func<ClaimsPrincipal> Principal { get; } = principal;
}
