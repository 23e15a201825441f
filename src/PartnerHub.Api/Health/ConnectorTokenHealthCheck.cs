using Microsoft.Extensions.Diagnostics.HealthChecks;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Health;

/// <summary>The bot obtains its Bot Connector token (client credentials): without it no card leaves PartnerHub.</summary>
internal sealed partial class ConnectorTokenHealthCheck(IBotAppTokenProvider tokens, ILogger<ConnectorTokenHealthCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken)
    {
        if (tokens is NoTokenProvider)
        {
            // The Agents Playground mode: nothing to obtain.
            return HealthCheckResult.Healthy("not configured");
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TokenProbe.Timeout);
        try
        {
            return string.IsNullOrEmpty(await tokens.GetTokenAsync(limit.Token))
                ? HealthCheckResult.Unhealthy("no token")
                : HealthCheckResult.Healthy();
        }
        catch (Microsoft.Identity.Client.MsalServiceException e)
        {
            // Entra's error code (invalid_client, unauthorized_client) says what to fix; the message may hold ids.
            TokenProbe.LogRefused(logger, "connector", e.ErrorCode);
            return HealthCheckResult.Unhealthy("token refused");
        }
        catch (Exception e)
        {
            TokenProbe.LogFailed(logger, "connector", e.GetType().Name);
            return HealthCheckResult.Unhealthy("token not obtained");
        }
    }
}

/// <summary>What the token checks share: their time limit and their log lines (codes only, never a token or a message).</summary>
internal static partial class TokenProbe
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: Entra refused the {Check} token ({ErrorCode})")]
    public static partial void LogRefused(ILogger logger, string check, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: the {Check} token was not obtained ({Error})")]
    public static partial void LogFailed(ILogger logger, string check, string error);
}
