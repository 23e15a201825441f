using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.Configuration;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Api.Rest;

namespace PartnerHub.Api.Dashboard;

public enum TabTokenStatus
{
    Valid,

    /// <summary>Genuine but past its lifetime: the tab asks Teams for a new one.</summary>
    Expired,
    Invalid,
}

/// <summary>The outcome of validating a Teams SSO token; identity and expiry only when valid.</summary>
public sealed record TabTokenResult(TabTokenStatus Status, string? TenantId = null, string? ObjectId = null, DateTimeOffset ExpiresAt = default)
{
    public static TabTokenResult Invalid { get; } = new(TabTokenStatus.Invalid);
}

/// <summary>
/// Validates the token <c>authentication.getAuthToken()</c> gives the tab, exactly as the REST API validates its bearer
/// tokens: the REST scheme's own <see cref="JwtBearerOptions"/> (Microsoft.Identity.Web's issuer validator, audiences,
/// lifetime), its configuration manager (the tenant's signing keys) and its token handlers, then the same rules after
/// validation: <c>oid</c> and <c>tid</c> required, and a user's token with the <c>access_as_user</c> scope (an app-only
/// token is nobody at the keyboard).
/// </summary>
public sealed partial class TabTokenValidator(IOptionsMonitor<JwtBearerOptions> jwtOptions, RestApiSettings rest, ILogger<TabTokenValidator> logger)
{
    /// <summary>Entra access tokens are a few kB; anything far larger is not one.</summary>
    public const int MaxTokenLength = 16 * 1024;

    public async Task<TabTokenResult> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        if (rest.Mode != RestAuthenticationMode.Entra || string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return TabTokenResult.Invalid;
        }

        var options = jwtOptions.Get(RestApi.AuthenticationScheme);
        var parameters = await ParametersAsync(options, cancellationToken);
        var expired = false;
        foreach (var handler in options.TokenHandlers)
        {
            TokenValidationResult result;
            try
            {
                result = await handler.ValidateTokenAsync(token, parameters);
            }
            catch (Exception e) when (e is ArgumentException or SecurityTokenException or InvalidConfigurationException)
            {
                var failure = e.GetType().Name;
                LogRefused(logger, failure);
                continue;
            }

            if (!result.IsValid)
            {
                expired |= result.Exception is SecurityTokenExpiredException;
                var failure = result.Exception?.GetType().Name ?? "unknown";
                LogRefused(logger, failure);
                continue;
            }

            var user = new ClaimsPrincipal(result.ClaimsIdentity);
            if (user.EntraIdentity() is not { } identity || !RestApi.HasDelegatedScope(user))
            {
                // A genuine token, but not a user's token for PartnerHub's tab: no other handler would change that.
                LogRefused(logger, "scope-or-identity");
                return TabTokenResult.Invalid;
            }

            var expires = result.SecurityToken.ValidTo == DateTime.MinValue
                ? DateTimeOffset.MinValue
                : new DateTimeOffset(DateTime.SpecifyKind(result.SecurityToken.ValidTo, DateTimeKind.Utc));
            return new TabTokenResult(TabTokenStatus.Valid, identity.TenantId, identity.ObjectId, expires);
        }

        return expired ? new TabTokenResult(TabTokenStatus.Expired) : TabTokenResult.Invalid;
    }

    /// <summary>As JwtBearerHandler prepares them: the signing keys and issuer from the configuration manager.</summary>
    private static async Task<TokenValidationParameters> ParametersAsync(JwtBearerOptions options, CancellationToken cancellationToken)
    {
        var parameters = options.TokenValidationParameters.Clone();
        if (options.ConfigurationManager is BaseConfigurationManager managed)
        {
            parameters.ConfigurationManager = managed;
        }
        else if (options.ConfigurationManager is { } manager)
        {
            var configuration = await manager.GetConfigurationAsync(cancellationToken);
            parameters.ValidIssuers = [.. parameters.ValidIssuers ?? [], configuration.Issuer];
            parameters.IssuerSigningKeys = [.. parameters.IssuerSigningKeys ?? [], .. configuration.SigningKeys];
        }

        return parameters;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Coordinator tab token refused ({Reason})")]
    private static partial void LogRefused(ILogger logger, string reason);
}
