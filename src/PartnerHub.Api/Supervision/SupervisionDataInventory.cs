using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>What supervision sessions, their minutes and Outlook adoption store (docs/privacy.md is generated from this).</summary>
internal sealed class SupervisionDataInventory : IDataInventory
{
    private const string Sessions = "Supervision/SessionStore.cs";
    private const string Project = "PartitionKey = projekt-id; ";
    private const string Audience = "koordinatorer og de inviterede (SessionAccess)";

    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, Project + "RowKey = session|{id}", "Et supervisionsmøde eller en samling: tid, sted, inviterede, svar og fremmøde. Intet om de kvinder nabomødrene hjælper.")
            .WrittenIn(Sessions)
            .SeenBy(Audience)
            .Kept(Retention.WhileProjectExists("en inviteret der beder om sletning, får et anonymt id i stedet for sit (SessionSubjectEraser)"))
            .Json("Data", typeof(SupervisionSession), SessionStore.Json)
            .With(DataKind.NotPersonal, "mødets data som JSON (felterne nedenfor)", "Data")
            .With(DataKind.NotPersonal, "opslag efter tid og tilstand", "State", "Start")
            .With(DataKind.PersonId, "hvem holder mødet", "OrganizerObjectId")
            .With(DataKind.NotPersonal, "mødets planlægning", "Data.Id", "Data.ProjectId", "Data.Kind", "Data.Start", "Data.End", "Data.IsOnline", "Data.State", "Data.CreatedAt", "Data.RsvpResetAt", "Data.RemindedForStart", "Data.Version", "Data.DecidedVersion", "Data.FromOutlook", "Data.LocalStart", "Data.LocalEnd", "Data.LocalDate")
            .With(DataKind.FreeText, "titel, dagsorden, sted og aflysningens begrundelse, som koordinatoren skrev dem", "Data.Title", "Data.Agenda", "Data.Place", "Data.CancellationComment")
            .With(DataKind.PersonId, "hvem holder mødet", "Data.OrganizerObjectId")
            .With(DataKind.NotPersonal, "mødets begivenhed i Outlook og Teams og referatets placering i SharePoint", "Data.CalendarEventId", "Data.CalendarICalUId", "Data.OnlineJoinUrl", "Data.MinutesUrl", "Data.MinutesDocumentName")
            .With(DataKind.StaffName, "deltagere uden for projektet, som Teams' fremmøderapport nævner dem", "Data.OutsideAttendees")
            .With(DataKind.PersonId, "hvem er inviteret", "Data.Invitees.ObjectId")
            .With(DataKind.StaffData, "hendes rolle, svar på invitationen og fremmøde", "Data.Invitees.Role", "Data.Invitees.Rsvp", "Data.Invitees.RespondedAt", "Data.Invitees.Attended")
            .With(DataKind.NotPersonal, "mødets historik: hvad skete, hvornår, af hvilken rolle (ingen navne)", "Data.History.Kind", "Data.History.At", "Data.History.ByRole", "Data.History.TimesChanged")
            .With(DataKind.PersonId, "hvem Teams' fremmøderapport viser som til stede (forslag til fremmøde)", "Data.TeamsAttendance.Present")
            .With(DataKind.NotPersonal, "fremmøderapportens status og antal andre deltagere", "Data.TeamsAttendance.Status", "Data.TeamsAttendance.OthersJoined", "Data.TeamsAttendance.ForEnd", "Data.TeamsAttendance.CheckedAt"),
        new StoredRow(TableNames.Main, Project + "RowKey = session-by-time|{tid}|{id}, session-of|{object id}|{id}, session-event|{Outlook-id}", "Indeks over møder: efter tid, efter inviteret (object id i nøglen) og efter Outlook-begivenhed.")
            .WrittenIn(Sessions)
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists("en inviteret der fjernes, mister sin indeksrække"))
            .With(DataKind.NotPersonal, "hvilket møde begivenheden hører til", "SessionId"),
        new StoredRow(TableNames.Main, Project + "RowKey = session-dedupe|{hash}", "Idempotens: en ændring af et møde udføres én gang.")
            .WrittenIn(Sessions)
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "hvilket møde", "SessionId"),
        new StoredRow(TableNames.Main, Project + "RowKey = session-minutes|{id}", "Referatets tekst, skrevet i kortet eller tabben.")
            .WrittenIn(Sessions)
            .SeenBy(Audience)
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.FreeText, "referatet (det skal handle om mødet, ikke om enkelte kvinder)", "Text"),
        new StoredRow(TableNames.Main, Project + "RowKey = outlook-mark|{Outlook-id}, outlook-asked|{Outlook-id}", "Et møde lavet i Outlook: koordinatoren valgte dette projekt til det, eller blev spurgt om det.")
            .WrittenIn("Supervision/Adoption/OutlookAdoptionStore.cs")
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.PersonId, "hvem valgte", "OrganizerObjectId")
            .With(DataKind.NotPersonal, "hvornår", "At"),
        new StoredRow(TableNames.Main, Project + "RowKey = session-attendance-check|{møde-id}", "Sidste planlagte kig efter Teams' fremmøderapport for et onlinemøde.")
            .WrittenIn("Supervision/MeetingAttendance/AttendanceChecks.cs")
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "mødets slut og forsøg", "ForEnd", "Attempt"),
        new StoredRow(TableNames.PendingAttachments, "PartitionKey = tenant-id; RowKey = koordinatorens object id", "Koordinatoren har bedt om at vedhæfte en referatfil i chatten; rækken venter på filen.")
            .WrittenIn("Supervision/MinutesFileIntake.cs")
            .SeenBy("ingen")
            .Kept(Retention.Until("til filen kommer, højst MinutesFiles:PendingFor (standard 15 minutter)", "MinutesFileIntake sletter rækken når filen kommer; en udløbet række bruges ikke og overskrives næste gang"))
            .With(DataKind.NotPersonal, "hvilket møde filen hører til", "ProjectId", "SessionId", "Version", "ExpiresAt"),
    ];
}
