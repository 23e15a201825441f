using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Privacy;

/// <summary>
/// Everything PartnerHub stores: the places in its storage account, and every row kind as declared by the features
/// (<see cref="IDataInventory"/> implementations in this assembly, found by reflection so no feature is imported here).
/// </summary>
public static class DataInventory
{
    /// <summary>Every table (by logical name, before the environment's prefix), the staging container and the outbox queue.</summary>
    public static IReadOnlyList<StoredPlace> Stores { get; } =
    [
        new(TableNames.Main, "tabel", "Programmets poster: én partition pr. projekt."),
        new(TableNames.Conversations, "tabel", "Teams-samtaler til kort, sprogvalg og ventende kort (partition pr. tenant)."),
        new(TableNames.Audit, "tabel", "Revisionsspor: hvem læste eller ændrede hvad (kun id'er), kun tilføjelser."),
        new(TableNames.People, "tabel", "Hvem er med i hvilke projekter (opslag ved hver forespørgsel)."),
        new("graphsubscriptions", "tabel", "Abonnementer på ændringer i koordinatorernes Outlook-kalendere (partition graph)."),
        new(TableNames.PendingAttachments, "tabel", "Anmodninger om at vedhæfte en fil i chatten, indtil filen kommer."),
        new(StagedFileStore.ContainerSuffix, "blob-container", "Uploadede referater venter her (privat, navne af id'er) til de er sendt til SharePoint."),
        new(new OutboxOptions().QueueName, "kø", "Puf til udbakken: id'er på udbakke-rækker, intet andet."),
    ];

    /// <summary>Every declared row kind, ordered by store and key so the document is stable.</summary>
    public static IReadOnlyList<StoredRow> Rows() =>
        [.. Declarations()
            .SelectMany(d => d.Rows)
            .OrderBy(r => StoreOrder(r.Store))
            .ThenBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The features' declarations, found by reflection.</summary>
    public static IEnumerable<IDataInventory> Declarations() =>
        typeof(DataInventory).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IDataInventory).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IDataInventory)Activator.CreateInstance(t, nonPublic: true)!);

    private static int StoreOrder(string store)
    {
        for (var i = 0; i < Stores.Count; i++)
        {
            if (Stores[i].Name == store)
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
