using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using PartnerHub.Api.Observability;

namespace PartnerHub.Api.Tests.Observability;

/// <summary>Spans and metrics are collected only when there is somewhere to export them.</summary>
public class TelemetryTests
{
    [Fact]
    public void Without_an_OTLP_endpoint_nothing_is_collected()
    {
        using var services = Provider(endpoint: null);

        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<MeterProvider>());
    }

    [Fact]
    public void With_an_OTLP_endpoint_traces_and_metrics_are_collected_for_export()
    {
        using var services = Provider(endpoint: "http://127.0.0.1:4317");

        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<MeterProvider>());
    }

    private static ServiceProvider Provider(string? endpoint)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint })
            .Build();
        return new ServiceCollection().AddLogging().AddPartnerHubTelemetry(configuration).BuildServiceProvider();
    }
}
