namespace PartnerHub.Api.Bot;

public static class CardActionRegistration
{
    /// <summary>
    /// Registers <typeparamref name="THandler"/> as a singleton and as an <see cref="ICardActionHandler"/> (the same
    /// instance), so the bot finds its verbs and anyone may still ask for the concrete type.
    /// </summary>
    public static IServiceCollection AddCardActionHandler<THandler>(this IServiceCollection services)
        where THandler : class, ICardActionHandler
    {
        services.AddSingleton<THandler>();
        services.AddSingleton<ICardActionHandler>(provider => provider.GetRequiredService<THandler>());
        return services;
    }
}
