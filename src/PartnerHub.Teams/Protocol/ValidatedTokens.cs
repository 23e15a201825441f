using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PartnerHub.Teams.Protocol;

/// <summary>
/// Tokens that passed every check, remembered by the SHA-256 of their exact text until they expire, so the Connector's
/// token (the same one on every activity for most of an hour) is not read and RSA-verified again on each request.
/// Only the hash is kept, never the token. Any other text, a changed signature included, is a different hash and is
/// validated in full; failures are never remembered, so a stranger cannot fill the cache. A hit still has to be
/// unexpired by the validator's clock and skew, and signed by the key its kid names in the metadata as it is now (a
/// refreshed or rotated key set validates in full again). Bounded: when full, expired entries go, else all of them.
/// </summary>
internal sealed class ValidatedTokens
{
    internal const int Capacity = 1024;

    private readonly ConcurrentDictionary<TokenHash, Entry> _entries = new();

    /// <summary>What the validator learnt about a token: the outcome and what it needs to trust that outcome again.</summary>
    internal sealed record Entry(TokenValidationOutcome Outcome, DateTime ExpiresUtc, string Kid, bool IsBotFramework, SecurityKey Key);

    internal int Count => _entries.Count;

    public Entry? Find(string token, DateTime nowUtc, TimeSpan clockSkew)
    {
        var hash = TokenHash.Of(token);
        if (!_entries.TryGetValue(hash, out var entry))
        {
            return null;
        }

        if (entry.ExpiresUtc < nowUtc - clockSkew)
        {
            // Expired: forgotten, and the full validation refuses it with the reason it gives.
            _entries.TryRemove(hash, out _);
            return null;
        }

        return entry;
    }

    public void Remember(string token, Entry entry, DateTime nowUtc, TimeSpan clockSkew)
    {
        if (_entries.Count >= Capacity)
        {
            foreach (var (hash, old) in _entries)
            {
                if (old.ExpiresUtc < nowUtc - clockSkew)
                {
                    _entries.TryRemove(hash, out _);
                }
            }

            if (_entries.Count >= Capacity)
            {
                _entries.Clear();
            }
        }

        _entries[TokenHash.Of(token)] = entry;
    }

    public void Forget(string token) => _entries.TryRemove(TokenHash.Of(token), out _);

    /// <summary>SHA-256 of the token's UTF-8 text, as a value type (equality by content).</summary>
    private readonly record struct TokenHash(Int128 High, Int128 Low)
    {
        public static TokenHash Of(string token)
        {
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            var length = Encoding.UTF8.GetMaxByteCount(token.Length);
            var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var written = Encoding.UTF8.GetBytes(token, rented);
                SHA256.HashData(rented.AsSpan(0, written), hash);
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }

            return new TokenHash(
                System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(hash[..16]),
                System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(hash[16..]));
        }
    }
}
