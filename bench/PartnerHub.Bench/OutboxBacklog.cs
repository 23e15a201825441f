extern alias api;

using api::PartnerHub.Api.Storage;
using api::PartnerHub.Api.Storage.Outbox;
using Azure.Data.Tables;

namespace PartnerHub.Bench;

/// <summary>
/// How many of the bench project's outbox rows wait for delivery: committed and not yet delivered (a delivered row
/// leaves its key range). Read from outside the API, one prefix query of the project's partition, keys only. A count
/// that climbs over the soak is a delivery backlog: the memory it holds is work behind, not a leak.
/// </summary>
public static class OutboxBacklog
{
    public static async Task<int?> CountAsync(string tablePrefix, TimeSpan bound)
    {
        using var timeout = new CancellationTokenSource(bound);
        try
        {
            var table = new TableServiceClient(BenchStorage.DevelopmentStorage).GetTableClient(tablePrefix + TableNames.Main);
            var count = 0;
            await foreach (var _ in table.QueryAsync<TableEntity>(
                TableQueries.Prefix(Scenario.ProjectId, OutboxKeys.Prefix), select: ["RowKey"], cancellationToken: timeout.Token))
            {
                count++;
            }

            return count;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException)
        {
            Console.Error.WriteLine($"[bench] outbox backlog not read within {bound.TotalSeconds:0} s: {ex.GetType().Name}");
            return null;
        }
    }
}
