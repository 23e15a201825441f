using Azure.Data.Tables;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// What a handler did outside storage (a card posted to someone), remembered under its row's idempotency key, so an
/// attempt after one whose ending was lost (the post went out, then storage failed before the row was deleted) does
/// not do it again. Rows <c>outbox-done|{ulid}|{effect}</c> beside the tombstone, with <c>DeliveredAt</c>, so the
/// sweep removes them with the tombstones after <c>TombstoneRetention</c>. Values are ids only. On a delivery's
/// <see cref="OutboxDelivery.FirstTry"/> there is nothing to find, and no call need be made.
/// </summary>
public sealed class OutboxEffects(TableStore store, TimeProvider time)
{
    /// <summary>Tries at writing a done effect: it is what stops a repeat, so a single storage hiccup must not lose it.</summary>
    private const int RememberAttempts = 3;

    private TableClient Table => store.Table(TableNames.Main);

    public static string RowKey(string outboxRowKey, string effect) =>
        OutboxKeys.DoneRowKeyFor(outboxRowKey) + "|" + TableKeys.Escape(effect);

    /// <summary>The value remembered for this row's effect, or null when it has not been done.</summary>
    public async Task<string?> FindAsync(string projectId, string outboxRowKey, string effect, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(outboxRowKey, effect), select: ["Value"], cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? entity.GetString("Value") ?? string.Empty : null;
    }

    public async Task RememberAsync(string projectId, string outboxRowKey, string effect, string value, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(projectId, RowKey(outboxRowKey, effect))
        {
            ["Value"] = value,
            ["DeliveredAt"] = time.GetUtcNow(),
        };
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
                return;
            }
            catch (Exception e) when (attempt < RememberAttempts && StorageFaults.IsUnavailable(e, cancellationToken))
            {
                // Tried again at once: the effect already happened, and the next attempt of the row would repeat it.
            }
        }
    }
}
