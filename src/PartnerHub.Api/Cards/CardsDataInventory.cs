using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Cards;

/// <summary>What card plumbing stores: where cards landed, and cards waiting for a chat (docs/privacy.md is generated from this).</summary>
internal sealed class CardsDataInventory : IDataInventory
{
    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = card|{art}|{post-id}|{object id}", "Hvor en persons kort om en post ligger i Teams, så det kan opdateres (ingen indhold, kun id'er).")
            .WrittenIn("Cards/CardLocationStore.cs")
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.PersonId, "hendes Teams-bruger og chat, og kortets besked", "UserId", "ConversationId", "ActivityId")
            .With(DataKind.NotPersonal, "hvor og på hvilket sprog kortet vises", "ServiceUrl", "Language"),
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = card-holders|{art}|{post-id}", "Ved siden af en post (et møde, et kursushold, en booking af en underviser) i én række: hvor hvert kort om den ligger (én kolonne pr. person, navngivet efter et hash af hendes object id), så postens kort findes med opslag på nøglen.")
            .WrittenIn("Cards/CardLocationStore.cs", "Cards/Holders/HoldersRow.cs")
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.PersonId, "hvor hendes kort ligger: Teams-bruger, samtale og besked (det samme som kortets card|…-række)", "h*")
            .With(DataKind.NotPersonal, "rækken blev oprettet med posten og er komplet", "Complete"),
        new StoredRow(TableNames.Conversations, "PartitionKey = tenant-id; RowKey = waiting|{object id}|{udbakke-id}", "Et kort der venter på at en person får en chat med PartnerHub (kun id'er).")
            .WrittenIn("Cards/WaitingCards.cs")
            .SeenBy("ingen")
            .Kept(Retention.Until("til hendes chat findes", "WaitingCards sender kortet og sletter rækken"))
            .With(DataKind.NotPersonal, "hvilken udbakke-række der sender kortet igen (nyttelast: kun id'er)", "ProjectId", "SourceRowKey", "Kind", "Payload", "ReleaseRowKey"),
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = waiting-released|{udbakke-id}", "Et ventende kort er sendt igen: mærket forhindrer at det sendes to gange (ingen kolonner).")
            .WrittenIn("Cards/WaitingCards.cs")
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists()),
    ];
}
