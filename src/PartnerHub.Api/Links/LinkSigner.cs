using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PartnerHub.Api.Links;

/// <summary>
/// The one rule for PartnerHub's anonymous links (a session's or a booking's .ics, a participant's certificate):
/// HMAC-SHA256 under <c>Calendar:LinkSigningKey</c> over a versioned purpose, the ids the link names and its expiry,
/// joined by '\n'. Callers pass ids that passed their validators, so no part holds the separator and the message is
/// unambiguous; the purpose keeps a signature for one kind of link from ever verifying for another.
/// </summary>
public sealed class LinkSigner
{
    public const int MinKeyBytes = 32;

    /// <summary>The longest a link is issued for; a link claiming to live longer is refused unread.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(400);

    private readonly byte[] _key;

    public LinkSigner(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The link signing key must be at least {MinKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    /// <summary>base64url (no padding) of the 32-byte MAC.</summary>
    /// <exception cref="ArgumentException">A part is empty or holds a control character.</exception>
    public string Sign(string purpose, IReadOnlyList<string> parts, long expiresUnixSeconds)
    {
        if (!IsSignable(purpose, parts))
        {
            throw new ArgumentException("Only plain ids are signed.", nameof(parts));
        }

        return Base64Url.EncodeToString(Mac(purpose, parts, expiresUnixSeconds));
    }

    /// <summary>True only for the exact signature of these values under this key; constant time in the MAC.</summary>
    public bool Verify(string purpose, IReadOnlyList<string?> parts, long expiresUnixSeconds, string? signature)
    {
        if (!IsSignable(purpose, parts) || signature is not { Length: 43 })
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (Base64Url.DecodeFromChars(signature, presented, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, Mac(purpose, parts!, expiresUnixSeconds));
    }

    /// <summary>
    /// A link's query, checked before anything is read: expiry digits, in the future and not beyond the longest
    /// lifetime issued, signature right. Which of these failed is not told to the caller.
    /// </summary>
    public bool IsAuthentic(string purpose, IReadOnlyList<string?> parts, string? exp, string? signature, DateTimeOffset now)
    {
        if (exp is not { Length: > 0 and <= 12 } || !exp.All(char.IsAsciiDigit)
            || !long.TryParse(exp, NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return false;
        }

        var seconds = now.ToUnixTimeSeconds();
        return expires > seconds
            && expires <= seconds + (long)MaxLifetime.TotalSeconds
            && Verify(purpose, parts, expires, signature);
    }

    /// <summary>When a link made now for something that lasts until <paramref name="wanted"/> expires: never beyond <see cref="MaxLifetime"/>.</summary>
    public static DateTimeOffset Expiry(DateTimeOffset wanted, DateTimeOffset now) => wanted < now + MaxLifetime ? wanted : now + MaxLifetime;

    private static bool IsSignable(string purpose, IReadOnlyList<string?>? parts) =>
        !string.IsNullOrEmpty(purpose) && parts is { Count: > 0 }
        && parts.All(part => !string.IsNullOrEmpty(part) && !part.Any(char.IsControl));

    private byte[] Mac(string purpose, IReadOnlyList<string?> parts, long expiresUnixSeconds) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(string.Join(
            '\n', [purpose, .. parts, expiresUnixSeconds.ToString(CultureInfo.InvariantCulture)])));
}
