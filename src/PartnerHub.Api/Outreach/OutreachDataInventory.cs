using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Outreach;

/// <summary>What the neighbourhood mothers' outreach log stores (docs/privacy.md is generated from this).</summary>
internal sealed class OutreachDataInventory : IDataInventory
{
    private const string Writer = "Outreach/OutreachRows.cs";
    private const string Project = "PartitionKey = projekt-id; ";

    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, Project + "RowKey = outreach|{id}, outreach-of|{nabomors object id}|…", "En nabomors opsøgende indsats: dato, form, antal kvinder, emner og tilbud. Intet om de enkelte kvinder.")
            .WrittenIn(Writer, "Outreach/OutreachStore.cs")
            .SeenBy("nabomoren selv og koordinatorer")
            .Kept(Retention.WhileProjectExists())
            .Json("Data", typeof(OutreachRows.EntryJson), OutreachRows.Json)
            .With(DataKind.NotPersonal, "indsatsen som JSON (felterne nedenfor)", "Data")
            .With(DataKind.PersonId, "hvilken nabomor", "Data.Mother")
            .With(DataKind.NotPersonal, "indsatsen til statistik", "Data.Id", "Data.Date", "Data.Kind", "Data.Women", "Data.Services", "Data.RecordedAt", "Data.Version")
            .With(DataKind.FreeText, "emner hun skrev (korte ord; ikke om enkelte kvinder)", "Data.Topics"),
        new StoredRow(TableNames.Main, Project + "RowKey = outreach-dedupe|{hash}", "Idempotens: en indsats registreres én gang (nøglen er en hash, ingen id kan læses af den).")
            .WrittenIn("Outreach/OutreachStore.cs")
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "hvilken indsats", "EntryId"),
        new StoredRow(TableNames.Main, Project + "RowKey = outreach-month|{åååå-mm}", "Månedens tællere for indsatserne, til rapporten.")
            .WrittenIn(Writer)
            .SeenBy("koordinatorer og programledere (kun tal, små tal skjules)")
            .Kept(Retention.WhileProjectExists())
            .Json("Data", typeof(OutreachRows.MonthJson), OutreachRows.Json)
            .With(DataKind.NotPersonal, "tællerne som JSON (felterne nedenfor)", "Data", "Data.Entries", "Data.Women", "Data.Kinds", "Data.Services")
            .With(DataKind.FreeText, "optælling pr. emne (emnerne som skrevet)", "Data.Topics")
            .With(DataKind.PersonId, "hvilke nabomødre var aktive i måneden (til antallet af aktive)", "Data.Mothers"),
    ];
}
