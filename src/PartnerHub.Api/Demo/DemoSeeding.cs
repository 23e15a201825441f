using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Demo;

/// <summary>Runs every feature's demo seed at start-up, in order, once the tables exist.</summary>
public sealed partial class DemoSeeding(TableStore tables, IEnumerable<IDemoSeed> seeds, TimeProvider time, ILogger<DemoSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureTablesAsync(cancellationToken);
        var now = time.GetUtcNow();
        var seeded = 0;
        foreach (var seed in seeds.OrderBy(s => s.Order))
        {
            seeded += await seed.SeedAsync(now, cancellationToken);
        }

        LogSeeded(logger, DemoData.Vollsmose.Id, seeded);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded for project {ProjectId} ({Records} new records)")]
    private static partial void LogSeeded(ILogger logger, string projectId, int records);
}
