using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Bot;

/// <summary>What the bot itself stores: only the local demo's persona choice (docs/privacy.md is generated from this).</summary>
internal sealed class BotDataInventory : IDataInventory
{
    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Conversations, "PartitionKey = tenant-id; RowKey = demoperson|{object id}", "Kun i den lokale demo: hvilken demoperson man optræder som. Findes aldrig i drift.")
            .WrittenIn("Bot/DemoPersonas.cs")
            .SeenBy("ingen")
            .Kept(Retention.Until("kun i demoen", "ingen"))
            .With(DataKind.PersonId, "demopersonens object id", "Persona"),
    ];
}
