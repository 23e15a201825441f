using PartnerHub.Api.Bot;

namespace PartnerHub.Api.Partners;

public static class DirectoryRegistration
{
    /// <summary>
    /// Projects and the partner directory: their stores, the directory's card actions (coordinators only) and, when
    /// Demo:Seed is true, the demo data seeded at start-up.
    /// </summary>
    public static IServiceCollection AddDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<DirectoryService>();
        services.AddCardActionHandler<DirectoryCardActions>();
        if (configuration.GetValue<bool>("Demo:Seed"))
        {
            services.AddHostedService<DemoData>();
        }

        return services;
    }
}
