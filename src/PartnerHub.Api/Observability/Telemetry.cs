using System.Diagnostics;
using System.Diagnostics.Metrics;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace PartnerHub.Api.Observability;

/// <summary>
/// PartnerHub's own traces and metrics. Tags carry ids, verbs, states and outcomes only: never names, phone
/// numbers, notes or card text (a test runs whole workflows with canary personal data to hold us to that).
/// </summary>
public static class Telemetry
{
    public const string Name = "PartnerHub";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> CardActions = Meter.CreateCounter<long>("partnerhub.card_actions", description: "Card actions handled, by verb and outcome.");

    /// <summary>Storage round trips (<see cref="Storage.StorageRequestCounter"/>), by service, table or queue, and kind of call.</summary>
    public static readonly Counter<long> StorageRequests = Meter.CreateCounter<long>("partnerhub.storage.requests", description: "Storage round trips, retries included, by service, target and operation.");

    public static readonly Counter<long> ReferralChanges = Meter.CreateCounter<long>("partnerhub.referral_changes", description: "Referral changes, by action and outcome.");

    /// <summary>
    /// OpenTelemetry for ASP.NET Core, outgoing HTTP (Connector, Graph, storage) and PartnerHub's own sources, exported over
    /// OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set (Azure Monitor's collector, or a local one). Without it nothing is
    /// collected: spans and metrics nobody exports cost every request CPU all the same (bench/README.md, "Where a change's
    /// CPU goes"). The meters are still there for <c>dotnet-counters</c> and in-process listeners.
    /// </summary>
    public static IServiceCollection AddPartnerHubTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("partnerhub-api"))
            .WithTracing(tracing => tracing
                .AddSource(Name)
                // Request paths carry project and referral ids only; query strings are not recorded by default.
                .AddAspNetCoreInstrumentation(options => options.RecordException = false)
                .AddHttpClientInstrumentation(options => options.RecordException = false)
                .AddOtlpExporter())
            .WithMetrics(metrics => metrics
                .AddMeter(Name)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddOtlpExporter());
        return services;
    }
}
