using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>What one delivery call did. Only <see cref="Delivered"/> means "this call completed the message".</summary>
public enum OutboxOutcome
{
    Delivered,

    /// <summary>No such row: already delivered (and deleted) or never written.</summary>
    NotFound,

    /// <summary>Backing off after a failed attempt; the sweep picks it up when due.</summary>
    NotDue,

    /// <summary>Another dispatcher holds an unexpired lease on it.</summary>
    Leased,

    /// <summary>Another dispatcher changed the row between our read and our claim.</summary>
    Contended,

    /// <summary>The handler failed; attempts counted and the next one scheduled.</summary>
    RetryScheduled,

    /// <summary>Marked failed (or already failed): never retried automatically.</summary>
    Failed,

    /// <summary>Our lease ran out before we could record the result; the next holder decides.</summary>
    LeaseLost,
}

/// <summary>
/// Delivers outbox rows to their <see cref="IOutboxHandler"/>: woken by queue nudges, and sweeping every
/// registered project for due rows so nothing waits on a lost nudge. One delivery claims the row with an
/// ETag-conditional lease, calls the handler, and then deletes the row and writes its tombstone in one
/// transaction conditional on the claim. See README.md in this folder for the guarantees.
/// </summary>
public sealed partial class OutboxDispatcher : BackgroundService
{
    /// <summary>How far ahead of this clock a fresh row may be dated and still count as due now (instances' clocks differ).</summary>
    private static readonly TimeSpan FreshRowClockSkew = TimeSpan.FromMinutes(1);

    private const string TimeoutCode = "timeout";
    private const string NoHandlerCode = "noHandler";

    /// <summary>Written with the claim and overwritten with the result: seen only when the holder died mid-attempt.</summary>
    private const string InterruptedCode = "interrupted";
    private const int MaxQueueBatch = 16;
    private const int MaxDequeueCount = 5;

    /// <summary>Nudges handed over in memory delivered at once: a handler waits on Teams or Graph, not on this CPU.</summary>
    private const int LocalConsumers = 4;

    private readonly TableStore _store;
    private readonly ProjectRegistry _registry;
    private readonly QueueClient _queue;
    private readonly LocalOutboxNudges _local;
    private readonly Dictionary<string, IOutboxHandler> _handlers;
    private readonly IOutboxFailureObserver[] _observers;
    private readonly OutboxOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxDispatcher> _logger;
    private bool _queueReady;

    public OutboxDispatcher(
        TableStore store,
        ProjectRegistry registry,
        LocalOutboxNudges local,
        IEnumerable<IOutboxHandler> handlers,
        IEnumerable<IOutboxFailureObserver> observers,
        IOptions<OutboxOptions> options,
        TimeProvider timeProvider,
        ILogger<OutboxDispatcher> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _registry = registry;
        _local = local;
        _options = options.Value;
        _time = timeProvider;
        _logger = logger;
        _queue = store.Queue(_options.QueueName);
        _observers = [.. observers];
        _handlers = new Dictionary<string, IOutboxHandler>(StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            // Two handlers for one kind would make delivery depend on registration order: refuse at start-up.
            if (!_handlers.TryAdd(handler.Kind, handler))
            {
                throw new InvalidOperationException("Two outbox handlers are registered for kind '" + handler.Kind + "'.");
            }
        }
    }

    private TableClient Table => _store.Table(TableNames.Main);

    /// <summary>
    /// Delivers one row now, whatever its schedule and even when it is marked failed (a "retry now"), unless
    /// another dispatcher holds its lease. True when this call delivered it and removed the row.
    /// </summary>
    public async Task<bool> DeliverAsync(string projectId, string rowKey, CancellationToken cancellationToken) =>
        await DeliverCoreAsync(projectId, rowKey, manual: true, known: null, cancellationToken) == OutboxOutcome.Delivered;

    /// <summary>The same as <see cref="DeliverAsync"/>, with the outcome.</summary>
    public Task<OutboxOutcome> DeliverWithOutcomeAsync(string projectId, string rowKey, CancellationToken cancellationToken) =>
        DeliverCoreAsync(projectId, rowKey, manual: true, known: null, cancellationToken);

