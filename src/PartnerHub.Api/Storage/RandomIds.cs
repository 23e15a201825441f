using System.Security.Cryptography;

namespace PartnerHub.Api.Storage;

/// <summary>Record ids: 16 lowercase base32 characters, random, safe in a row key and a URL as they are.</summary>
public static class RandomIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[16];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] % 32];
        }

        return new string(chars);
    }

    public static bool IsValid(string? id) => id is { Length: 16 } && id.All(c => Alphabet.Contains(c, StringComparison.Ordinal));
}
