using System.Security.Cryptography;

namespace PartnerHub.Api.Links;

/// <summary>
/// <c>Calendar:LinkSigningKey</c> (base64, at least 32 bytes). Required outside Development; in Development a missing
/// key is replaced by a random one per process (links then die with the process) and the host says so at start-up.
/// </summary>
public sealed partial record CalendarLinkKey(byte[] Key, bool Generated)
{
    public const string SettingName = "Calendar:LinkSigningKey";

    /// <exception cref="InvalidOperationException">Missing outside Development, or not base64 of at least 32 bytes.</exception>
    public static CalendarLinkKey Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var value = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return environment.IsDevelopment()
                ? new CalendarLinkKey(RandomNumberGenerator.GetBytes(LinkSigner.MinKeyBytes), Generated: true)
                : throw new InvalidOperationException(
                    "Calendar__LinkSigningKey (Calendar:LinkSigningKey) is not configured: set it to base64 of at least 32 random bytes (infra/ puts it in Key Vault).");
        }

        byte[] key;
        try
        {
            key = Convert.FromBase64String(value.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("Calendar__LinkSigningKey (Calendar:LinkSigningKey) is not base64.");
        }

        return key.Length >= LinkSigner.MinKeyBytes
            ? new CalendarLinkKey(key, Generated: false)
            : throw new InvalidOperationException("Calendar__LinkSigningKey (Calendar:LinkSigningKey) must be at least 32 bytes.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar:LinkSigningKey is not set: .ics links on cards are signed with a random key that lives as long as this process (Development only)")]
    public static partial void LogGenerated(ILogger logger);
}

public static class LinkSigningRegistration
{
    /// <summary>
    /// The one <see cref="LinkSigner"/> every feature's anonymous links use. Returns the key so the host can warn,
    /// once it has a logger, when it was generated.
    /// </summary>
    /// <exception cref="InvalidOperationException">The key is missing outside Development, or invalid.</exception>
    public static CalendarLinkKey AddLinkSigning(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var key = CalendarLinkKey.Resolve(configuration, environment);
        services.AddSingleton(new LinkSigner(key.Key));
        return key;
    }
}
