using PartnerHub.Api.Bot;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Privacy.Subjects;

namespace PartnerHub.Api.Partners;

public static class DirectoryRegistration
{
    /// <summary>
    /// Projects and the partner directory: their stores, the directory's card actions (coordinators only) and, when
    /// Demo:Seed is true, the demo directory seeded at start-up.
    /// </summary>
    public static IServiceCollection AddDirectory(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<ProjectStore>();
        services.AddSingleton<DirectoryStore>();
        services.AddSingleton<DirectoryService>();
        services.AddSubjectEraser<DirectorySubjectEraser>(); // erasure on request (Privacy/Subjects)
        services.AddCardActionHandler<DirectoryCardActions>();
        services.AddChatCommandHandler<DirectoryChatCommands>();
        services.AddDemoSeed<DirectoryDemoSeed>(configuration);
        services.AddSingleton<DirectorySubjectData>();
        services.AddSingleton<ISubjectDataSource>(provider => provider.GetRequiredService<DirectorySubjectData>());
        services.AddSingleton<ISubjectNames>(provider => provider.GetRequiredService<DirectorySubjectData>());

        return services;
    }
}
