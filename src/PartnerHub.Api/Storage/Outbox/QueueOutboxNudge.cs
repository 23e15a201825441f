using Azure;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>Wakes the dispatcher for rows that have just committed. Best effort: the sweep is the safety net.</summary>
public interface IOutboxNudge
{
    /// <summary>
    /// One nudge for the rows one transaction committed (one partition, so one project). Never throws for a storage
    /// failure: it is logged and the sweep delivers the rows later.
    /// </summary>
    Task NudgeAsync(string projectId, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken);

    /// <summary>
    /// The same for rows this instance has just committed (<see cref="TableTransactions.CommitAsync"/>): a nudge that
    /// stays in this process may hand them over as written, so they are not read back.
    /// </summary>
    Task NudgeAsync(string projectId, IReadOnlyList<OutboxEntry> committed, CancellationToken cancellationToken) =>
        NudgeAsync(projectId, OutboxNudgeExtensions.RowKeys(committed), cancellationToken);
}

public static class OutboxNudgeExtensions
{
    /// <summary>
    /// Nudges for a batch that has committed: one queue message per project, not one per row, since the nudge runs on the
    /// request path (inside Teams' invoke budget). Call only after the commit.
    /// </summary>
    public static async Task NudgeAsync(this IOutboxNudge nudge, IEnumerable<OutboxEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var project in entries.GroupBy(entry => entry.ProjectId, StringComparer.Ordinal))
        {
            await nudge.NudgeAsync(project.Key, [.. project], cancellationToken);
        }
    }

    internal static IReadOnlyList<string> RowKeys(IReadOnlyList<OutboxEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return [.. entries.Select(entry => entry.RowKey).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>A nudge for one row.</summary>
    public static Task NudgeAsync(this IOutboxNudge nudge, string projectId, string rowKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        return nudge.NudgeAsync(projectId, [rowKey], cancellationToken);
    }
}

/// <summary>Sends "{projectId}|{rowKey},{rowKey},…" to the outbox queue, where any instance's dispatcher takes it.</summary>
public sealed partial class QueueOutboxNudge : IOutboxNudge
{
    /// <summary>An entity-group transaction holds at most 100 actions, so no transaction has more outbox rows.</summary>
    public const int MaxRowKeys = 100;

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

    /// <summary>Row keys hold '|' but never ',' (a ULID is Crockford base32), so ',' separates them.</summary>
    public static string Format(string projectId, IEnumerable<string> rowKeys) => projectId + "|" + string.Join(',', rowKeys);

    /// <summary>
    /// Splits at the first '|' (project ids never contain one, row keys do), then the row keys at ','. A nudge from
    /// before multi-row nudges ("{projectId}|{rowKey}") reads as a nudge for one row.
    /// </summary>
    public static bool TryParse(string? text, out string projectId, out IReadOnlyList<string> rowKeys)
    {
        var bar = text?.IndexOf('|', StringComparison.Ordinal) ?? -1;
        projectId = bar > 0 ? text![..bar] : string.Empty;
        var keys = bar > 0 ? text![(bar + 1)..].Split(',') : [];
        rowKeys = keys;
        return keys.Length is > 0 and <= MaxRowKeys && keys.All(OutboxKeys.IsOutboxRowKey);
    }

    /// <summary>What every nudge must be, however it travels: a usable project id and 1-100 outbox row keys.</summary>
    public static void Validate(string projectId, IReadOnlyList<string> rowKeys)
    {
        OutboxKeys.ValidateProjectId(projectId);
        ArgumentNullException.ThrowIfNull(rowKeys);
        if (rowKeys.Count is 0 or > MaxRowKeys || !rowKeys.All(OutboxKeys.IsOutboxRowKey))
        {
            throw new ArgumentException("Not 1-100 outbox row keys.", nameof(rowKeys));
        }
    }

    public Task NudgeAsync(string projectId, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        Validate(projectId, rowKeys);
        return SendAsync(projectId, rowKeys, cancellationToken);
    }

    /// <summary>The queue message for rows already checked (<see cref="Validate"/>).</summary>
    internal async Task SendAsync(string projectId, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        var text = Format(projectId, rowKeys);
        try
        {
            try
            {
                await _queue.SendMessageAsync(text, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // First nudge before any dispatcher created the queue (e.g. the loop is disabled).
                await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await _queue.SendMessageAsync(text, cancellationToken);
            }
        }
#pragma warning disable CA1031 // The commit has happened; any failure here only delays delivery to the next sweep.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogNudgeFailed(_logger, projectId, rowKeys[0], rowKeys.Count, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox nudge for {ProjectId}/{RowKey} ({Count} rows in all) failed ({ErrorType}); the sweep will deliver them")]
    private static partial void LogNudgeFailed(ILogger logger, string projectId, string rowKey, int count, string errorType);
}
