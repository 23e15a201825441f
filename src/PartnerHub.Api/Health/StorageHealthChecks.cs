using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Health;

/// <summary>The main table answers a keyed query (one partition, nothing in it): reachable, table present, access granted.</summary>
internal sealed partial class TableStorageHealthCheck(TableStore store, ILogger<TableStorageHealthCheck> logger) : IHealthCheck
{
    // A partition no record uses: the query reads nothing, whatever the table holds.
    private const string ProbePartition = "~readiness";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        StorageProbe.RunAsync(logger, "tables", async token =>
        {
            var query = store.Table(TableNames.Main).QueryAsync<TableEntity>(
                e => e.PartitionKey == ProbePartition, maxPerPage: 1, select: [nameof(TableEntity.PartitionKey)], cancellationToken: token);
            await foreach (var _ in query.AsPages().WithCancellation(token))
            {
                break;
            }
        }, cancellationToken);
}

/// <summary>The queue service answers for the outbox's queue (which the outbox creates when it is missing).</summary>
internal sealed class QueueStorageHealthCheck(TableStore store, IOptions<OutboxOptions> outbox, ILogger<QueueStorageHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        StorageProbe.RunAsync(logger, "queues", token => store.Queue(outbox.Value.QueueName).ExistsAsync(token), cancellationToken);
}

/// <summary>The staging container for uploaded files exists and answers.</summary>
internal sealed class BlobStorageHealthCheck(StagedFileStore staging, ILogger<BlobStorageHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken) =>
        StorageProbe.RunAsync(logger, "blobs", async token =>
        {
            if (!await staging.ContainerExistsAsync(token))
            {
                throw new StorageProbe.MissingException();
            }
        }, cancellationToken);
}

/// <summary>Runs one storage probe within <see cref="Timeout"/> and turns every failure into a short, fixed reason.</summary>
internal static partial class StorageProbe
{
    /// <summary>The SDK retries a refused connection for several seconds; a readiness answer must not wait for all of it.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<HealthCheckResult> RunAsync(ILogger logger, string service, Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(Timeout);
        try
        {
            await probe(limit.Token);
            return HealthCheckResult.Healthy();
        }
        catch (MissingException)
        {
            LogFailed(logger, service, 404, nameof(MissingException));
            return HealthCheckResult.Unhealthy("not found");
        }
        catch (RequestFailedException e) when (e.Status is 401 or 403)
        {
            LogFailed(logger, service, e.Status, e.ErrorCode ?? string.Empty);
            return HealthCheckResult.Unhealthy("access denied");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            LogFailed(logger, service, e.Status, e.ErrorCode ?? string.Empty);
            return HealthCheckResult.Unhealthy("not found");
        }
        catch (Exception e)
        {
            // The exception's message can hold the account's URL: only its type goes to the log, nothing to the caller.
            LogFailed(logger, service, (e as RequestFailedException)?.Status ?? 0, e.GetType().Name);
            return HealthCheckResult.Unhealthy("not reachable");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Readiness: storage {Service} failed (status {Status}, {Error})")]
    private static partial void LogFailed(ILogger logger, string service, int status, string error);

    internal sealed class MissingException : Exception;
}
