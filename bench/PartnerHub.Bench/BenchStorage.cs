extern alias api;

using api::PartnerHub.Api.Storage;
using api::PartnerHub.Api.Storage.Outbox;
using Azure.Data.Tables;
using Azure.Storage.Queues;

namespace PartnerHub.Bench;

/// <summary>
/// Drops what a mode wrote to Azurite once it is done. Azurite holds every table and queue in one Node heap: rows a
/// mode left behind lengthen its garbage collections in every mode after it, though those never read them.
/// </summary>
public static class BenchStorage
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>The API's tables and its outbox queue under <paramref name="tablePrefix"/>, by their exact names.</summary>
    public static async Task DropAsync(string tablePrefix)
    {
        var tables = new TableServiceClient(DevelopmentStorage);
        foreach (var name in TableNames.All)
        {
            try
            {
                await tables.DeleteTableAsync(tablePrefix + name);
            }
            catch (Azure.RequestFailedException e) when (e.Status == 404)
            {
                // Never created by this mode: nothing to drop.
            }
        }

        var queue = new QueueClient(DevelopmentStorage, TableStore.QueueName(tablePrefix, new OutboxOptions().QueueName));
        await queue.DeleteIfExistsAsync();
    }
}
