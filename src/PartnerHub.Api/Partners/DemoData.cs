using PartnerHub.Api.Storage;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>
/// Demo data for the local run (Demo__Seed=true): the project "Vollsmose". Idempotent, so a restart against
/// the same Azurite changes nothing. Never enabled by the infrastructure.
/// </summary>
public sealed partial class DemoData(TableStore tables, ProjectStore projects, ILogger<DemoData> logger) : IHostedService
{
    public static readonly Project Vollsmose = new("vollsmose", "Bydelsmødre Vollsmose", "Odense Kommune", "Bydelsmødrenes lokale i Vollsmose")
    {
        Areas = ["Bøgeparken", "Birkeparken", "Egeparken", "Lærkeparken", "Granparken", "Hybenparken"],
    };

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureTablesAsync(cancellationToken);
        await projects.UpsertAsync(Vollsmose, cancellationToken);
        LogSeeded(logger, Vollsmose.Id);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data seeded for project {ProjectId}")]
    private static partial void LogSeeded(ILogger logger, string projectId);
}
