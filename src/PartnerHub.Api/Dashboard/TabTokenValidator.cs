using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Rest;

namespace PartnerHub.Api.Dashboard;

public enum TabTokenStatus
{
    Valid,

    /// <summary>Genuine but past its lifetime: the tab asks Teams for a new one.</summary>
    Expired,
    Invalid,
}

/// <summary>The outcome of validating a Teams SSO token; identity, expiry and the administrator role only when valid.</summary>
public sealed record TabTokenResult(TabTokenStatus Status, string? TenantId = null, string? ObjectId = null, DateTimeOffset ExpiresAt = default, bool IsAdministrator = false)
{
    public static TabTokenResult Invalid { get; } = new(TabTokenStatus.Invalid);
}

/// <summary>
/// Validates the token <c>authentication.getAuthToken()</c> gives the tab exactly as the REST API validates its bearer
/// tokens: by running the REST scheme itself (Microsoft.Identity.Web's JwtBearer with its options, configuration
/// manager, issuer validation and events, and the <c>oid</c>+<c>tid</c> rule) on a request that carries nothing but the
/// token, then the REST policy's scope rule: a user's token with <c>access_as_user</c> (an app-only token is nobody at
/// the keyboard).
/// </summary>
public sealed partial class TabTokenValidator(IServiceScopeFactory scopes, RestApiSettings rest, ILogger<TabTokenValidator> logger)
{
    /// <summary>Entra access tokens are a few kB; anything far larger is not one.</summary>
    public const int MaxTokenLength = 16 * 1024;

    public async Task<TabTokenResult> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (rest.Mode != RestAuthenticationMode.Entra || string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength || token.Any(char.IsWhiteSpace))
        {
            return TabTokenResult.Invalid;
        }

        await using var scope = scopes.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider, RequestAborted = cancellationToken };
        http.Request.Headers.Authorization = "Bearer " + token;
        var result = await http.AuthenticateAsync(RestApi.AuthenticationScheme);
        if (!result.Succeeded)
        {
            var failure = result.Failure?.GetType().Name ?? "no-result";
            LogRefused(logger, failure);
            return result.Failure is SecurityTokenExpiredException ? new TabTokenResult(TabTokenStatus.Expired) : TabTokenResult.Invalid;
        }

        var user = result.Principal;
        if (user.EntraIdentity() is not { } identity || !RestApi.HasDelegatedScope(user)
            || !long.TryParse(user.FindFirst("exp")?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var exp))
        {
            LogRefused(logger, "scope-or-identity");
            return TabTokenResult.Invalid;
        }

        return new TabTokenResult(TabTokenStatus.Valid, identity.TenantId, identity.ObjectId, DateTimeOffset.FromUnixTimeSeconds(exp), AdministrationRegistration.IsAdministrator(user));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Coordinator tab token refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}
