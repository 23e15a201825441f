using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Api.Storage.Outbox;

// In this namespace so Program.cs needs one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

public static class GraphNotificationServiceCollectionExtensions
{
    /// <summary>
    /// Graph change notifications (Graph/Notifications/README.md): the stores, the intake behind
    /// <c>MapGraphNotifications()</c>, <see cref="SubscriptionManager"/>, <see cref="CalendarDeltaSync"/>, the four
    /// outbox handlers and (when Graph:Notifications:Enabled, the default) the renewal and delta-sweep loops. Needs
    /// the outbox. The ports (<see cref="ISubscriptionGateway"/>, <see cref="ICalendarGateway"/>,
    /// <see cref="ICalendarChangeSink"/>) are registered elsewhere, before or after this call; where one is missing,
    /// the endpoints still work and what needs it stands aside and says so.
    /// </summary>
    public static IServiceCollection AddGraphNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<GraphNotificationOptions>()
            .Bind(configuration.GetSection(GraphNotificationOptions.SectionName))
            .Configure(options => options.PublicBaseUrl = configuration[GraphNotificationOptions.PublicBaseUrlKey] ?? options.PublicBaseUrl)
            .Validate<IHostEnvironment>(
                (options, environment) => options.IsValid(environment.IsDevelopment()),
                "Graph:Notifications options are out of range, or Graph:PublicBaseUrl is not an absolute https URL (http only in Development).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SubscriptionStore>();
        services.TryAddSingleton<TableLeases>(); // the loops' one-instance-at-a-time
        services.TryAddSingleton<NotificationInbox>();
        services.TryAddSingleton<GraphNotificationIntake>();

        // These need the ports, so they are resolved only where the ports exist: the handlers and loops below check
        // at resolution (the ports' registration may come after this call).
        // Factories, so building the container never demands the ports: only resolving these does.
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<SubscriptionManager>(provider));
        services.TryAddSingleton(provider => ActivatorUtilities.CreateInstance<CalendarDeltaSync>(provider));
        services.AddSingleton<IOutboxHandler>(provider => HasCalendar(provider)
            ? ActivatorUtilities.CreateInstance<EventChangedHandler>(provider)
            : new UnconfiguredHandler(GraphNotificationKinds.EventChanged));
        services.AddSingleton<IOutboxHandler>(provider => HasCalendar(provider)
            ? ActivatorUtilities.CreateInstance<DeltaSweepHandler>(provider)
            : new UnconfiguredHandler(GraphNotificationKinds.DeltaSweep));
        services.AddSingleton<IOutboxHandler>(provider => HasSubscriptions(provider)
            ? ActivatorUtilities.CreateInstance<RenewSubscriptionHandler>(provider)
            : new UnconfiguredHandler(GraphNotificationKinds.RenewSubscription));
        services.AddSingleton<IOutboxHandler>(provider => HasSubscriptions(provider)
            ? ActivatorUtilities.CreateInstance<RecreateSubscriptionHandler>(provider)
            : new UnconfiguredHandler(GraphNotificationKinds.RecreateSubscription));

        if (configuration.GetValue(GraphNotificationOptions.SectionName + ":Enabled", true))
        {
            services.AddSingleton<IHostedService>(provider => HasSubscriptions(provider)
                ? ActivatorUtilities.CreateInstance<SubscriptionRenewalLoop>(provider)
                : ActivatorUtilities.CreateInstance<UnconfiguredLoop>(provider, "Graph subscription renewal"));
            services.AddSingleton<IHostedService>(provider => HasCalendar(provider)
                ? ActivatorUtilities.CreateInstance<CalendarDeltaSweepLoop>(provider)
                : ActivatorUtilities.CreateInstance<UnconfiguredLoop>(provider, "Calendar delta sweep"));
        }

        return services;
    }

    private static bool HasSubscriptions(IServiceProvider provider) => Has<ISubscriptionGateway>(provider);

    private static bool HasCalendar(IServiceProvider provider) => Has<ICalendarGateway>(provider) && Has<ICalendarChangeSink>(provider);

    private static bool Has<T>(IServiceProvider provider) => provider.GetRequiredService<IServiceProviderIsService>().IsService(typeof(T));
}
