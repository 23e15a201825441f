using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage.ReadCaching;

namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>Read caches for tests: the lifetime given, on the test's own clock.</summary>
internal static class ReadCaches
{
    public static ReadCache Of(int seconds, TimeProvider clock) => new(Options.Create(new ReadCacheOptions { Seconds = seconds }), clock);
}
