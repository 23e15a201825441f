using System.Net;

namespace PartnerHub.Api.Bot;

/// <summary>How /api/messages authenticates: real Bot Framework / Entra tokens, or (only for the Agents Playground) none.</summary>
public enum BotAuthenticationMode
{
    Tokens,
    AnonymousLoopback,
}

/// <summary>The mode decided at start-up, as a service the endpoint reads.</summary>
public sealed record BotEndpointSettings(BotAuthenticationMode Mode);

public static partial class BotHostingMode
{
    /// <summary>
    /// Decides the mode at start-up. Anonymous is allowed only in Development with every listening address
    /// on loopback, so a misconfigured production host can never accept unsigned activities: it refuses to start.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration is unsafe or incomplete; the message says what to set.</exception>
    public static BotAuthenticationMode Decide(string environmentName, string? appId, string? tenantId, string? clientSecret, IEnumerable<string> listenUrls)
    {
        if (!string.IsNullOrWhiteSpace(appId))
        {
            var missing = new List<string>();
            if (string.IsNullOrWhiteSpace(tenantId))
            {
                missing.Add("Bot__TenantId");
            }

            if (string.IsNullOrWhiteSpace(clientSecret))
            {
                missing.Add("Bot__ClientSecret");
            }

            return missing.Count == 0
                ? BotAuthenticationMode.Tokens
                : throw new InvalidOperationException(
                    $"Bot__AppId is set but {string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not. " +
                    "Set the bot's Entra tenant id and client secret (for example from Key Vault) or remove Bot__AppId to run the local Playground mode.");
        }

        if (!string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Bot__AppId is not set and the environment is '{environmentName}'. Outside Development PartnerHub only accepts " +
                "signed Bot Framework activities: set Bot__AppId, Bot__TenantId and Bot__ClientSecret.");
        }

        var nonLoopback = listenUrls.Where(url => !IsLoopback(url)).ToList();
        if (nonLoopback.Count > 0)
        {
            throw new InvalidOperationException(
                $"Bot__AppId is not set, so /api/messages would accept unsigned activities, but the host listens on {string.Join(", ", nonLoopback)}. " +
                "Bind to loopback only (ASPNETCORE_URLS=http://127.0.0.1:3978) for the Agents Playground, or set Bot__AppId, Bot__TenantId and Bot__ClientSecret.");
        }

        return BotAuthenticationMode.AnonymousLoopback;
    }

    /// <summary>The listening URLs from configuration ("urls", as ASPNETCORE_URLS sets it). None means Kestrel's default, localhost.</summary>
    public static IReadOnlyList<string> ConfiguredUrls(IConfiguration configuration)
    {
        var urls = (configuration["urls"] ?? string.Empty)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToList();
        urls.AddRange(configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .OfType<string>());
        return urls;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Bot__AppId is not set: /api/messages accepts UNSIGNED activities from loopback callers only (Development, Agents Playground mode). Never run like this where anyone else can reach the host.")]
    public static partial void LogAnonymousMode(ILogger logger);

    public static bool IsLoopback(string url)
    {
        // Kestrel accepts wildcards such as http://*:80 and http://+:80: those listen everywhere.
        var normalised = url.Replace("://*", "://wildcard.invalid", StringComparison.Ordinal)
            .Replace("://+", "://wildcard.invalid", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
