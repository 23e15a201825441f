using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// HMAC-SHA256 over (project id, session id, recipient object id, expiry): the capability in a session's .ics link.
/// Every part is an id that has passed its validator, so none contains the separator and the message is unambiguous.
/// </summary>
public sealed class CalendarLinkSigner
{
    public const int MinKeyBytes = 32;

    // Versioned, so a future change of the message can never verify against an old link.
    private const string Purpose = "partnerhub.session-ics.v1";

    private readonly byte[] _key;

    public CalendarLinkSigner(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The calendar link signing key must be at least {MinKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>base64url (no padding) of the 32-byte MAC.</summary>
    /// <exception cref="ArgumentException">An id does not pass its validator.</exception>
    public string Sign(string projectId, string sessionId, string recipientObjectId, long expiresUnixSeconds)
    {
        if (!IsSignable(projectId, sessionId, recipientObjectId))
        {
            throw new ArgumentException("Only valid project, session and object ids are signed.");
        }

        return Base64Url.EncodeToString(Mac(projectId, sessionId, recipientObjectId, expiresUnixSeconds));
    }

    /// <summary>True only for the exact signature of these four values under this key; constant time in the MAC.</summary>
    public bool Verify(string? projectId, string? sessionId, string? recipientObjectId, long expiresUnixSeconds, string? signature)
    {
        if (!IsSignable(projectId, sessionId, recipientObjectId) || signature is not { Length: 43 })
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Base64Url.DecodeFromChars(signature, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, Mac(projectId!, sessionId!, recipientObjectId!, expiresUnixSeconds));
    }

    /// <summary>Entra object ids (and the demo's ids): letters, digits and a few punctuation marks, never '\n'.</summary>
    public static bool IsObjectId(string? value) => GraphPayloads.IsObjectId(value);

    private static bool IsSignable(string? projectId, string? sessionId, string? recipientObjectId) =>
        Project.IsValidId(projectId) && SupervisionSession.IsValidId(sessionId) && IsObjectId(recipientObjectId);

    private byte[] Mac(string projectId, string sessionId, string recipientObjectId, long expiresUnixSeconds) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Join(
            '\n', Purpose, projectId, sessionId, recipientObjectId, expiresUnixSeconds.ToString(CultureInfo.InvariantCulture))));
}

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
                ? new CalendarLinkKey(RandomNumberGenerator.GetBytes(CalendarLinkSigner.MinKeyBytes), Generated: true)
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

        return key.Length >= CalendarLinkSigner.MinKeyBytes
            ? new CalendarLinkKey(key, Generated: false)
            : throw new InvalidOperationException("Calendar__LinkSigningKey (Calendar:LinkSigningKey) must be at least 32 bytes.");
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar:LinkSigningKey is not set: .ics links on cards are signed with a random key that lives as long as this process (Development only)")]
    public static partial void LogGenerated(ILogger logger);
}

/// <summary>
/// The anonymous, signed .ics link on an invitee's (or the organiser's) session and reminder cards, for people who
/// have no Outlook. It is built on <c>Graph:PublicBaseUrl</c>, the https address the app already gives Graph; without
/// one the cards carry no link. The link expires 14 days after the session, and never more than 400 days ahead.
/// </summary>
public sealed class CalendarLinks(CalendarLinkSigner signer, IOptions<GraphNotificationOptions> options, IHostEnvironment environment, TimeProvider time)
{
    public const string PathPrefix = "/calendar";
    public static readonly TimeSpan AfterSession = TimeSpan.FromDays(14);
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(400);

    /// <summary>The recipient's link, or null: cancelled, not hers, already expired, or no public base URL.</summary>
    public string? For(SupervisionSession session, string recipientObjectId)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (session.State == SessionState.Cancelled || !MayDownload(session, recipientObjectId)
            || !GraphNotificationOptions.TryBaseUrl(options.Value.PublicBaseUrl, environment.IsDevelopment(), out var baseUrl))
        {
            return null;
        }

        var now = time.GetUtcNow();
        var expires = Min(session.End + AfterSession, now + MaxLifetime);
        if (expires <= now || !CalendarLinkSigner.IsObjectId(recipientObjectId))
        {
            return null;
        }

        var exp = expires.ToUnixTimeSeconds();
        var signature = signer.Sign(session.ProjectId, session.Id, recipientObjectId, exp);
        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return string.Create(CultureInfo.InvariantCulture,
            $"{root}{PathPrefix}/{session.ProjectId}/{session.Id}.ics?for={Uri.EscapeDataString(recipientObjectId)}&exp={exp}&sig={signature}");
    }

    /// <summary>
    /// The link's query, checked before anything is read: ids valid, expiry in the future and not beyond the
    /// longest lifetime we issue, signature right. Which of these failed is not told to the caller.
    /// </summary>
    public bool IsAuthentic(string projectId, string sessionId, string? recipientObjectId, string? exp, string? signature)
    {
        if (exp is not { Length: > 0 and <= 12 } || !exp.All(char.IsAsciiDigit)
            || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        return expires > now
            && expires <= now + (long)MaxLifetime.TotalSeconds
            && signer.Verify(projectId, sessionId, recipientObjectId, expires, signature);
    }

    /// <summary>The organiser and the current invitees; someone removed from the session loses the download.</summary>
    public static bool MayDownload(SupervisionSession session, string? objectId)
    {
        ArgumentNullException.ThrowIfNull(session);
        return objectId is not null
            && (string.Equals(session.OrganizerObjectId, objectId, StringComparison.Ordinal) || session.IsInvited(objectId));
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
