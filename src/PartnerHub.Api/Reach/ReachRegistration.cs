using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Reach;

public static class ReachRegistration
{
    /// <summary>
    /// Everyone gets her cards: PartnerHub installed for each person added to a directory, and the coordinators' report
    /// of who cannot be reached and why. Needs the cards plumbing and an <see cref="Graph.IAppInstaller"/> registered.
    /// </summary>
    public static IServiceCollection AddReach(this IServiceCollection services)
    {
        services.AddSingleton<ReachStore>();
        services.AddSingleton<ReachViews>();
        services.AddSingleton<ReachTracker>();
        services.AddSingleton<IWaitingCardObserver>(provider => provider.GetRequiredService<ReachTracker>());
        services.AddSingleton<IPersonalChatListener>(provider => provider.GetRequiredService<ReachTracker>());
        services.AddOutboxHandler<InstallAppHandler>();
        services.AddOutboxHandler<MemberLeftHandler>();
        services.AddOutboxHandler<ReachReportHandler>();
        return services;
    }
}
