using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace PartnerHub.Teams.Protocol;

public static class TeamsProtocolServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Bot Framework protocol: options (section "Bot"), token validator, trusted serviceUrls,
    /// the bot's app token (MSAL, or none when <paramref name="anonymous"/>), and the Connector client with resilience.
    /// </summary>
    /// <param name="botSection">The "Bot" configuration section.</param>
    /// <param name="anonymous">Development/Agents Playground only: outbound calls carry no token. The host must
    /// still refuse anonymous mode outside Development and bind it to loopback.</param>
    public static IServiceCollection AddTeamsProtocol(this IServiceCollection services, IConfiguration botSection, bool anonymous)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(botSection);

        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<BotAuthenticationOptions>()
            .Bind(botSection)
            .PostConfigure(o => o.ApplyDefaults())
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<BotAuthenticationOptions>>(new DetailedValidation(anonymous));

        services.AddHttpClient(BotTokenValidator.MetadataHttpClientName, c => c.Timeout = TimeSpan.FromSeconds(15));
        services.TryAddSingleton<BotTokenValidator>();
        services.TryAddSingleton<IBotTokenValidator>(sp => sp.GetRequiredService<BotTokenValidator>());
        services.TryAddSingleton<ITrustedServiceUrls, TrustedServiceUrls>();

        if (anonymous)
        {
            services.TryAddSingleton<IBotAppTokenProvider, NoTokenProvider>();
        }
        else
        {
            services.AddHttpClient(MsalBotAppTokenProvider.HttpClientName);
            services.TryAddSingleton<IBotAppTokenProvider, MsalBotAppTokenProvider>();
        }

        services.AddHttpClient<IConnectorClient, ConnectorClient>(c => c.Timeout = Timeout.InfiniteTimeSpan) // the pipeline owns timeouts
            // A redirect could carry the request (and the token) to a host nobody vetted.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddResilienceHandler(ConnectorResilience.PipelineName, (builder, context) => ConnectorResilience.Configure(builder, context.ServiceProvider));

        return services;
    }

    /// <summary>Reports each configuration problem by name at start-up, instead of one generic failure.</summary>
    private sealed class DetailedValidation(bool anonymous) : IValidateOptions<BotAuthenticationOptions>
    {
        public ValidateOptionsResult Validate(string? name, BotAuthenticationOptions options)
        {
            var errors = options.Validate(anonymous);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
