using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnerHub.Api.Graph;

public static class GraphServiceCollectionExtensions
{
    /// <summary>
    /// The real Graph gateways when section "Graph" has TenantId, ClientId and a secret or certificate; the local demo
    /// ones otherwise. Which one is in use is logged at start-up, so nobody mistakes the demo for Outlook.
    /// </summary>
    public static IServiceCollection AddPartnerHubGraph(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = configuration.GetSection(GraphOptions.SectionName).Get<GraphOptions>() ?? new GraphOptions();
        services.AddSingleton(options);
        services.AddHostedService<GraphModeAnnouncer>();
        services.TryAddSingleton(TimeProvider.System);

        if (options.IsConfigured)
        {
            services.AddSingleton(provider => GraphClientBuilder.Create(
                options,
                GraphClientBuilder.CreateCredential(options),
                provider.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerHub.Api.Graph.Http")));
            services.AddSingleton<GraphUserDirectory>();
            services.AddSingleton<ICalendarGateway, GraphCalendarGateway>();
            services.AddSingleton<ISubscriptionGateway, GraphSubscriptionGateway>();
            services.AddSingleton<IDocumentGateway, GraphDocumentGateway>();
            services.AddSingleton<IMailboxCategoryGateway, GraphMailboxCategoryGateway>();
        }
        else
        {
            services.AddSingleton(_ => new LocalCalendarGateway());
            services.AddSingleton<ICalendarGateway>(provider => provider.GetRequiredService<LocalCalendarGateway>());
            services.AddSingleton<LocalSubscriptionGateway>();
            services.AddSingleton<ISubscriptionGateway>(provider => provider.GetRequiredService<LocalSubscriptionGateway>());
            services.AddSingleton<LocalDocumentGateway>();
            services.AddSingleton<IDocumentGateway>(provider => provider.GetRequiredService<LocalDocumentGateway>());
            services.AddSingleton<IMailboxCategoryGateway, LocalMailboxCategoryGateway>();
        }

        if (options.InstallsApp)
        {
            services.AddSingleton<IAppInstaller, GraphAppInstaller>();
        }
        else
        {
            // Without the catalog id (or Graph) PartnerHub is installed when she first writes to it (the Playground's way).
            services.AddSingleton<IAppInstaller, LocalAppInstaller>();
        }

        return services;
    }

    /// <summary>Says once, at start-up, whether events reach Outlook.</summary>
    private sealed class GraphModeAnnouncer(GraphOptions options, ILogger<GraphModeAnnouncer> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (options.IsConfigured)
            {
                var kind = string.IsNullOrWhiteSpace(options.CertificatePath) ? "client secret" : "certificate";
                GraphLog.GraphConfigured(logger, options.BaseUrl, options.TenantId!, kind);
                if (!options.InstallsApp)
                {
                    GraphLog.AppCatalogIdMissing(logger);
                }
            }
            else if (options.IsPartlyConfigured)
            {
                GraphLog.GraphPartlyConfigured(logger);
            }
            else
            {
                GraphLog.GraphNotConfigured(logger);
            }

            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
