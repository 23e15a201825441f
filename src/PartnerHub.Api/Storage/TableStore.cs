using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PartnerHub.Api.Storage;

/// <summary>Hands out table (and queue) clients by logical name, with the environment's prefix applied.</summary>
public sealed partial class TableStore
{
    private readonly TableServiceClient _service;
    private readonly string _prefix;

    /// <param name="policies">Extra pipeline policies (tests only; see <see cref="StorageClientPolicies"/>).</param>
    public TableStore(IOptions<StorageOptions> options, StorageClientPolicies? policies = null)
    {
        var value = options.Value;
        _policies = policies;
        _prefix = value.TablePrefix;
        _connectionString = value.ConnectionString;
        _queueServiceUri = value.QueueServiceUri;
        if (!string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            _service = new TableServiceClient(value.ConnectionString, CountedTableOptions(policies));
        }
        else if (value.TableServiceUri is not null)
        {
            _credential = new DefaultAzureCredential();
            _service = new TableServiceClient(value.TableServiceUri, _credential, CountedTableOptions(policies));
        }
        else
        {
            throw new InvalidOperationException(
                "Storage is not configured: set Storage__ConnectionString (\"UseDevelopmentStorage=true\" for Azurite) or Storage__TableServiceUri for managed identity.");
        }
    }

    private static TableClientOptions CountedTableOptions(StorageClientPolicies? policies)
    {
        var options = new TableClientOptions();
        options.AddPolicy(StorageRequestCounter.Instance, HttpPipelinePosition.PerRetry);
        policies?.AddTo(options);
        return options;
    }

    public TableClient Table(string logicalName) => _service.GetTableClient(_prefix + logicalName);

    /// <summary>Hot rows this instance wrote last, with their ETags (this store's, so one per host).</summary>
    public KnownRows Written { get; } = new();

    public async Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in TableNames.All)
        {
            await Table(name).CreateIfNotExistsAsync(cancellationToken);
        }
    }

    // ---- Queues (the outbox's nudges). Same account and prefix as the tables. ----
    private readonly string? _connectionString;
    private readonly Uri? _queueServiceUri;
    private readonly TokenCredential? _credential;
    private readonly StorageClientPolicies? _policies;

    /// <summary>
    /// A queue client for a logical queue name, with the prefix applied and lowercased (queue names are
    /// lowercase; table prefixes are alphanumeric). Options let a caller trade retries for latency.
    /// </summary>
    public QueueClient Queue(string logicalName, QueueClientOptions? options = null)
    {
        var name = QueueName(_prefix, logicalName);
        options ??= new QueueClientOptions();
        options.AddPolicy(StorageRequestCounter.Instance, HttpPipelinePosition.PerRetry);
        _policies?.AddTo(options);
        if (!string.IsNullOrWhiteSpace(_connectionString))
        {
            return new QueueClient(_connectionString, name, options);
        }

        if (_queueServiceUri is not null && _credential is not null)
        {
            return new QueueClient(new Uri(_queueServiceUri, name), _credential, options);
        }

        throw new InvalidOperationException("Queues are not configured: set Storage__ConnectionString, or Storage__QueueServiceUri beside Storage__TableServiceUri.");
    }

    public static string QueueName(string prefix, string logicalName)
    {
        var name = (prefix + logicalName).ToLowerInvariant();
        return QueueNamePattern().IsMatch(name) && !name.Contains("--", StringComparison.Ordinal)
            ? name
            : throw new InvalidOperationException("Invalid queue name: 3-63 lowercase letters, digits and single hyphens.");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex QueueNamePattern();
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
