using System.Globalization;

namespace PartnerHub.Api.Tests.Fuzzing;

/// <summary>
/// How much to fuzz: <c>PARTNERHUB_FUZZ_SAMPLES</c> payloads per card-action family and per REST body shape (1,000 by
/// default, the floor), <c>PARTNERHUB_FUZZ_SEED</c> to replay a run CsCheck reported.
/// </summary>
internal static class FuzzSettings
{
    /// <summary>Payloads per batch: the tables are compared before and after each batch, not each payload (cost).</summary>
    public const int BatchSize = 100;

    public static int Samples { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("PARTNERHUB_FUZZ_SAMPLES"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 1000;

    public static long Batches => (Samples + BatchSize - 1) / BatchSize;

    public static string? Seed { get; } = Environment.GetEnvironmentVariable("PARTNERHUB_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;
}
