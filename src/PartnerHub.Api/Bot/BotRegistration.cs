using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Bot;

public static class BotRegistration
{
    /// <summary>The bot itself: card templates, help cards, texts, language and actor resolution, demo personas.</summary>
    public static IServiceCollection AddBot(this IServiceCollection services)
    {
        services.AddSingleton<ActorResolver>();
        services.AddSingleton<LanguageResolver>();
        services.AddSingleton(CardCatalog.Load(Path.Combine(AppContext.BaseDirectory, "cards")));
        services.AddSingleton<ChatTexts>();
        // Administration:Contact: whom a person of a tenant without a project is told to ask (Newcomers).
        services.AddOptions<NewcomerOptions>().BindConfiguration("Administration");
        services.AddSingleton<Newcomers>();
        services.AddSingleton<DemoPersonas>();
        services.AddCardActionHandler<HelpCards>();
        services.AddSingleton<PartnerHubBot>();
        return services;
    }
}
