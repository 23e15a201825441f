using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace PartnerHub.Teams.Protocol;

/// <summary>The bot's own access token for the Connector, or null when calls go out anonymously.</summary>
public interface IBotAppTokenProvider
{
    Task<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>Development/Agents Playground: no credentials, no Authorization header.</summary>
public sealed class NoTokenProvider : IBotAppTokenProvider
{
    public Task<string?> GetTokenAsync(CancellationToken cancellationToken) => Task.FromResult<string?>(null);
}

/// <summary>
/// Client-credentials token for scope https://api.botframework.com/.default via MSAL.
/// MSAL's in-memory app token cache serves repeat calls until shortly before expiry.
/// </summary>
public sealed class MsalBotAppTokenProvider : IBotAppTokenProvider
{
    internal const string HttpClientName = "PartnerHub.Msal";
    private static readonly string[] Scopes = [BotAuthenticationOptions.BotFrameworkScope];

    private readonly IConfidentialClientApplication _app;

    public MsalBotAppTokenProvider(IOptions<BotAuthenticationOptions> options, IHttpClientFactory httpClientFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(httpClientFactory);
        var o = options.Value;
        var authority = new Uri(o.EffectiveTokenAuthority);
        var isMicrosoftLogin = string.Equals(authority.Host, "login.microsoftonline.com", StringComparison.OrdinalIgnoreCase);

        var builder = ConfidentialClientApplicationBuilder.Create(o.AppId)
            .WithClientSecret(o.ClientSecret)
            .WithHttpClientFactory(new MsalHttpClientFactory(httpClientFactory))
            // Never log PII from MSAL; we do not hook its logger at all.
            .WithLogging((_, _, _) => { }, LogLevel.Error, enablePiiLogging: false, enableDefaultPlatformLogging: false);

        // A non-Microsoft host (a test stub) cannot answer instance discovery or authority validation.
        builder = isMicrosoftLogin
            ? builder.WithAuthority(authority.ToString(), validateAuthority: true)
            : builder.WithAuthority(authority.ToString(), validateAuthority: false).WithInstanceDiscovery(false);

        _app = builder.Build();
    }

    public async Task<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        var result = await _app.AcquireTokenForClient(Scopes).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    /// <summary>Lets MSAL use an IHttpClientFactory client (pooled handlers; tests can swap the handler).</summary>
    private sealed class MsalHttpClientFactory(IHttpClientFactory factory) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => factory.CreateClient(HttpClientName);
    }
}
