using System.Globalization;

namespace PartnerHub.Teams.Protocol;

/// <summary>
/// The bot's identity and the rules for trusting inbound tokens and outbound serviceUrls.
/// Bound from the configuration section "Bot". List defaults are filled in after binding (see
/// <see cref="ApplyDefaults"/>) because the configuration binder appends to pre-filled lists.
/// </summary>
public sealed class BotAuthenticationOptions
{
    public const string SectionName = "Bot";

    /// <summary>Issuer of tokens minted by the Bot Connector service.</summary>
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string BotFrameworkOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string BotFrameworkScope = "https://api.botframework.com/.default";

    /// <summary>The documented hard limit for clock skew; configuration can lower it, never raise it.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The Microsoft App ID (Entra client id) of the bot: the only accepted token audience.</summary>
    public string AppId { get; set; } = "";

    /// <summary>The bot's Entra tenant (single-tenant bot).</summary>
    public string TenantId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    /// <summary>OpenID metadata documents whose keys may sign inbound tokens. Default: Bot Framework's and the tenant's Entra v2 document.</summary>
    public List<string> OpenIdMetadataUrls { get; set; } = [];

    /// <summary>Accepted token issuers. Default: Bot Framework, and the tenant's Entra v1 and v2 issuers.</summary>
    public List<string> ValidIssuers { get; set; } = [];

    /// <summary>
    /// URL prefixes the bot may send its token to. Each must be an absolute https URL whose path ends in "/"
    /// so a prefix cannot match a longer host name. Default: the Teams public-cloud Connector.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>Development/Playground only: also trust http(s)://localhost and http(s)://127.0.0.1.</summary>
    public bool AllowLoopbackHttp { get; set; }

    /// <summary>Only tests set this to false, so metadata can come from a local http stub.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public TimeSpan ClockSkew { get; set; } = MaxClockSkew;

    /// <summary>The channel whose endorsement a Bot Framework signing key must carry when the activity names none.</summary>
    public string DefaultChannelId { get; set; } = "msteams";

    /// <summary>Minimum time between forced metadata refreshes triggered by an unknown key id (a cheap DoS guard).</summary>
    public TimeSpan MetadataForcedRefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long fetched metadata is used before a background refresh.</summary>
    public TimeSpan MetadataAutomaticRefreshInterval { get; set; } = TimeSpan.FromHours(12);

    /// <summary>
    /// Authority for the bot's own client-credentials token. Default https://login.microsoftonline.com/{TenantId}.
    /// Pointing it at another host (tests) turns off MSAL instance discovery and authority validation.
    /// </summary>
    public string TokenAuthority { get; set; } = "";

    /// <summary>Bounded number of distinct serviceUrls remembered as trusted.</summary>
    public int MaxTrustedServiceUrls { get; set; } = 256;

    public ConnectorResilienceOptions Connector { get; set; } = new();

    public TimeSpan EffectiveClockSkew =>
        ClockSkew < TimeSpan.Zero ? TimeSpan.Zero : ClockSkew > MaxClockSkew ? MaxClockSkew : ClockSkew;

    public string EffectiveTokenAuthority =>
        string.IsNullOrWhiteSpace(TokenAuthority)
            ? string.Create(CultureInfo.InvariantCulture, $"https://login.microsoftonline.com/{TenantId}")
            : TokenAuthority.TrimEnd('/');

    /// <summary>Fills the documented defaults into lists the configuration left empty.</summary>
    public void ApplyDefaults()
    {
        var hasTenant = !string.IsNullOrWhiteSpace(TenantId);
        if (OpenIdMetadataUrls.Count == 0)
        {
            OpenIdMetadataUrls.Add(BotFrameworkOpenIdMetadataUrl);
            if (hasTenant)
            {
                OpenIdMetadataUrls.Add(string.Create(CultureInfo.InvariantCulture, $"https://login.microsoftonline.com/{TenantId}/v2.0/.well-known/openid-configuration"));
            }
        }

        if (ValidIssuers.Count == 0)
        {
            ValidIssuers.Add(BotFrameworkIssuer);
            if (hasTenant)
            {
                ValidIssuers.Add(string.Create(CultureInfo.InvariantCulture, $"https://sts.windows.net/{TenantId}/"));
                ValidIssuers.Add(string.Create(CultureInfo.InvariantCulture, $"https://login.microsoftonline.com/{TenantId}/v2.0"));
            }
        }

        if (AllowedServiceUrls.Count == 0)
        {
            // Teams public cloud. GCC/GCC-High/DoD hosts (smba.infra.*) are deliberately not defaults.
            AllowedServiceUrls.Add("https://smba.trafficmanager.net/");
        }
    }

    /// <summary>Configuration errors that make the bot unsafe to start; empty when fine.</summary>
    public IReadOnlyList<string> Validate(bool anonymous)
    {
        var errors = new List<string>();
        if (!anonymous)
        {
            if (string.IsNullOrWhiteSpace(AppId)) errors.Add("Bot:AppId is required.");
            if (string.IsNullOrWhiteSpace(TenantId)) errors.Add("Bot:TenantId is required.");
            if (string.IsNullOrWhiteSpace(ClientSecret)) errors.Add("Bot:ClientSecret is required.");
        }

        foreach (var prefix in AllowedServiceUrls)
        {
            if (!Uri.TryCreate(prefix, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps
                || !uri.AbsolutePath.EndsWith('/') || uri.UserInfo.Length > 0 || uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                errors.Add("Bot:AllowedServiceUrls entries must be absolute https URLs ending in '/' without user info, query or fragment.");
                break;
            }
        }

        foreach (var url in OpenIdMetadataUrls)
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (RequireHttpsMetadata && uri.Scheme != Uri.UriSchemeHttps))
            {
                errors.Add("Bot:OpenIdMetadataUrls entries must be absolute https URLs.");
                break;
            }
        }

        if (MaxTrustedServiceUrls < 1) errors.Add("Bot:MaxTrustedServiceUrls must be positive.");
        errors.AddRange(Connector.Validate());
        return errors;
    }
}

/// <summary>Retry and timeout policy for calls to the Connector. Bound from "Bot:Connector".</summary>
public sealed class ConnectorResilienceOptions
{
    /// <summary>Retries after the first attempt (so attempts = MaxRetryAttempts + 1).</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First back-off delay when the Connector gives no Retry-After; doubled per attempt, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Upper bound for any single wait, Retry-After included, so one answer cannot park a turn.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(90);

    public IEnumerable<string> Validate()
    {
        if (MaxRetryAttempts is < 0 or > 10) yield return "Bot:Connector:MaxRetryAttempts must be 0..10.";
        if (BaseDelay < TimeSpan.Zero || MaxDelay < BaseDelay) yield return "Bot:Connector delays must satisfy 0 <= BaseDelay <= MaxDelay.";
        if (AttemptTimeout <= TimeSpan.Zero || TotalTimeout < AttemptTimeout) yield return "Bot:Connector timeouts must satisfy 0 < AttemptTimeout <= TotalTimeout.";
    }
}
