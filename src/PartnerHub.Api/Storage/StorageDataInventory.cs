using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Storage;

/// <summary>What the shared storage plumbing stores: audit, outbox, leases, chats, staged files (docs/privacy.md is generated from this).</summary>
internal sealed class StorageDataInventory : IDataInventory
{
    private const string Outbox = "Storage/Outbox/OutboxMessage.cs";
    private const string Dispatcher = "Storage/Outbox/OutboxDispatcher.cs";
    private const string Conversations = "Storage/ConversationStore.cs";

    private static readonly OutboxOptions Defaults = new();

    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Audit, "PartitionKey = {projekt-id}|{ååååmm}; RowKey = {omvendt tid}|{guid}", "Revisionsspor: hvem læste eller ændrede hvilken post, og om det var tilladt. Kun id'er og handlingens navn.")
            .WrittenIn("Storage/AuditLog.cs")
            .SeenBy("ingen i dag i appen; driftsansvarlige med adgang til lagerkontoen")
            .Kept(Retention.Until("ingen udløbsdato", "kun tilføjelser: koden har ingen vej til at ændre eller slette en række"))
            .With(DataKind.PersonId, "hvem", "Actor")
            .With(DataKind.NotPersonal, "hvad, hvornår og om det var tilladt", "At", "Action", "RecordType", "RecordId", "Allowed"),
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = outbox|{ulid}", "En udbakke-række: en besked (kort, Outlook, SharePoint) der skal sendes efter en ændring. Nyttelasten er id'er, aldrig navne eller tekst.")
            .WrittenIn(Outbox, Dispatcher)
            .SeenBy("ingen")
            .Kept(Retention.Until("til beskeden er leveret (eller opgivet efter gentagne forsøg)", "OutboxDispatcher sletter rækken ved levering"))
            .With(DataKind.NotPersonal, "hvad der skal ske (id'er) og leveringens tilstand", "Kind", "Payload", "CreatedAt", "Attempts", "NextAttemptAt", "LeaseUntil", "LastError", "Failed", "Tried")
            .With(DataKind.PersonId, "den ene modtager når et ventende kort sendes igen", "OnlyFor"),
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = outbox-done|{ulid}", "Gravsten: en udbakke-række blev leveret (så den ikke leveres igen).")
            .WrittenIn(Dispatcher)
            .SeenBy("ingen")
            .Kept(Retention.Until($"{Defaults.TombstoneRetention.TotalDays:0} dage (Outbox:TombstoneRetention)", "OutboxDispatcher sletter ældre gravsten"))
            .With(DataKind.NotPersonal, "hvad og hvornår", "Kind", "DeliveredAt", "Attempts"),
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = outbox-done|{ulid}|{virkning}", "En udbakke-rækkes virkning uden for lageret (et kort sendt til en person), så et nyt forsøg ikke sender det igen.")
            .WrittenIn("Storage/Outbox/OutboxEffects.cs")
            .SeenBy("ingen")
            .Kept(Retention.Until($"{Defaults.TombstoneRetention.TotalDays:0} dage (Outbox:TombstoneRetention)", "OutboxDispatcher sletter dem med gravstenene"))
            .With(DataKind.PersonId, "hvor kortet blev sendt (modtagerens id, samtalens og beskedens id, sprog)", "Value")
            .With(DataKind.NotPersonal, "hvornår", "DeliveredAt"),
        new StoredRow(TableNames.Main, $"PartitionKey = {OutboxKeys.RegistryPartition}; RowKey = projekt-id", "Listen over projekter som baggrundsopgaverne gennemgår.")
            .WrittenIn("Storage/Outbox/ProjectRegistry.cs")
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "hvornår", "RegisteredAt"),
        new StoredRow(TableNames.Main, $"PartitionKey = {TableLeases.Partition}; RowKey = opgavens navn", "Hvilken serverinstans kører en baggrundsopgave lige nu.")
            .WrittenIn("Storage/Leases/TableLeases.cs")
            .SeenBy("ingen")
            .Kept(Retention.Until("overskrives ved hver kørsel", "TableLeases"))
            .With(DataKind.NotPersonal, "instansens tilfældige id og udløb", "Holder", "Until"),
        new StoredRow(TableNames.Conversations, "PartitionKey = tenant-id; RowKey = object id", "Hvor PartnerHub kan sende en person kort: hendes personlige chat med botten.")
            .WrittenIn(Conversations)
            .SeenBy("ingen")
            .Kept(Retention.Until("så længe appen er installeret hos hende", "ingen automatisk sletning"))
            .With(DataKind.PersonId, "hendes Teams-bruger og chat", "UserId", "ConversationId")
            .With(DataKind.NotPersonal, "Teams-tjenestens adresse, botten, kanal og sprogområde", "ServiceUrl", "BotId", "ChannelId", "Locale"),
        new StoredRow(TableNames.Conversations, "PartitionKey = tenant-id; RowKey = language|{object id}", "Det sprog hun selv har valgt (da/en).")
            .WrittenIn(Conversations)
            .SeenBy("hun selv")
            .Kept(Retention.Until("til hun vælger igen", "ingen automatisk sletning"))
            .With(DataKind.NotPersonal, "da eller en", "Language"),
        new StoredRow(TableNames.Conversations, "PartitionKey = tenant-id; RowKey = welcome|{chat-id}", "Velkomsten er sendt i en chat (så den sendes én gang).")
            .WrittenIn(Conversations)
            .SeenBy("ingen")
            .Kept(Retention.Until("kort", "ConversationStore sletter mærket hvis velkomsten ikke kunne sendes"))
            .With(DataKind.NotPersonal, "hvornår", "ClaimedAt"),
        new StoredRow(StagedFileStore.ContainerSuffix, "blob: {projekt-id}/{møde-id}/{ulid}", "En uploadet referatfil, til den er sendt til SharePoint. Filnavnet er id'er, aldrig brugerens filnavn.")
            .WrittenIn("Storage/StagedFiles.cs")
            .SeenBy("ingen (privat container)")
            .Kept(Retention.Until($"til filen er i SharePoint; efterladte filer højst {StagedFileMaintenance.OrphanAge.TotalDays:0} døgn", "udbakken sletter filen efter upload; StagedFileMaintenance sletter efterladte"))
            .With(DataKind.FreeText, "filens indhold: referatet", "(indhold)"),
        new StoredRow(Defaults.QueueName, "kø-besked", "Et puf til udbakken efter en ændring: navnene på de udbakke-rækker der skal leveres.")
            .WrittenIn("Storage/Outbox/QueueOutboxNudge.cs")
            .SeenBy("ingen")
            .Kept(Retention.Until("til beskeden er behandlet (Azure Storage sletter ubehandlede efter 7 dage)", "OutboxDispatcher"))
            .With(DataKind.NotPersonal, "projekt-id og række-id'er", "(besked)"),
    ];
}
