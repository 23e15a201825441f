extern alias api;

using api::PartnerHub.Api.Storage;
using Azure.Data.Tables;

namespace PartnerHub.Bench;

/// <summary>
/// Drops what a mode wrote to Azurite once it is done. Azurite holds every table and queue in one Node heap: rows a
/// mode left behind lengthen its garbage collections in every mode after it, though those never read them.
/// </summary>
public static class BenchStorage
{
    /// <summary>Azurite on its standard ports: the storage every mode and the benchmark itself use.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>
    /// The API's tables under <paramref name="tablePrefix"/>, by their exact names. Not its outbox queue: deleting one
    /// with the write rows' thousands of nudges stalled every storage call of the next mode for minutes, Azurite
    /// removing the messages and their extents on its only thread (2026-12-06 03:10: a table listing took 41 s).
    /// </summary>
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
    }
}
