using System.Security.Cryptography;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// ULIDs (26 characters of Crockford base32: 48-bit millisecond timestamp, 80 random bits). They sort by
/// time as strings, so outbox row keys come back from a range query oldest first. Within one millisecond,
/// and when the clock steps back, the previous value is incremented, so one generator's ids strictly increase.
/// </summary>
public sealed class UlidGenerator(TimeProvider timeProvider)
{
    public const int Length = 26;
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static readonly UInt128 RandomMask = (UInt128.One << 80) - 1;
    private const long MaxTimestamp = (1L << 48) - 1;

    private readonly Lock _gate = new();
    private long _lastTimestamp = -1;
    private UInt128 _lastRandom;

    public string NewUlid()
    {
        var now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_gate)
        {
            if (now > _lastTimestamp)
            {
                _lastTimestamp = now;
                _lastRandom = NextRandom();
            }
            else if (_lastRandom == RandomMask)
            {
                // 2^80 ids in one millisecond cannot happen by chance; borrow the next millisecond rather than wrap.
                _lastTimestamp++;
                _lastRandom = NextRandom();
            }
            else
            {
                _lastRandom++;
            }

            if (_lastTimestamp is < 0 or > MaxTimestamp)
            {
                throw new InvalidOperationException("The clock is outside the ULID range.");
            }

            return Encode(((UInt128)(ulong)_lastTimestamp << 80) | _lastRandom);
        }
    }

    /// <summary>The creation time encoded in a ULID (millisecond precision).</summary>
    public static DateTimeOffset GetTimestamp(string ulid)
    {
        var value = Decode(ulid);
        return DateTimeOffset.FromUnixTimeMilliseconds((long)(ulong)(value >> 80));
    }

    public static bool IsValid(string? value)
    {
        if (value is not { Length: Length } || Alphabet.IndexOf(value[0], StringComparison.Ordinal) > 7)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                return false;
            }
        }

        return true;
    }

    private static UInt128 NextRandom()
    {
        Span<byte> bytes = stackalloc byte[10];
        RandomNumberGenerator.Fill(bytes);
        UInt128 value = 0;
        foreach (var b in bytes)
        {
            value = (value << 8) | b;
        }

        // Leave headroom so a burst within one millisecond increments rather than borrows.
        return value >> 1;
    }

    private static string Encode(UInt128 value) =>
        string.Create(Length, value, static (chars, v) =>
        {
            for (var i = Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(v & 31)];
                v >>= 5;
            }
        });

    private static UInt128 Decode(string ulid)
    {
        if (!IsValid(ulid))
        {
            throw new FormatException("Not a ULID.");
        }

        UInt128 value = 0;
        foreach (var c in ulid)
        {
            value = (value << 5) | (uint)Alphabet.IndexOf(c, StringComparison.Ordinal);
        }

        return value;
    }
}
