using Microsoft.Extensions.DependencyInjection.Extensions;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

// In this namespace so Program.cs needs one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// The outbox: <see cref="OutboxWriter"/>, <see cref="IOutboxNudge"/>, <see cref="ProjectRegistry"/> and the
    /// <see cref="OutboxDispatcher"/> (a hosted service; its loop runs only when Outbox:Enabled). Needs
    /// <see cref="TableStore"/> registered. Call as <c>services.AddOutbox(configuration.GetSection("Outbox"))</c>.
    /// </summary>
    public static IServiceCollection AddOutbox(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<OutboxOptions>()
            .Bind(section)
            .Validate(options => options.IsValid(), "Outbox options are out of range (intervals positive, MaxAttempts >= 1, MaxDelay >= BaseDelay, Jitter 0..1).")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<UlidGenerator>();
        services.TryAddSingleton<OutboxWriter>();
        services.TryAddSingleton<OutboxEffects>();
        services.TryAddSingleton<LocalOutboxNudges>();
        services.TryAddSingleton<QueueOutboxNudge>();
        services.TryAddSingleton<IOutboxNudge, LocalFirstOutboxNudge>();
        services.TryAddSingleton<ProjectRegistry>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    /// <summary>Registers the handler for its <see cref="IOutboxHandler.Kind"/> (one handler per kind).</summary>
    public static IServiceCollection AddOutboxHandler<THandler>(this IServiceCollection services)
        where THandler : class, IOutboxHandler =>
        services.AddSingleton<IOutboxHandler, THandler>();

    public static IServiceCollection AddOutboxFailureObserver<TObserver>(this IServiceCollection services)
        where TObserver : class, IOutboxFailureObserver =>
        services.AddSingleton<IOutboxFailureObserver, TObserver>();
}
