using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Options;

namespace PartnerHub.Api.Storage;

/// <summary>Hands out table clients by logical name, with the environment's prefix applied.</summary>
public sealed class TableStore
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;

    public TableStore(IOptions<StorageOptions> options)
    {
        var value = options.Value;
        _prefix = value.TablePrefix;
        if (!string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            _service = new TableServiceClient(value.ConnectionString);
        }
        else if (value.TableServiceUri is not null)
        {
            _service = new TableServiceClient(value.TableServiceUri, new DefaultAzureCredential());
        }
        else
        {
            throw new InvalidOperationException(
                "Storage is not configured: set Storage__ConnectionString (\"UseDevelopmentStorage=true\" for Azurite) or Storage__TableServiceUri for managed identity.");
        }
    }

    public TableClient Table(string logicalName) => _service.GetTableClient(_prefix + logicalName);

    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await Table(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }
}

/// <summary>Creates the tables once at start-up, so no request path ever pays for it.</summary>
public sealed partial class TableInitializer(TableStore store, ILogger<TableInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureTablesAsync(cancellationToken);
        LogReady(logger, TableNames.All.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Table storage ready ({TableCount} tables)")]
    private static partial void LogReady(ILogger logger, int tableCount);
}