    /// <summary>
    /// "Try again" for a row: due now, with a fresh set of attempts (a failed row is live again), so this dispatcher
    /// delivers it on its own loop, which is drained on shutdown; the caller nudges it. A new failure is reported anew.
    /// False when there is no such row or <paramref name="mayRetry"/> refuses its kind.
    /// </summary>
    public async Task<bool> RequeueAsync(string projectId, string rowKey, Func<string, bool> mayRetry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mayRetry);
        if (!IsKeyUsable(projectId) || !OutboxKeys.IsOutboxRowKey(rowKey))
        {
            return false;
        }

        var read = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, rowKey, cancellationToken: cancellationToken);
        if (!read.HasValue || read.Value is not { } entity || !mayRetry(entity.GetString(OutboxKeys.Kind) ?? string.Empty))
        {
            return false;
        }

        entity[OutboxKeys.Failed] = false;
        entity[OutboxKeys.Attempts] = 0;
        entity[OutboxKeys.NextAttemptAt] = _time.GetUtcNow();
        try
        {
            await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            // A dispatcher claimed it (or delivered it) in between: it is being retried already.
        }

        return true;
    }

    /// <summary>One pass over every registered project: delivers due rows, removes expired tombstones. Returns rows delivered.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var delivered = 0;
        await foreach (var projectId in _registry.ListAsync(cancellationToken))
        {
            try
            {
                delivered += await SweepProjectAsync(projectId, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // One project's storage trouble must not stop the others' notifications.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogSweepFailed(_logger, projectId, ErrorCode(e));
            }
        }

        return delivered;
    }

    /// <summary>Receives one batch of nudges and processes it. Returns the number of messages received.</summary>
    public async Task<int> ReceiveOnceAsync(CancellationToken cancellationToken)
    {
        await EnsureQueueAsync(cancellationToken);
        var messages = (await _queue.ReceiveMessagesAsync(MaxQueueBatch, _options.QueueVisibilityTimeout, cancellationToken)).Value;
        foreach (var message in messages)
        {
            if (!QueueOutboxNudge.TryParse(message.MessageText, out var projectId, out var rowKeys) || !IsKeyUsable(projectId))
            {
                LogBadNudge(_logger, message.MessageId);
                await DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
                continue;
            }

            // One nudge carries every row of its transaction: each is read by its key and delivered in turn.
            if (await DeliverNudgedAsync(projectId, rowKeys, written: null, cancellationToken) || message.DequeueCount >= MaxDequeueCount)
            {
                await DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }

        return messages.Length;
    }

    /// <summary>
    /// Delivers each nudged row. True when every row was handled in some way (delivered, retry scheduled, failed, leased,
    /// gone): the rows then carry their own schedule and retries are the sweep's job. False when storage itself failed
    /// for a row: the nudge stays and reappears, and the rows already delivered are then simply not found.
    /// </summary>
    /// <param name="written">Rows this instance committed, as written (with their ETags): claimed without a read.</param>
    private async Task<bool> DeliverNudgedAsync(string projectId, IReadOnlyList<string> rowKeys, IReadOnlyDictionary<string, TableEntity>? written, CancellationToken cancellationToken)
    {
        var handled = true;
        foreach (var rowKey in rowKeys.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await DeliverCoreAsync(projectId, rowKey, manual: false, known: written?.GetValueOrDefault(rowKey), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Storage trouble with one row: the others still go; the message reappears for this one.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogNudgeFailed(_logger, projectId, rowKey, ErrorCode(e));
                handled = false;
            }
        }

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            LogDisabled(_logger);
            return;
        }

        _local.Open();
        try
        {
            await Task.WhenAll([SweepLoopAsync(stoppingToken), QueueLoopAsync(stoppingToken), .. Enumerable.Range(0, LocalConsumers).Select(_ => LocalLoopAsync(stoppingToken))]);
        }
        finally
        {
            _local.Close();
        }
    }

    /// <summary>
    /// Delivers the nudges this instance's own requests handed over. A row that storage failed for stays due, and the
    /// sweep delivers it: there is no message to reappear.
    /// </summary>
    private async Task LocalLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _local.Reader.WaitToReadAsync(stoppingToken))
            {
                while (_local.Reader.TryRead(out var nudge))
                {
                    await DeliverNudgedAsync(nudge.ProjectId, nudge.RowKeys, nudge.Written, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SweepLoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.SweepInterval, _time);
        try
        {
            // Sweep at once: rows committed before a crash are due now, not one interval from now.
            do
            {
                try
                {
                    await SweepOnceAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The loop outlives any one failure; the next tick tries again.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogSweepFailed(_logger, "*", ErrorCode(e));
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task QueueLoopAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var received = 0;
                try
                {
                    received = await ReceiveOnceAsync(stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // The loop outlives any one failure; the sweep covers the meantime.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogQueueFailed(_logger, ErrorCode(e));
                }

                if (received == 0)
                {
                    await Task.Delay(_options.QueuePollInterval, _time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<int> SweepProjectAsync(string projectId, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var delivered = 0;
        var due = TableClient.CreateQueryFilter(
            $"PartitionKey eq {projectId} and RowKey ge {OutboxKeys.Prefix} and RowKey lt {OutboxKeys.RangeEnd(OutboxKeys.Prefix)} and Failed eq {false} and NextAttemptAt le {now}");
        // Read the page first: delivering deletes rows, and a handler may take a while.
        var rows = new List<TableEntity>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(due, cancellationToken: cancellationToken))
        {
            rows.Add(entity);
        }

        foreach (var entity in rows)
        {
            if (await DeliverCoreAsync(projectId, entity.RowKey, manual: false, entity, cancellationToken) == OutboxOutcome.Delivered)
            {
                delivered++;
            }
        }

        var expired = TableClient.CreateQueryFilter(
            $"PartitionKey eq {projectId} and RowKey ge {OutboxKeys.DonePrefix} and RowKey lt {OutboxKeys.RangeEnd(OutboxKeys.DonePrefix)} and DeliveredAt lt {now - _options.TombstoneRetention}");
        await foreach (var tombstone in Table.QueryAsync<TableEntity>(expired, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            // Succeeds when already gone, so two sweepers never trip over each other.
            await Table.DeleteEntityAsync(projectId, tombstone.RowKey, ETag.All, cancellationToken);
        }

        return delivered;
    }

    private async Task<OutboxOutcome> DeliverCoreAsync(string projectId, string rowKey, bool manual, TableEntity? known, CancellationToken cancellationToken)
    {
        OutboxKeys.ValidateProjectId(projectId);
        var entity = known ?? await ReadRowAsync(projectId, rowKey, cancellationToken);
        if (entity is null)
        {
            return OutboxOutcome.NotFound;
        }

        var row = OutboxRow.Read(entity);
        if (NotNow(projectId, rowKey, row, manual) is { } skipped)
        {
            return skipped;
        }

        // The claim: whoever's conditional update wins owns the row until the lease runs out. The attempt is
        // counted now, not after the handler, so a message that kills its process cannot be retried forever.
        var attempt = row.Attempts + 1;
        var (claimed, lost) = await ClaimAsync(entity, projectId, rowKey, attempt, cancellationToken);
        if (claimed is not { } etag)
        {
            return lost;
        }

        if (!_handlers.TryGetValue(row.Kind, out var handler))
        {
            return await RecordFailureAsync(entity, etag, row, attempt, NoHandlerCode, permanent: true, cancellationToken);
        }

        // Earlier holders died mid-attempt MaxAttempts times: stop before calling the handler again.
        if (!manual && row.Attempts >= _options.MaxAttempts)
        {
            return await RecordFailureAsync(entity, etag, row, row.Attempts, InterruptedCode, permanent: true, cancellationToken);
        }

        var delivery = new OutboxDelivery(projectId, rowKey, row.Kind, row.Payload, attempt, row.CreatedAt, row.OnlyFor) { FirstTry = row.Untried };
        var (errorCode, permanent) = await RunHandlerAsync(handler, delivery, entity, etag, row, cancellationToken);
        return errorCode is not null
            ? await RecordFailureAsync(entity, etag, row, attempt, errorCode, permanent, cancellationToken)
            : await CompleteAsync(entity, etag, row, attempt);
    }

    private async Task<TableEntity?> ReadRowAsync(string projectId, string rowKey, CancellationToken cancellationToken)
    {
        if (!OutboxKeys.IsOutboxRowKey(rowKey))
        {
            return null;
        }

        var read = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, rowKey, cancellationToken: cancellationToken);
        return read.HasValue ? read.Value : null;
    }

    /// <summary>Why this row is not delivered now, or null when it is.</summary>
    private OutboxOutcome? NotNow(string projectId, string rowKey, OutboxRow row, bool manual)
    {
        var now = _time.GetUtcNow();
        if (!manual && row.Failed)
        {
            return OutboxOutcome.Failed;
        }

        // A nudge for a fresh row goes ahead even if this clock is a little behind the writer's; a row written to be due
        // later (a reminder) waits for its time whatever nudges it.
        if (!manual && row.NextAttemptAt > now + (row.Attempts > 0 ? TimeSpan.Zero : FreshRowClockSkew))
        {
            return OutboxOutcome.NotDue;
        }

        if (row.LeaseUntil > now)
        {
            LogLeased(_logger, projectId, rowKey);
            return OutboxOutcome.Leased;
        }

        return null;
    }

    /// <returns>The claimed row's ETag, or null and why the claim was lost.</returns>
    private async Task<(ETag? Claimed, OutboxOutcome Lost)> ClaimAsync(TableEntity entity, string projectId, string rowKey, int attempt, CancellationToken cancellationToken)
    {
        entity[OutboxKeys.LeaseUntil] = _time.GetUtcNow() + _options.LeaseDuration;
        entity[OutboxKeys.Attempts] = attempt;
        entity[OutboxKeys.LastError] = InterruptedCode;
        entity[OutboxKeys.Tried] = true;
        try
        {
            var response = await Table.UpdateEntityAsync(entity, entity.ETag, TableUpdateMode.Replace, cancellationToken);
            return (response.Headers.ETag ?? throw new InvalidOperationException("Table Storage returned no ETag."), default);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            LogContended(_logger, projectId, rowKey);
            return (null, e.Status == 404 ? OutboxOutcome.NotFound : OutboxOutcome.Contended);
        }
    }

    /// <returns>Null when the handler succeeded, else its error code and whether retrying is pointless.</returns>
    private async Task<(string? ErrorCode, bool Permanent)> RunHandlerAsync(
        IOutboxHandler handler, OutboxDelivery delivery, TableEntity entity, ETag claimed, OutboxRow row, CancellationToken cancellationToken)
    {
        // The handler must finish before the lease ends, or another dispatcher may deliver the row as well.
        using var budget = new CancellationTokenSource(_options.LeaseDuration * 0.8, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, budget.Token);
        try
        {
            await handler.HandleAsync(delivery, linked.Token);
            return (null, false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the row back without counting an attempt.
            await ReleaseAsync(entity, claimed, row);
            throw;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            return (TimeoutCode, false);
        }
        catch (OutboxDeliveryException e)
        {
            return (e.Code, e.Permanent);
        }
#pragma warning disable CA1031 // A handler's failure is data for the retry schedule, never a crash of the dispatcher.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return (ErrorCode(e), false);
        }
    }

    /// <summary>Replaces the delivered row by its tombstone, conditional on the claim.</summary>
    private async Task<OutboxOutcome> CompleteAsync(TableEntity entity, ETag claimed, OutboxRow row, int attempt)
    {
        var tombstone = new TableEntity(entity.PartitionKey, OutboxKeys.DoneRowKeyFor(entity.RowKey))
        {
            [OutboxKeys.Kind] = row.Kind,
            [OutboxKeys.DeliveredAt] = _time.GetUtcNow(),
            [OutboxKeys.Attempts] = attempt,
        };
        try
        {
            // If our lease lapsed and someone else took the row, this fails as a whole.
            // Not cancellable: the side effect has happened, and only this write stops it happening again.
            await Table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.Delete, entity, claimed),
                    new TableTransactionAction(TableTransactionActionType.Add, tombstone),
                ],
                CancellationToken.None);
        }
        catch (TableTransactionFailedException e)
        {
            LogLeaseLost(_logger, entity.PartitionKey, entity.RowKey, e.Status);
            return OutboxOutcome.LeaseLost;
        }

        LogDelivered(_logger, entity.PartitionKey, entity.RowKey, row.Kind, attempt);
        return OutboxOutcome.Delivered;
    }

    /// <param name="attempts">Attempts started so far, this one included.</param>
    private async Task<OutboxOutcome> RecordFailureAsync(TableEntity entity, ETag claimed, OutboxRow row, int attempts, string errorCode, bool permanent, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var failed = row.Failed || permanent || attempts >= _options.MaxAttempts;
        var next = now + Backoff(attempts);
        entity[OutboxKeys.Attempts] = attempts;
        entity[OutboxKeys.LastError] = errorCode;
        entity[OutboxKeys.LeaseUntil] = now;
        entity[OutboxKeys.Failed] = failed;
        if (!failed)
        {
            entity[OutboxKeys.NextAttemptAt] = next;
        }

        try
        {
            await Table.UpdateEntityAsync(entity, claimed, TableUpdateMode.Replace, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status is 412 or 404)
        {
            LogLeaseLost(_logger, entity.PartitionKey, entity.RowKey, e.Status);
            return OutboxOutcome.LeaseLost;
        }

        if (!failed)
        {
            LogRetryScheduled(_logger, entity.PartitionKey, entity.RowKey, row.Kind, attempts, errorCode, next);
            return OutboxOutcome.RetryScheduled;
        }

        LogMarkedFailed(_logger, entity.PartitionKey, entity.RowKey, row.Kind, attempts, errorCode);
        if (!row.Failed)
        {
            var failure = new OutboxFailure(entity.PartitionKey, entity.RowKey, row.Kind, row.Payload, attempts, errorCode);
            foreach (var observer in _observers)
            {
                try
                {
                    await observer.OnFailedAsync(failure, cancellationToken);
                }
#pragma warning disable CA1031 // An observer's trouble must not undo or repeat the bookkeeping above.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    LogObserverFailed(_logger, entity.PartitionKey, entity.RowKey, ErrorCode(e));
                }
            }
        }

        return OutboxOutcome.Failed;
    }

    /// <summary>Exponential back-off from BaseDelay, capped at MaxDelay, shortened by up to Jitter at random.</summary>
    internal TimeSpan Backoff(int attempts)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var seconds = Math.Min(_options.BaseDelay.TotalSeconds * Math.Pow(2, exponent), _options.MaxDelay.TotalSeconds);
#pragma warning disable CA5394 // Spreading retries needs no unpredictability.
        seconds *= 1 - (_options.Jitter * Random.Shared.NextDouble());
#pragma warning restore CA5394
        return TimeSpan.FromSeconds(seconds);
    }

    private async Task ReleaseAsync(TableEntity entity, ETag claimed, OutboxRow row)
    {
        entity[OutboxKeys.LeaseUntil] = _time.GetUtcNow();
        entity[OutboxKeys.Attempts] = row.Attempts;
        entity[OutboxKeys.LastError] = row.LastError;
        try
        {
            await Table.UpdateEntityAsync(entity, claimed, TableUpdateMode.Replace, CancellationToken.None);
        }
#pragma warning disable CA1031 // Best effort: an unreleased lease only delays the row until it expires.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private async Task EnsureQueueAsync(CancellationToken cancellationToken)
    {
        if (!_queueReady)
        {
            try
            {
                await _queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 403)
            {
                // An identity allowed to use but not create queues: the infrastructure created it.
            }

            _queueReady = true;
        }
    }

    private async Task DeleteMessageAsync(string messageId, string popReceipt, CancellationToken cancellationToken)
    {
        try
        {
            await _queue.DeleteMessageAsync(messageId, popReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Its visibility ran out and another receiver holds it now; that receiver deletes it.
        }
    }

    private static bool IsKeyUsable(string projectId) =>
        !string.IsNullOrEmpty(projectId) && !projectId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>A short code for logs and the row: the exception's type and status, never its message.</summary>
    private static string ErrorCode(Exception e) => e switch
    {
        RequestFailedException { Status: > 0 } r => "storage" + r.Status.ToString(System.Globalization.CultureInfo.InvariantCulture),
        HttpRequestException { StatusCode: { } status } => "http" + ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => OutboxDeliveryException.Sanitize(e.GetType().Name),
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox dispatcher disabled (Outbox:Enabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox delivered {ProjectId}/{RowKey} ({Kind}, attempt {Attempt})")]
    private static partial void LogDelivered(ILogger logger, string projectId, string rowKey, string kind, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox delivery of {ProjectId}/{RowKey} ({Kind}) failed with {ErrorCode} on attempt {Attempt}; next at {NextAttemptAt:o}")]
    private static partial void LogRetryScheduled(ILogger logger, string projectId, string rowKey, string kind, int attempt, string errorCode, DateTimeOffset nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox row {ProjectId}/{RowKey} ({Kind}) marked failed with {ErrorCode} after {Attempts} attempts")]
    private static partial void LogMarkedFailed(ILogger logger, string projectId, string rowKey, string kind, int attempts, string errorCode);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox row {ProjectId}/{RowKey} is leased by another dispatcher")]
    private static partial void LogLeased(ILogger logger, string projectId, string rowKey);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Outbox row {ProjectId}/{RowKey} was claimed or removed by another dispatcher first")]
    private static partial void LogContended(ILogger logger, string projectId, string rowKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox row {ProjectId}/{RowKey} changed under an expired lease ({Status}); its next holder records the result")]
    private static partial void LogLeaseLost(ILogger logger, string projectId, string rowKey, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox sweep of project {ProjectId} failed ({ErrorCode})")]
    private static partial void LogSweepFailed(ILogger logger, string projectId, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox queue receive failed ({ErrorCode})")]
    private static partial void LogQueueFailed(ILogger logger, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox nudge for {ProjectId}/{RowKey} not processed ({ErrorCode}); it will reappear")]
    private static partial void LogNudgeFailed(ILogger logger, string projectId, string rowKey, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox queue message {MessageId} is not a nudge; deleted")]
    private static partial void LogBadNudge(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox failure observer failed for {ProjectId}/{RowKey} ({ErrorCode})")]
    private static partial void LogObserverFailed(ILogger logger, string projectId, string rowKey, string errorCode);

    /// <summary>An outbox row's properties, read once per delivery.</summary>
    /// <param name="Untried">Explicitly never claimed (<see cref="OutboxKeys.Tried"/> false, not missing).</param>
    private readonly record struct OutboxRow(string Kind, string Payload, DateTimeOffset CreatedAt, int Attempts, DateTimeOffset NextAttemptAt, DateTimeOffset LeaseUntil, bool Failed, string LastError, string? OnlyFor, bool Untried)
    {
        public static OutboxRow Read(TableEntity entity) => new(
            entity.GetString(OutboxKeys.Kind) ?? string.Empty,
            entity.GetString(OutboxKeys.Payload) ?? "{}",
            entity.GetDateTimeOffset(OutboxKeys.CreatedAt) ?? DateTimeOffset.MinValue,
            entity.GetInt32(OutboxKeys.Attempts) ?? 0,
            entity.GetDateTimeOffset(OutboxKeys.NextAttemptAt) ?? DateTimeOffset.MinValue,
            entity.GetDateTimeOffset(OutboxKeys.LeaseUntil) ?? DateTimeOffset.MinValue,
            entity.GetBoolean(OutboxKeys.Failed) ?? false,
            entity.GetString(OutboxKeys.LastError) ?? string.Empty,
            entity.GetString(OutboxKeys.OnlyFor) is { Length: > 0 } onlyFor ? onlyFor : null,
            entity.GetBoolean(OutboxKeys.Tried) == false);
    }
}
