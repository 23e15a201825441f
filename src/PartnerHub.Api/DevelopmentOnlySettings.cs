namespace PartnerHub.Api;

/// <summary>
/// Settings that loosen a safeguard for local runs and tests. Outside Development each one makes the host refuse to
/// start, naming it: a forgotten environment variable must never quietly fetch signing keys over plain http, trust
/// http Connector hosts, or write demo rows into the production tables.
/// </summary>
public static class DevelopmentOnlySettings
{
    /// <summary>Each setting (configuration key) and the value that is allowed only in Development.</summary>
    private static readonly (string Key, bool DevelopmentValue, string Why)[] Settings =
    [
        ("Bot:RequireHttpsMetadata", false, "the bot's signing keys would be fetched over plain http"),
        ("Bot:AllowLoopbackHttp", true, "the bot would send its token to http://localhost Connector hosts"),
        ("Demo:Seed", true, "demo projects, people and referrals would be written into the tables"),
    ];

    /// <exception cref="InvalidOperationException">Outside Development, one of the settings has its Development value; the message names each.</exception>
    public static void RefuseOutsideDevelopment(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsDevelopment())
        {
            return;
        }

        var offending = Settings
            .Where(setting => configuration.GetValue<bool?>(setting.Key) == setting.DevelopmentValue)
            .Select(setting => $"{setting.Key.Replace(":", "__", StringComparison.Ordinal)}={(setting.DevelopmentValue ? "true" : "false")} ({setting.Why})")
            .ToList();
        if (offending.Count > 0)
        {
            throw new InvalidOperationException(
                $"The environment is '{environment.EnvironmentName}', but {string.Join(" and ", offending)} {(offending.Count == 1 ? "is" : "are")} set. " +
                "These settings are for Development only: remove them.");
        }
    }
}
