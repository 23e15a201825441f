using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Graph.Notifications;

/// <summary>
/// Enqueues the work a notification causes at most once per replay window: the outbox row and a
/// <c>graph-seen|{key}</c> row go into the project's partition of the main table in one entity-group transaction,
/// and the seen row is an Add, so a second copy of the same notification fails the whole transaction (409) and
/// leaves nothing behind. Seen rows carry <c>ExpiresAt</c> and are purged by the renewal loop.
/// </summary>
public sealed class NotificationInbox(TableStore store, OutboxWriter outbox, TimeProvider time, IOptions<GraphNotificationOptions> options)
{
    public const string SeenPrefix = "graph-seen|";

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>
    /// The replay key: SHA-256 over the subscription id, the resource, the change type (or lifecycle event) and the
    /// SHA-256 of the item's exact JSON. Graph resends a failed delivery byte for byte; a new change of the same
    /// event carries a new etag and so a new key.
    /// </summary>
    public static string Key(string subscriptionId, string resource, string changeType, ReadOnlySpan<byte> rawItem)
    {
        var payloadHash = Convert.ToHexString(SHA256.HashData(rawItem));
        var material = string.Join('\n', subscriptionId, resource, changeType, payloadHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)));
    }

    /// <summary>The outbox entry when it was enqueued (nudge it after the call), null for a replay.</summary>
    public async Task<OutboxEntry?> EnqueueOnceAsync(string projectId, string key, OutboxMessage message, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var seen = new TableEntity(projectId, SeenPrefix + key)
        {
            ["ExpiresAt"] = now + options.Value.ReplayWindow,
            ["Kind"] = message.Kind,
        };
        var entry = outbox.Create(projectId, message);
        try
        {
            await Table.CommitAsync([new TableTransactionAction(TableTransactionActionType.Add, seen), entry.Action], cancellationToken);
            return entry;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            return null;
        }
    }

    /// <summary>Deletes the project's seen rows whose window has passed. Returns how many.</summary>
    public async Task<int> PurgeExpiredAsync(string projectId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var end = SeenPrefix[..^1] + (char)(SeenPrefix[^1] + 1);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey ge {SeenPrefix} and RowKey lt {end} and ExpiresAt lt {now}");
        var purged = 0;
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            try
            {
                await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
                purged++;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
            }
        }

        return purged;
    }
}
