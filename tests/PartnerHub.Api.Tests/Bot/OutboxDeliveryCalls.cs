using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>The storage calls of delivering one outbox row a change committed, by its handler alone.</summary>
internal static class OutboxDeliveryCalls
{
    /// <summary>
    /// Delivers the last outbox row of this kind whose payload names <paramref name="recordId"/> through its handler and
    /// answers the handler's calls: the dispatcher's own sweep query, claim and tombstone are the same for every row. The
    /// Connector's log starts empty, so the cards it updated can be asserted after.
    /// </summary>
    public static async Task<string[]> CountAsync(BotHost host, StorageCalls calls, string projectId, string kind, string recordId)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(calls);
        TableEntity? row = null;
        await foreach (var outbox in host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, "outbox|")))
        {
            if (outbox.GetString("Kind") == kind && outbox.GetString("Payload")?.Contains(recordId, StringComparison.Ordinal) == true)
            {
                row = outbox;
            }
        }

        Assert.NotNull(row);
        var handler = host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == kind);
        // As the dispatcher's first attempt: the row says no handler ran for it before.
        var delivery = new OutboxDelivery(projectId, row.RowKey, kind, row.GetString("Payload")!, 1, DateTimeOffset.UtcNow) { FirstTry = row.GetBoolean(OutboxKeys.Tried) == false };
        host.Connector.ResetLogEntries();
        return await calls.CountAsync(() => handler.HandleAsync(delivery, CancellationToken.None));
    }
}
