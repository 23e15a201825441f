namespace PartnerHub.Tests.Shared;

/// <summary>
/// Fresh ids for one test's projects and records. Letters only: ten hex characters are all digits about once in a
/// hundred runs, and a name holding them then looks like a CPR number (DDMMYY-XXXX), which the forms rightly refuse.
/// </summary>
internal static class UniqueIds
{
    public static string Next(int length) => string.Create(length, 0, static (span, _) =>
    {
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = (char)('a' + Random.Shared.Next(26));
        }
    });
}
