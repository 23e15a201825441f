using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PartnerHub.Api.Demo;

public static class DemoRegistration
{
    /// <summary>A feature's demo seed, registered only when Demo:Seed is true (which refuses to start outside Development).</summary>
    public static IServiceCollection AddDemoSeed<TSeed>(this IServiceCollection services, IConfiguration configuration)
        where TSeed : class, IDemoSeed
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IDemoSeed, TSeed>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DemoSeeding>());
        }

        return services;
    }
}
