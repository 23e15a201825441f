using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerHub.Api.Health;

/// <summary>
/// Readiness (<c>/health/ready</c>): can this instance do its work? Storage, and the Bot Connector and Graph tokens
/// when they are configured. <c>/health</c> stays the liveness probe (the process answers) and checks nothing.
/// </summary>
public static class HealthRegistration
{
    public const string ReadyPath = "/health/ready";

    /// <summary>The check names the readiness answer lists (and App Service's health check reads as a whole).</summary>
    public static class Checks
    {
        public const string Tables = "storage-tables";
        public const string Queues = "storage-queues";
        public const string Blobs = "storage-blobs";
        public const string Connector = "bot-connector-token";
        public const string Graph = "graph";
    }

    public static IServiceCollection AddHealth(this IServiceCollection services)
    {
        services.AddHttpClient(GraphHealthCheck.HttpClientName);
        services.AddSingleton<GraphHealthCheck>();
        services.AddHealthChecks()
            .AddCheck<TableStorageHealthCheck>(Checks.Tables)
            .AddCheck<QueueStorageHealthCheck>(Checks.Queues)
            .AddCheck<BlobStorageHealthCheck>(Checks.Blobs)
            .AddCheck<ConnectorTokenHealthCheck>(Checks.Connector)
            .Add(new HealthCheckRegistration(Checks.Graph, provider => provider.GetRequiredService<GraphHealthCheck>(), failureStatus: null, tags: null));
        return services;
    }

    /// <summary>Anonymous, like any probe: 200 when every check is healthy, 503 otherwise, never cached.</summary>
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(ReadyPath, new HealthCheckOptions
        {
            ResponseWriter = ReadinessResponse.WriteAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        }).ExcludeFromDescription();
        return endpoints;
    }
}
