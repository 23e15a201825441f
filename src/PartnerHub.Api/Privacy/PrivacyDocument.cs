using System.Globalization;
using System.Text;

namespace PartnerHub.Api.Privacy;

/// <summary>
/// Writes docs/privacy.md from the code: the data inventory (<see cref="DataInventory"/>), where data lives
/// (<see cref="InfraFacts"/>), the processors, the logging policy and the access matrix (<see cref="AccessRulesSection"/>).
/// Danish, for a municipality's data protection officer; headings in both languages. Run scripts/privacy-doc.sh.
/// </summary>
public static class PrivacyDocument
{
    public const string RelativePath = "docs/privacy.md";

    public static string Render(InfraFacts infra)
    {
        ArgumentNullException.ThrowIfNull(infra);
        var text = new StringBuilder();
        Introduction(text);
        Summary(text);
        Location(text, infra);
        Processors(text);
        Inventory(text);
        RetentionTable(text);
        text.Append(Subjects.RectificationSection.Render());
        Logging(text, infra);
        text.Append(AccessRulesSection.Render());
        Upkeep(text);
        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void Introduction(StringBuilder text)
    {
        text.AppendLine("# PartnerHub: persondata / personal data");
        text.AppendLine();
        text.AppendLine("<!-- Genereret af scripts/privacy-doc.sh fra koden (src/PartnerHub.Api/Privacy). Ret ikke her: ret koden og kør scriptet. -->");
        text.AppendLine();
        text.AppendLine("Dette dokument er skrevet til kommunens databeskyttelsesrådgiver (DPO). Det beskriver, hvad PartnerHub gemmer,");
        text.AppendLine("hvorfor, hvem der kan se det, hvor længe det gemmes, og hvordan det håndhæves. Oversigten, adgangsreglerne og");
        text.AppendLine("oplysningerne om hvor data ligger er genereret fra koden og infrastrukturen; en test fejler, hvis dokumentet og");
        text.AppendLine("koden ikke stemmer overens. Dokumentet er ikke juridisk rådgivning.");
        text.AppendLine();
        text.AppendLine("PartnerHub behandler oplysninger på kommunens vegne om kvinder, som ofte er sårbare og kan have grund til at");
        text.AppendLine("mistro myndigheder. Derfor gemmes så lidt som muligt: fornavn eller initialer, sprog, boligområde, hvordan hun");
        text.AppendLine("vil kontaktes, behov og samtykke. Aldrig CPR-nummer, aldrig etnicitet.");
        text.AppendLine();
        text.AppendLine("## Retsgrundlag / Legal basis");
        text.AppendLine();
        text.AppendLine("**Retsgrundlag / legal basis: to be recorded by the municipality.** Kommunen er dataansvarlig og fastlægger");
        text.AppendLine("retsgrundlaget for hver behandling. Feltet udfyldes af kommunen:");
        text.AppendLine();
        text.AppendLine("| Behandling | Retsgrundlag (udfyldes af kommunen) |");
        text.AppendLine("| --- | --- |");
        foreach (var purpose in new[]
        {
            "Henvisninger og videre-henvisninger af kvinder",
            "Supervisionsmøder og referater",
            "Kurset: deltagere, fremmøde og beviser",
            "Nabomødrenes opsøgende indsats",
            "Kataloget over partnere og medarbejdere",
            "Rapporten til fonden (kun tal)",
            "Revisionsspor",
        })
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| {purpose} | |");
        }

        text.AppendLine();
    }

