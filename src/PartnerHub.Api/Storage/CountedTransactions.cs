using Azure;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage;

/// <summary>
/// A transaction as built from the rows read now: its actions, and where its counter rows begin (they come last).
/// Counter actions carry the whole row, so what was written can be remembered (<see cref="KnownRows"/>).
/// </summary>
public sealed record CountedTransaction(IReadOnlyList<TableTransactionAction> Actions, int FirstCounterIndex);

/// <summary>
/// Reads the counter rows a transaction is conditional on: on its first attempt the row as this instance last wrote it,
/// when it did (no round trip); after a lost attempt, or when unknown here, from storage. <see cref="Shard"/> is the
/// counter shard this attempt counts in (<see cref="CounterShards"/>), for counters kept in shards.
/// </summary>
public sealed class CounterRowReader(TableClient table, KnownRows? known, bool fresh, int shard = 0)
{
    public int Shard => shard;

    public async Task<TableEntity?> ReadAsync(string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        if (!fresh && known?.Find(table, partitionKey, rowKey) is { } remembered)
        {
            return remembered;
        }

        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}

/// <summary>
/// The one retry rule for a change committed together with counter rows (report months, outreach months): when the
/// transaction fails on a counter row only (another change counted first), nothing was written, so the transaction is
/// built again from the counters as they are now and retried, up to <see cref="MaxAttempts"/> times; when those run out it
/// is <see cref="StorageFaults.Contended"/> (a "try again" card, REST 503), never the record's lost race. A failure on any
/// other action is the caller's to interpret (a lost race on the record itself, a repeat), unchanged.
/// Each lost attempt means another change committed its count meanwhile, so N changes racing on one month all commit
/// within N attempts (a counter row folded away meanwhile, 404, is one such change): <see cref="MaxAttempts"/> covers 32 at once (a month's row is hot when many partners submit together),
/// and a short random pause spreads the retries so they do not collide again in step. Changes on one instance never race
/// each other for a counter row: each holds its shard of the partition's counters while it commits (<see cref="CounterShards"/>),
/// so only another instance's change can make an attempt fail.
/// </summary>
public static class CountedTransactions
{
    public const int MaxAttempts = 32;

    public static async Task<Response<IReadOnlyList<Response>>> SubmitAsync(
        TableClient table, string partitionKey, Func<CounterRowReader, CancellationToken, Task<CountedTransaction>> build, KnownRows? known, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(build);
        using var held = await (known?.Shards ?? new CounterShards()).TakeAsync(table.Name, partitionKey, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var transaction = await build(new CounterRowReader(table, known, fresh: attempt > 1, held.Shard), cancellationToken);
            try
            {
                var response = await table.CommitAsync(transaction.Actions, cancellationToken);
                Remember(table, known, transaction, response.Value);
                return response;
            }
            catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && e.FailedTransactionActionIndex >= transaction.FirstCounterIndex)
            {
                if (attempt == MaxAttempts)
                {
                    // Nothing was written and the record itself was not changed by anyone: a busy moment, not her lost race.
                    throw StorageFaults.Contended("A counter row kept changing; nothing was written.");
                }


                // Only a counter row moved: count again from its new value, after a pause of 0 to 2·attempt ms (at most 20).
                var moved = transaction.Actions[e.FailedTransactionActionIndex!.Value].Entity;
                known?.Forget(table, moved.PartitionKey, moved.RowKey);
                held.TryMove();
                await Task.Delay(Random.Shared.Next(0, Math.Min(2 * attempt, 20) + 1), cancellationToken);
            }
        }
    }

    private static void Remember(TableClient table, KnownRows? known, CountedTransaction transaction, IReadOnlyList<Response> responses)
    {
        if (known is null || responses.Count != transaction.Actions.Count)
        {
            return;
        }

        for (var i = transaction.FirstCounterIndex; i < transaction.Actions.Count; i++)
        {
            if (responses[i].Headers.ETag is { } etag && transaction.Actions[i].Entity is TableEntity row)
            {
                known.Remember(table, row, etag);
            }
        }
    }
}
