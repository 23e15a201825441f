using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// Which stored row kinds (data inventory keys) the subject export covers, and those it deliberately leaves out with
/// the reason (shown in the export itself). A test fails when a personal row kind of the inventory is in neither, so
/// the export stays complete as features grow.
/// </summary>
public static class SubjectRows
{
    private const string Project = "PartitionKey = projekt-id; ";
    private const string Tenant = "PartitionKey = tenant-id; ";

    /// <summary>A row kind's name: its store (<see cref="StoredRow.Store"/>) and key pattern (<see cref="StoredRow.Key"/>).</summary>
    public static string Of(string store, string key) => store + ": " + key;

    /// <summary>A row kind's name, as <see cref="Of(string, string)"/>.</summary>
    public static string Of(StoredRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return Of(row.Store, row.Key);
    }

    /// <summary>The audit rows: read by <see cref="SubjectExport"/> itself for every export.</summary>
    public static string Audit { get; } = Of(TableNames.Audit, "PartitionKey = {projekt-id}|{ååååmm}; RowKey = {omvendt tid}|{guid}");

    /// <summary>Row kinds that hold personal data but are not in the export, and why (Danish: the reader is the municipality).</summary>
    public static IReadOnlyDictionary<string, string> NotExported { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Of(TableNames.Main, "PartitionKey = course-account|{object id}; RowKey = {projekt}|{hold}")] =
            "Et opslag over de samme hold som i afsnittet om kurset; kun id'er.",
        [Of(TableNames.Main, "PartitionKey = programme-lead|{tenant-id}; RowKey = object id")] =
            "En programleders udnævnelse hører ikke til et projekt; en administrator læser den (GET /api/admin/programme-leads/{objectId}).",
        [Of(TableNames.Main, Project + "RowKey = course-event|{hold}|{booking}")] =
            "Kun id'et på bookingens begivenhed i Outlook; bookingen selv er med.",
        [Of(TableNames.Main, "PartitionKey = teacherslot|{underviserens object id}; RowKey = slot|{start}|{projekt}|{booking}, guard")] =
            "De samme tider som underviserens bookinger, som er med.",
        [Of(TableNames.Main, Project + "RowKey = session-minutes|{id}")] =
            "Referatet handler om mødet og kan nævne andre; koordinatoren læser det under Møder og udleverer det, der handler om hende.",
        [Of(TableNames.Main, Project + "RowKey = session-attendance-check|{møde-id}")] =
            "Teknisk: hvornår PartnerHub sidst kiggede efter Teams' fremmøderapport; fremmødet selv er med under møderne.",
        [Of(TableNames.Main, Project + "RowKey = outlook-mark|{Outlook-id}, outlook-asked|{Outlook-id}")] =
            "Kun koordinatorens valg af projekt til et møde lavet i Outlook (id'er).",
        [Of(TableNames.Main, Project + "RowKey = outbox|{ulid}")] =
            "Kortvarige beskeder med id'er, slettet når de er leveret.",
        [Of(TableNames.Main, Project + "RowKey = outbox-done|{ulid}|{virkning}")] =
            "Teknisk mærke om at et kort er sendt (id'er), så det ikke sendes to gange.",
        [Of(TableNames.Main, Project + "RowKey = referral|{id}|card|{object id}, referral|{id}|onward, referral|{id}|kept")] =
            "De samme kortmodtagere og videre henvisninger som i afsnittene om kort og videre henvisninger, gemt ved siden af henvisningen for at den kan læses med ét opslag.",
        [Of(TableNames.Main, Project + "RowKey = referral|{id}|holders")] =
            "De samme kort og videre henvisninger som i afsnittene om kort og videre henvisninger, samlet i én række ved siden af henvisningen, så den og dens kort findes med opslag på nøglen.",
        [Of(TableNames.Main, Project + "RowKey = card-holders|{art}|{post-id}")] =
            "De samme kort som i afsnittet om kort, samlet i én række ved siden af posten, så dens kort findes med opslag på nøglen.",
        [Of(TableNames.Main, Project + "RowKey = reach|{object id}")] =
            "Teknisk: om PartnerHub kan nå hende i Teams (installationens udfald).",
        [Of(TableNames.Main, Project + "RowKey = outreach|{id}, outreach-of|{nabomors object id}|…")] =
            "Nabomødrenes opsøgende indsats rummer efter design ingen oplysninger om de enkelte kvinder, kun antal og emner.",
        [Of(TableNames.Main, Project + "RowKey = course-dedupe|{hash}")] =
            "Teknisk: id på den der sidst ændrede kurset, så en gentaget ændring kun udføres én gang; ændringerne står i revisionssporet.",
        [Of(TableNames.Main, Project + "RowKey = course-settings")] =
            "Projektets kursusindstillinger; kun id på den koordinator der sidst ændrede dem.",
        [Of(TableNames.Main, Project + "RowKey = report-settings")] =
            "Rapportens tærskel; kun id på den koordinator der sidst ændrede den.",
        [Of(TableNames.Main, Project + "RowKey = outreach-month|{åååå-mm}")] =
            "Månedens tællere til rapporten: hvilke nabomødre var aktive (id'er) og emner; intet om de enkelte kvinder.",
        [Of(TableNames.Conversations, Tenant + "RowKey = object id")] =
            "Teknisk adresse på hendes personlige chat med PartnerHub i Teams (id'er).",
        [Of(TableNames.Conversations, Tenant + "RowKey = language|{object id}")] =
            "Det sprog hun selv har valgt i PartnerHub (da/en).",
        [Of(TableNames.Conversations, Tenant + "RowKey = waiting|{object id}|{udbakke-id}")] =
            "Kort der venter på at hun får en chat med PartnerHub (id'er), slettet når de er sendt.",
        [Of(TableNames.Conversations, Tenant + "RowKey = welcome|{chat-id}")] =
            "Teknisk mærke om at velkomsten er sendt i en chat.",
        [Of(TableNames.Conversations, Tenant + "RowKey = demoperson|{object id}")] =
            "Findes kun i den lokale demo, aldrig i drift.",
        [Of(TableNames.People, "PartitionKey = {tenant-id}|{object id}; RowKey = projekt-id")] =
            "Samme rolle i projektet som hendes række i kataloget, som er med.",
        [Of("graphsubscriptions", "PartitionKey = graph; RowKey = by-organizer|{object id}, delta|{object id}")] =
            "Teknisk abonnement på ændringer i koordinatorens Outlook-kalender (id'er).",
        [Of("graphsubscriptions", "PartitionKey = graph; RowKey = abonnementets id")] =
            "Teknisk abonnement på ændringer i koordinatorens Outlook-kalender (id'er).",
        [Of(TableNames.PendingAttachments, Tenant + "RowKey = koordinatorens object id")] =
            "Kortvarig: en koordinator venter på at vedhæfte en referatfil i chatten.",
        [Of("staging", "blob: {projekt-id}/{møde-id}/{ulid}")] =
            "En referatfil på vej til SharePoint, slettet når den er sendt; referatet ligger derefter i SharePoint.",
        [Of("outbox", "kø-besked")] =
            "Kortvarige puf med id'er på udbakke-rækker.",
    };
}