    private static void Summary(StringBuilder text)
    {
        var rows = DataInventory.Rows();
        var woman = rows.Where(r => r.Fields.Any(f => f.Kind == DataKind.WomanData)).ToList();
        text.AppendLine("## Kort fortalt / Summary");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- PartnerHub gemmer data i {DataInventory.Stores.Count} lagre i én Azure Storage-konto: {string.Join(", ", DataInventory.Stores.Select(s => $"`{s.Name}` ({s.Kind})"))}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Oversigten nedenfor har {rows.Count} slags rækker med {rows.Sum(r => r.Fields.Count)} felter; {rows.Count(r => r.IsPersonal)} slags rækker indeholder persondata i en eller anden form (oftest kun et person-id).");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Oplysninger om kvinderne (henviste kvinder og kursusdeltagere) ligger i: {string.Join("; ", woman.Select(r => $"`{r.Key}`"))}. Indeks, udbakke, revisionsspor, logs og filnavne indeholder kun id'er.");
        text.AppendLine("- Kort i Teams, begivenheder i Outlook og referater og beviser i SharePoint ligger i kommunens egen Microsoft 365.");
        text.AppendLine();
    }

    private static void Location(StringBuilder text, InfraFacts infra)
    {
        text.AppendLine("## Hvor data ligger / Where data lives");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"- PartnerHubs egne data (tabeller, filer der venter på upload, kø) ligger i en Azure Storage-konto i regionen **{Region(infra.DefaultRegion)}** (`infra/main.bicep`, standard).");
        foreach (var (file, region) in infra.Environments)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  - `infra/{file}`: {Region(region)}.");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"- Infrastrukturen tillader kun regionerne {string.Join(", ", infra.AllowedRegions.Select(Region))}: alle i EU/EØS.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Lagerkontoen er `{infra.StorageReplication}` (kopier inden for samme region), kræver TLS 1.2 og tillader ingen anonym adgang.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Serveren (Azure App Service), Key Vault (hemmeligheder, ingen persondata) og logs (Application Insights / Log Analytics, {infra.LogRetentionDays} dages opbevaring) ligger i samme region.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Azure Bot-ressourcen har placeringen `{infra.BotLocation}` (`infra/main.bicep`, parameter `botLocation`; `westeurope` vælger Microsofts regionale bot-tjeneste i EU).");
        text.AppendLine("- Teams-chats, Outlook-kalendere og SharePoint-biblioteket er kommunens egne i Microsoft 365 og følger kommunens aftale med Microsoft.");
        text.AppendLine();
    }

    private static void Processors(StringBuilder text)
    {
        text.AppendLine("## Databehandlere / Processors");
        text.AppendLine();
        text.AppendLine("PartnerHub kalder kun Microsofts tjenester. Der er ingen andre tredjeparter, ingen analyse- eller reklametjenester.");
        text.AppendLine();
        text.AppendLine("| Tjeneste | Hvad PartnerHub bruger den til | Hvilke data passerer |");
        text.AppendLine("| --- | --- | --- |");
        text.AppendLine("| Microsoft Azure Storage | Tabeller, kø og midlertidige filer (oversigten nedenfor) | Alt i dataoversigten |");
        text.AppendLine("| Microsoft Azure App Service | Kører PartnerHub | Alt, under behandling |");
        text.AppendLine("| Microsoft Azure Monitor (Application Insights) | Logs, spor og målinger | Kun id'er, tilstande og udfald (se Logning) |");
        text.AppendLine("| Microsoft Azure Key Vault | Hemmeligheder (botten, Graph, signering af links) | Ingen persondata |");
        text.AppendLine("| Microsoft Teams og Azure Bot Service (Bot Connector) | Kort og beskeder i personlige chats med PartnerHub | Kortenes indhold, fx kvindens fornavn til nabomoren |");
        text.AppendLine("| Microsoft Graph: Outlook | Møder og kursusbookinger i koordinatorens kalender, ændringer fra Outlook, fremmøderapporter fra Teams | Mødets titel, tid, sted, inviterede |");
        text.AppendLine("| Microsoft Graph: SharePoint | Referater og kursusbeviser i projektets dokumentbibliotek (filnavne af id'er) | Referatet, beviset (deltagerens navn) |");
        text.AppendLine("| Microsoft Graph: brugere og Teams-apps | Finde en person i organisationen, installere PartnerHub hos nye i et projekt | Navn, fornavn, stilling til at skelne personer; object id |");
        text.AppendLine("| Microsoft Entra ID | Log-ind og tokens | Object id og tenant-id |");
        text.AppendLine();
    }

    private static void Inventory(StringBuilder text)
    {
        text.AppendLine("## Dataoversigt / Data inventory");
        text.AppendLine();
        text.AppendLine("Art: " + string.Join("; ", Enum.GetValues<DataKind>().Select(k => $"**{DataKinds.Label(k)}**")) + ".");
        text.AppendLine("Et object id er den id, Microsoft Entra giver en person: det er ikke et navn, men fører til én person, og er derfor");
        text.AppendLine("persondata i pseudonym form. Felter i en JSON-kolonne står som `Kolonne.Egenskab` med navne som i koden.");
        text.AppendLine();
        text.AppendLine("| Lager | Art | Indhold |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var store in DataInventory.Stores)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{store.Name}` | {store.Kind} | {store.What} |");
        }

        text.AppendLine();
        foreach (var row in DataInventory.Rows())
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### `{row.Store}`: `{row.Key}`");
            text.AppendLine();
            text.AppendLine(row.What);
            text.AppendLine();
            text.AppendLine(CultureInfo.InvariantCulture, $"- Ses af: {row.Audience}.");
            text.AppendLine(CultureInfo.InvariantCulture, $"- Opbevares: {row.Retention.Period}. Håndhæves af: {row.Retention.EnforcedBy}.");
            text.AppendLine(CultureInfo.InvariantCulture, $"- Skrives af: {string.Join(", ", row.Writers.Select(w => $"`src/PartnerHub.Api/{w}`"))}.");
            text.AppendLine();
            if (row.Fields.Count == 0)
            {
                text.AppendLine("Ingen kolonner ud over nøglerne.");
                text.AppendLine();
                continue;
            }

            text.AppendLine("| Felter | Art | Formål |");
            text.AppendLine("| --- | --- | --- |");
            // Fields sharing a kind and a purpose share a line, in the order they were declared.
            foreach (var group in row.Fields.GroupBy(f => (f.Kind, f.Purpose)))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(", ", group.Select(f => $"`{Escape(f.Name)}`"))} | {DataKinds.Label(group.Key.Kind)} | {group.Key.Purpose} |");
            }

            text.AppendLine();
        }
    }

    private static void RetentionTable(StringBuilder text)
    {
        text.AppendLine("## Opbevaring og sletning / Retention");
        text.AppendLine();
        text.AppendLine("Rækker med persondata (også blot et person-id i et felt eller i nøglen), hvor længe de gemmes, og hvilken kode der sletter dem.");
        text.AppendLine("\"Ingen automatisk sletning\" er skrevet ud, så hullerne er synlige.");
        text.AppendLine();
        text.AppendLine("| Række | Opbevares | Håndhæves af |");
        text.AppendLine("| --- | --- | --- |");
        foreach (var row in DataInventory.Rows().Where(r => r.IsPersonal))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"| `{row.Store}`: `{Escape(row.Key)}` | {row.Retention.Period} | {row.Retention.EnforcedBy} |");
        }

        text.AppendLine();
    }

    private static void Logging(StringBuilder text, InfraFacts infra)
    {
        text.AppendLine("## Logning / Logging policy");
        text.AppendLine();
        text.AppendLine("Logs, spor og målinger indeholder kun id'er, handlinger, tilstande og udfald: aldrig navne, telefonnumre, noter,");
        text.AppendLine("referater, korttekst eller hvad en person søger efter. Sådan holdes det:");
        text.AppendLine();
        text.AppendLine("- Al logning i PartnerHub sker gennem kildegenererede logbeskeder (`[LoggerMessage]`) med faste parametre, som er id'er og koder.");
        text.AppendLine("- OpenTelemetry (`src/PartnerHub.Api/Observability/Telemetry.cs`) registrerer ikke forespørgslers query-strenge og ikke undtagelsers tekst; PartnerHubs egne spor og målinger har kun id'er, verber og udfald.");
        text.AppendLine("- Adresser indeholder kun projekt- og post-id'er; en persons søgetekst til Graph logges ikke.");
        text.AppendLine("- Filer, der gemmes eller uploades, får navne af id'er, aldrig brugerens filnavn.");
        text.AppendLine("- Testen `PersonalDataCanaryTests` (`tests/PartnerHub.Api.Tests/Referrals/`) kører hele forløb med kanariefugle-værdier som personoplysninger og fejler, hvis en af dem findes i en loglinje, et spor eller en række i revisionssporet.");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Logs opbevares {infra.LogRetentionDays} dage i Log Analytics (`infra/modules/monitoring.bicep`).");
        text.AppendLine();
    }

    private static void Upkeep(StringBuilder text)
    {
        text.AppendLine("## Sådan holdes dokumentet ajour / Keeping this document true");
        text.AppendLine();
        text.AppendLine("Hver funktion erklærer, hvad den gemmer, i en `*DataInventory`-klasse ved siden af sit lager");
        text.AppendLine("(`src/PartnerHub.Api/Privacy/README.md`). Testene i `tests/PartnerHub.Api.Tests/Privacy/` fejler, når et lager skriver en");
        text.AppendLine("kolonne eller en JSON-egenskab, som ikke er erklæret, når en erklæring nævner noget, der ikke længere findes, og når");
        text.AppendLine("dette dokument ikke er det, koden genererer. Kør `scripts/privacy-doc.sh` efter en ændring.");
    }

    private static string Region(string region) => region switch
    {
        "swedencentral" => "Sweden Central (Sverige)",
        "northeurope" => "North Europe (Irland)",
        "westeurope" => "West Europe (Holland)",
        "germanywestcentral" => "Germany West Central (Tyskland)",
        "norwayeast" => "Norway East (Norge)",
        _ => region,
    } + string.Create(CultureInfo.InvariantCulture, $" `{region}`");

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
