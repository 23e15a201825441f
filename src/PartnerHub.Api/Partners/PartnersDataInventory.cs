using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Partners;

/// <summary>What projects and the partner directory store (docs/privacy.md is generated from this).</summary>
internal sealed class PartnersDataInventory : IDataInventory
{
    private const string Directory = "Partners/DirectoryStore.cs";
    private const string Project = "PartitionKey = projekt-id; ";

    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, Project + "RowKey = project", "Projektet: navn, kommune, mødested, boligområder og sprog.")
            .WrittenIn("Partners/ProjectStore.cs")
            .SeenBy("alle i projektet")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "projektets stamdata", "Name", "Municipality", "FixedPlace", "Areas", "TenantId", "Language"),
        new StoredRow(TableNames.Main, "PartitionKey = tenantproject|{tenant-id}; RowKey = projekt-id", "Indeks: en tenants projekter (ingen kolonner).")
            .WrittenIn("Partners/ProjectStore.cs")
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists()),
        new StoredRow(TableNames.Main, Project + "RowKey = org|{id}", "En partnerorganisation i projektets katalog.")
            .WrittenIn(Directory)
            .SeenBy("alle i projektet; kun koordinatorer ændrer (DirectoryAccess)")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "organisationens navn, type og om den modtager videre-henvisninger", "Kind", "Name", "ReceivesOnwardReferrals"),
        new StoredRow(TableNames.Main, Project + "RowKey = member|{object id}", "En person i projektet: rolle, organisation og fornavn.")
            .WrittenIn(Directory)
            .SeenBy("koordinatorer; andre ser fornavnet hvor de arbejder sammen (fx den tildelte nabomor)")
            .Kept(Retention.Until("til personen fjernes fra projektet, eller fornavnet til hun beder om sletning", "DirectoryService sletter rækken når en koordinator fjerner hende; DirectorySubjectEraser sletter fornavnet på anmodning (Privacy/Subjects)"))
            .With(DataKind.StaffName, "at vise hvem der arbejder med sagen", "FirstName")
            .With(DataKind.NotPersonal, "hendes rolle og organisation (giver adgang)", "Role", "OrganisationId"),
        new StoredRow(TableNames.Main, Project + "RowKey = directory-dedupe|{hash}, guard|coordinators", "Idempotens for ændringer i kataloget, og en vagt der sikrer at der altid er en koordinator.")
            .WrittenIn(Directory)
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "tæller for samtidige ændringer", "Changes"),
        new StoredRow(TableNames.Main, Project + "RowKey = directory|version", "Katalogets version: skifter ved hver ændring af en person eller organisation, så en server ser at intet er ændret uden at læse alle rækker.")
            .WrittenIn("Partners/DirectoryVersion.cs")
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "et tilfældigt stempel", DirectoryVersion.StampColumn),
        new StoredRow(TableNames.People, "PartitionKey = {tenant-id}|{object id}; RowKey = projekt-id", "Hvilke projekter en person er med i, og med hvilken rolle: læses ved hver forespørgsel.")
            .WrittenIn("Partners/CallerDirectory.cs")
            .SeenBy("ingen direkte; giver hende adgang")
            .Kept(Retention.Until("til personen fjernes fra projektet", "CallerDirectory sletter rækken sammen med kataloget"))
            .With(DataKind.NotPersonal, "rolle og organisation", "Role", "OrganisationId"),
    ];
}
