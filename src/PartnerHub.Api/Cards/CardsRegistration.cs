using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Cards;

public static class CardsRegistration
{
    /// <summary>
    /// The card plumbing every feature shares: where cards live, sending a new one to a person's chat (or keeping it
    /// until she has one), updating the ones already shown. Registered once, before the features that use it.
    /// </summary>
    public static IServiceCollection AddCards(this IServiceCollection services)
    {
        services.AddSingleton<CardLocationStore>();
        services.AddSingleton<WaitingCards>();
        services.AddSingleton<IPersonalChatListener>(provider => provider.GetRequiredService<WaitingCards>());
        services.AddSingleton<ProactiveCards>();
        services.AddSingleton<CardUpdater>();
        services.AddSingleton<GraphFailureNotices>();
        services.AddSubjectDataSource<CardsSubjectData>();
        return services;
    }
}
