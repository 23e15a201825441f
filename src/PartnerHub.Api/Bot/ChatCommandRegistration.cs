namespace PartnerHub.Api.Bot;

public static class ChatCommandRegistration
{
    /// <summary>Registers a feature's message commands; two features claiming one command fail at start-up.</summary>
    public static IServiceCollection AddChatCommandHandler<THandler>(this IServiceCollection services)
        where THandler : class, IChatCommandHandler
    {
        services.AddSingleton<IChatCommandHandler, THandler>();
        return services;
    }
}
