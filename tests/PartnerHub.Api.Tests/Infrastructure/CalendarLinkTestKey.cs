namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>The calendar link signing key the test hosts run with (Production refuses to start without one).</summary>
internal static class CalendarLinkTestKey
{
    /// <summary>32 fixed bytes, base64: tests sign links with it to prove what the host accepts.</summary>
    public static readonly byte[] Bytes = [.. Enumerable.Range(1, 32).Select(i => (byte)(i * 7))];

    public static string Base64 => Convert.ToBase64String(Bytes);
}
