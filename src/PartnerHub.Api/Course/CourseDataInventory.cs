using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>What the course stores (docs/privacy.md is generated from this).</summary>
internal sealed class CourseDataInventory : IDataInventory
{
    private const string Store = "Course/CourseStore.cs";
    private const string Project = "PartitionKey = projekt-id; ";
    private const string Changed = "hvem ændrede sidst, og hvornår";

    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, Project + "RowKey = course|{hold}", "Et kursushold: planen (uger, temaer, datoer) og deltagerne (fornavn, intet CPR-nummer).")
            .WrittenIn(Store)
            .SeenBy("koordinatorer; en deltager ser kun sit eget fremmøde og bevis; en underviser sine egne bookinger (CourseVisibility)")
            .Kept(Retention.WhileProjectExists())
            .Json("Data", typeof(Cohort), CourseStore.Json)
            .With(DataKind.NotPersonal, "holdets data som JSON (felterne nedenfor)", "Data")
            .With(DataKind.NotPersonal, "holdets id og version", "Data.Id", "Data.ProjectId", "Data.Version")
            .With(DataKind.FreeText, "holdets navn og mødested, som koordinatoren skrev dem", "Data.Plan.CohortName", "Data.Plan.Place")
            .With(DataKind.NotPersonal, "planen: ugedag, tider, kursusgange, temaer, udeladte uger", "Data.Plan.Weekday", "Data.Plan.StartTime", "Data.Plan.EndTime", "Data.Plan.Sessions.Id", "Data.Plan.Sessions.Date", "Data.Plan.Sessions.ThemeId", "Data.Plan.Sessions.IsExcursion", "Data.Plan.Sessions.State", "Data.Plan.Skipped.Date", "Data.Plan.Skipped.Reason", "Data.Plan.Skipped.SchoolHoliday")
            .With(DataKind.NotPersonal, "deltagerens id på holdet", "Data.Participants.Id")
            .With(DataKind.WomanData, "deltagerens navn (til listen og beviset)", "Data.Participants.Name")
            .With(DataKind.PersonId, "deltagerens konto, når hun har en (så hun kan se sit eget kursus)", "Data.Participants.ObjectId")
            .With(DataKind.NotPersonal, "hvornår deltagerens navn og konto blev slettet efter hendes anmodning", "Data.Participants.ErasedAt")
            .With(DataKind.NotPersonal, "versionen til samtidige ændringer", "Version")
            .With(DataKind.PersonId, Changed, "ChangedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, Project + "RowKey = course-attendance|{hold}|{gang}", "Fremmøde for én kursusgang: et mærke pr. deltager.")
            .WrittenIn(Store)
            .SeenBy("koordinatorer; deltageren sit eget")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.WomanData, "deltagernes fremmøde (deltager-id → mødt/afbud/udeblevet), grundlag for beviset", "Marks")
            .With(DataKind.PersonId, Changed, "ChangedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, Project + "RowKey = course-booking|{hold}|{booking}", "En booking af en underviser til en kursusgang.")
            .WrittenIn(Store)
            .SeenBy("koordinatorer og den bookede underviser (BookingAccess)")
            .Kept(Retention.WhileProjectExists())
            .Json("Data", typeof(TeacherBooking), CourseStore.Json)
            .With(DataKind.NotPersonal, "bookingens data som JSON (felterne nedenfor)", "Data")
            .With(DataKind.NotPersonal, "bookingen: kursusgang, tid, tilstand, påmindelser, modforslag", "Data.Id", "Data.ProjectId", "Data.CohortId", "Data.SessionId", "Data.Start", "Data.End", "Data.State", "Data.AwaitingSince", "Data.Version", "Data.GroupSize", "Data.RemindedAt", "Data.DecidedVersion", "Data.EscalatedAt", "Data.Proposal.Date", "Data.Proposal.Start", "Data.Proposal.End", "Data.Proposal.OtherWeekday")
            .With(DataKind.PersonId, "hvilken underviser, og hvilken koordinator der bad om hende", "Data.TeacherId", "Data.RequestedBy")
            .With(DataKind.FreeText, "koordinatorens note til underviseren og underviserens begrundelse for et afslag", "Data.Note", "Data.DeclineReason")
            .With(DataKind.NotPersonal, "opslag efter tilstand og tid", "State", "Start", "Version")
            .With(DataKind.PersonId, "hvilken underviser", "TeacherId")
            .With(DataKind.PersonId, Changed, "ChangedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, Project + "RowKey = course-staffed|{hold}|{gang}, course-teacher|{underviserens object id}|…, course-participant|{object id}|{hold}", "Indeks: kursusgangens bekræftede booking, en undervisers bookinger, en deltagers hold.")
            .WrittenIn(Store)
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists("en deltager der fjernes fra holdet mister sin indeksrække"))
            .With(DataKind.NotPersonal, "hvilket hold og hvilken booking", "BookingId", "CohortId")
            .With(DataKind.PersonId, Changed, "ChangedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, "PartitionKey = course-account|{object id}; RowKey = {projekt}|{hold}", "Indeks: hvilke hold en deltager er på, på tværs af projekter (så hun kan se sit eget kursus).")
            .WrittenIn(Store)
            .SeenBy("deltageren selv")
            .Kept(Retention.Until("så længe hun er på holdet", "CourseStore sletter rækken når hun fjernes fra holdet"))
            .With(DataKind.NotPersonal, "hvilket hold", "ProjectId", "CohortId"),
        new StoredRow(TableNames.Main, Project + "RowKey = course-dedupe|{hash}", "Idempotens: en ændring af kurset udføres én gang.")
            .WrittenIn(Store)
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "hvilken post", "RecordId")
            .With(DataKind.PersonId, Changed, "ChangedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, Project + "RowKey = course-settings", "Projektets kursusindstillinger: skoleferier, temaer, regel for gennemført, påmindelser.")
            .WrittenIn("Course/CourseSettingsStore.cs")
            .SeenBy("koordinatorer")
            .Kept(Retention.WhileProjectExists())
            .Json("Data", typeof(CourseSettings), CourseStore.Json)
            .With(DataKind.NotPersonal, "indstillingerne som JSON: intet om personer", "Data", "Data.*")
            .With(DataKind.PersonId, Changed, "ChangedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, Project + "RowKey = course-event|{hold}|{booking}", "Bookingens begivenhed i koordinatorens Outlook-kalender.")
            .WrittenIn("Course/BookingEventStore.cs")
            .SeenBy("ingen direkte")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "begivenhedens id'er og aflysning", "EventId", "ICalUId", "CancelledAt")
            .With(DataKind.PersonId, "hvis kalender", "OrganizerObjectId")
            .With(DataKind.PersonId, Changed, "ChangedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, Project + "RowKey = course-certificate|{hold}|{deltager}", "Et udstedt kursusbevis: hvor PDF'en ligger i SharePoint (filnavn af id'er).")
            .WrittenIn("Course/CertificateStore.cs")
            .SeenBy("koordinatorer og deltageren selv (signeret link)")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "filens placering og udstedelsestidspunkt", "DriveItemId", "WebUrl", "IssuedAt")
            .With(DataKind.PersonId, "hvem udstedte", "IssuedBy", "ChangedBy")
            .With(DataKind.StaffName, "navnet der underskriver beviset", "SignedBy")
            .With(DataKind.NotPersonal, Changed, "ChangedAt"),
        new StoredRow(TableNames.Main, "PartitionKey = teacherslot|{underviserens object id}; RowKey = slot|{start}|{projekt}|{booking}, guard", "En undervisers bekræftede tider på tværs af projekter, så hun ikke bookes to steder samtidig.")
            .WrittenIn("Course/TeacherSlots.cs")
            .SeenBy("ingen direkte")
            .Kept(Retention.Until("til bookingen aflyses eller flyttes", "TeacherSlots frigiver tiden"))
            .With(DataKind.NotPersonal, "hvilken booking og hvornår", "ProjectId", "CohortId", "SessionId", "BookingId", "Start", "End", "Changes")
            .With(DataKind.PersonId, Changed, "ChangedBy"),
    ];
}
