using PartnerHub.Api.Bot;

namespace PartnerHub.Api.Dashboard;

/// <summary>How the coordinator tab learns who is at the keyboard.</summary>
public enum TabIdentityMode
{
    /// <summary>A Teams SSO token (Entra), validated like the REST API's bearer tokens.</summary>
    Entra,

    /// <summary>Development on loopback without Entra settings: the demo coordinator, with a visible banner.</summary>
    LocalDemo,

    /// <summary>Development without Entra settings on a non-loopback address: nobody can sign in.</summary>
    Unavailable,
}

/// <summary>The mode decided at start-up.</summary>
public sealed record TabSettings(TabIdentityMode Mode);

public static partial class TabHostingMode
{
    /// <summary>
    /// Mirrors <see cref="BotHostingMode.Decide"/>: the demo coordinator is only ever used in Development, with no
    /// Entra settings, and with every listening address on loopback. Outside Development without Entra settings the
    /// REST API already refuses to start; this refuses too, so the tab can never fall back to the demo there.
    /// </summary>
    /// <exception cref="InvalidOperationException">Outside Development without Entra settings.</exception>
    public static TabIdentityMode Decide(string environmentName, bool entraConfigured, IEnumerable<string> listenUrls)
    {
        ArgumentNullException.ThrowIfNull(listenUrls);
        if (entraConfigured)
        {
            return TabIdentityMode.Entra;
        }

        if (!string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"AzureAd__TenantId and AzureAd__ClientId are not set and the environment is '{environmentName}': the coordinator tab " +
                "validates Teams SSO tokens with PartnerHub's API app registration. Set them; the local demo coordinator exists only in Development on loopback.");
        }

        return listenUrls.All(BotHostingMode.IsLoopback) ? TabIdentityMode.LocalDemo : TabIdentityMode.Unavailable;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AzureAd is not set: the coordinator tab (/dashboard) runs as the DEMO coordinator for everyone who opens it (Development on loopback only).")]
    public static partial void LogLocalDemo(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AzureAd is not set and the host listens beyond loopback: the coordinator tab (/dashboard) lets nobody in.")]
    public static partial void LogUnavailable(ILogger logger);
}
