namespace PartnerHub.Api.Rest;

/// <summary>How the REST API authenticates: Entra access tokens, or (Development without AzureAd settings) nobody at all.</summary>
public enum RestAuthenticationMode
{
    Entra,

    /// <summary>Development only: every REST request gets 401. Never anonymous.</summary>
    Unavailable,
}

/// <summary>The mode decided at start-up.</summary>
public sealed record RestApiSettings(RestAuthenticationMode Mode);

public static partial class RestApiHostingMode
{
    /// <summary>
    /// Decides the mode at start-up. Half a configuration is always an error; none at all is tolerated only in
    /// Development, where the REST API then refuses every request, so a host outside Development never runs
    /// without the tab's API.
    /// </summary>
    /// <exception cref="InvalidOperationException">The configuration is incomplete; the message says what to set.</exception>
    public static RestAuthenticationMode Decide(string environmentName, IConfiguration azureAd)
    {
        ArgumentNullException.ThrowIfNull(azureAd);
        string[] required = ["TenantId", "ClientId"];
        var missing = required.Where(key => string.IsNullOrWhiteSpace(azureAd[key])).ToList();
        if (missing.Count == 0)
        {
            return RestAuthenticationMode.Entra;
        }

        var settings = string.Join(" and ", missing.Select(key => "AzureAd__" + key));
        if (missing.Count < required.Length)
        {
            throw new InvalidOperationException(
                $"The REST API's Entra settings are incomplete: {settings} {(missing.Count == 1 ? "is" : "are")} not set. " +
                "Set AzureAd__TenantId and AzureAd__ClientId (PartnerHub's API app registration), or neither to run Development without the REST API.");
        }

        if (!string.Equals(environmentName, "Development", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"AzureAd__TenantId and AzureAd__ClientId are not set and the environment is '{environmentName}'. Outside Development the REST API " +
                "needs PartnerHub's API app registration to validate Entra access tokens: set AzureAd__TenantId, AzureAd__ClientId (and AzureAd__Audience if the app id URI is not api://{ClientId}).");
        }

        return RestAuthenticationMode.Unavailable;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AzureAd__TenantId and AzureAd__ClientId are not set: the REST API (/api/projects/...) answers every request with 401 until they are (Development only). The bot endpoint is not affected.")]
    public static partial void LogUnavailable(ILogger logger);
}
