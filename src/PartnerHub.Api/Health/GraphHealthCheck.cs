using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.IdentityModel.JsonWebTokens;
using PartnerHub.Api.Graph;

namespace PartnerHub.Api.Health;

/// <summary>
/// The app obtains its Graph token and that token carries every application permission the Graph gateways need
/// (<see cref="GraphPermissions"/>): missing admin consent shows here, by permission name, not at the first meeting.
/// </summary>
internal sealed class GraphHealthCheck : IHealthCheck
{
    public const string HttpClientName = "PartnerHub.Health.Graph";

    private readonly GraphOptions _options;
    private readonly Lazy<TokenCredential> _credential;
    private readonly ILogger<GraphHealthCheck> _logger;

    public GraphHealthCheck(GraphOptions options, IHttpClientFactory httpClients, ILogger<GraphHealthCheck> logger)
    {
        _options = options;
        _logger = logger;
        // One credential for the app's life, so its token cache spares Entra a request per probe.
        _credential = new Lazy<TokenCredential>(() => GraphClientBuilder.CreateCredential(options, httpClients.CreateClient(HttpClientName)));
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (!_options.IsConfigured)
        {
            // The local calendar stands in: nothing reaches Outlook, which the start-up log and the cards say.
            return HealthCheckResult.Healthy("not configured");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TokenProbe.Timeout);
        string token;
        try
        {
            token = (await _credential.Value.GetTokenAsync(new TokenRequestContext([GraphClientBuilder.GraphScope]), limit.Token)).Token;
        }
        catch (AuthenticationFailedException e)
        {
            TokenProbe.LogRefused(_logger, "graph", (e.InnerException as Microsoft.Identity.Client.MsalServiceException)?.ErrorCode ?? "unknown");
            return HealthCheckResult.Unhealthy("token refused");
        }
        catch (Exception e)
        {
            TokenProbe.LogFailed(_logger, "graph", e.GetType().Name);
            return HealthCheckResult.Unhealthy("token not obtained");
        }

        var missing = MissingPermissions(token);
        return missing is null ? HealthCheckResult.Unhealthy("token unreadable")
            : missing.Count == 0 ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("missing application permissions: " + string.Join(", ", missing));
    }

    /// <summary>The needed permissions the token's roles do not grant; null when the token is not a readable JWT.</summary>
    private List<string>? MissingPermissions(string token)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var roles = jwt.Claims.Where(c => c.Type == "roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return [.. GraphPermissions.NeededBy(_options).Where(need => !need.IsMetBy(roles)).Select(need => need.Permission)];
    }
}
