using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>Wakes the dispatcher for rows that have just committed. Best effort: the sweep is the safety net.</summary>
public interface IOutboxNudge
{
    /// <summary>Never throws for a storage failure: it is logged and the sweep delivers the row later.</summary>
    Task NudgeAsync(string projectId, string rowKey, CancellationToken cancellationToken);
}

public static class OutboxNudgeExtensions
{
    /// <summary>Nudges for each entry of a batch that has committed. Call only after the commit.</summary>
    public static async Task NudgeAsync(this IOutboxNudge nudge, IEnumerable<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var entry in entries)
        {
            await nudge.NudgeAsync(entry.ProjectId, entry.RowKey, cancellationToken);
        }
    }
}

/// <summary>Sends "{projectId}|{rowKey}" to the outbox queue.</summary>
public sealed partial class QueueOutboxNudge : IOutboxNudge
{
    private readonly QueueClient _queue;
    private readonly ILogger<QueueOutboxNudge> _logger;

    public QueueOutboxNudge(TableStore store, IOptions<OutboxOptions> options, ILogger<QueueOutboxNudge> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        // The nudge sits on the request path after the commit: fail fast rather than hold a card response.
        var clientOptions = new QueueClientOptions();
        clientOptions.Retry.MaxRetries = 1;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(200);
        clientOptions.Retry.NetworkTimeout = TimeSpan.FromSeconds(5);
        _queue = store.Queue(options.Value.QueueName, clientOptions);
        _logger = logger;
    }

    public static string Format(string projectId, string rowKey) => projectId + "|" + rowKey;

    /// <summary>Splits at the first '|': project ids never contain one, row keys do.</summary>
    public static bool TryParse(string? text, out string projectId, out string rowKey)
    {
        var bar = text?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        projectId = bar > 0 ? text![..bar] : string.Empty;
        rowKey = bar > 0 ? text![(bar + 1)..] : string.Empty;
        return bar > 0 && OutboxKeys.IsOutboxRowKey(rowKey);
    }

    public async Task NudgeAsync(string projectId, string rowKey, CancellationToken cancellationToken)
    {
        OutboxKeys.ValidateProjectId(projectId);
        if (!OutboxKeys.IsOutboxRowKey(rowKey))
        {
            throw new ArgumentException("Not an outbox row key.", nameof(rowKey));
        }

        try
        {
            try
            {
                await _queue.SendMessageAsync(Format(projectId, rowKey), cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // First nudge before any dispatcher created the queue (e.g. the loop is disabled).
                await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await _queue.SendMessageAsync(Format(projectId, rowKey), cancellationToken);
            }
        }
#pragma warning disable CA1031 // The commit has happened; any failure here only delays delivery to the next sweep.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNudgeFailed(_logger, projectId, rowKey, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox nudge for {ProjectId}/{RowKey} failed ({ErrorType}); the sweep will deliver it")]
    private static partial void LogNudgeFailed(ILogger logger, string projectId, string rowKey, string errorType);
}
