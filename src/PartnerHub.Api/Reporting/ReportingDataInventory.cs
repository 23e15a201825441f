using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Reporting;

/// <summary>What the funder report stores (docs/privacy.md is generated from this).</summary>
internal sealed class ReportingDataInventory : IDataInventory
{
    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = report-month|{funktion}|{åååå-mm}[|{del}]", "Rapportens tællere pr. måned: antal og fordelinger, skrevet sammen med den ændring de tæller (samtidige ændringer tæller i hver sin del, som lægges sammen).")
            .WrittenIn("Reporting/MonthCounterRows.cs")
            .SeenBy("koordinatorer og programledere (små tal under tærsklen skjules)")
            .Kept(Retention.WhileProjectExists("bevares også når personoplysninger slettes"))
            .With(DataKind.NotPersonal, "en tæller pr. kolonne (navnet er tællerens nøgle, fx c_needs_…)", "c_*"),
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = report-settings", "Projektets tærskel for små tal i rapporten.")
            .WrittenIn("Reporting/ReportSettingsStore.cs")
            .SeenBy("koordinatorer")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "tærsklen", "Threshold", "ChangedAt")
            .With(DataKind.PersonId, "hvem ændrede den", "ChangedBy"),
        new StoredRow(TableNames.Main, "PartitionKey = programme-lead|{tenant-id}; RowKey = object id", "En programleder: de projekter hun må se samlet.")
            .WrittenIn("Reporting/ProgrammeLeadStore.cs")
            .SeenBy("administratorer; hun selv")
            .Kept(Retention.Until("så længe hun er programleder", "ingen automatisk sletning; en administrator ændrer rækken"))
            .With(DataKind.StaffName, "at vise hvem hun er", "FirstName")
            .With(DataKind.NotPersonal, "hendes projekter", "ProjectIds")
            .With(DataKind.PersonId, "hvem udnævnte hende", "ChangedBy"),
    ];
}
