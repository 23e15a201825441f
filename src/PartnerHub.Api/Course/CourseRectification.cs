using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Course;

/// <summary>How the course's personal fields are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class CourseRectification : IRectificationDeclaration
{
    public const string Participant = "PUT /api/projects/{projectId}/courses/{cohortId}/participants/{participantId}";
    private const string Attendance = "PUT /api/projects/{projectId}/courses/{cohortId}/sessions/{sessionId}/attendance";
    private const string Plan = "PATCH /api/projects/{projectId}/courses/{cohortId}/plan";
    private const string Booking = "PATCH /api/projects/{projectId}/courses/{cohortId}/bookings/{bookingId}";
    private const string Changed = "hvem der ændrede sidst, skrevet af PartnerHub fra hendes log-ind: at rette det ville forfalske sporet";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = course|{hold}")
            .Through(Participant, "koordinatoren retter deltagerens navn eller hvilken person hun er", [Coordinator], "Data.Participants.Name", "Data.Participants.ObjectId")
            .Through(Plan, "koordinatoren retter holdets navn eller mødested efter de samme regler som da holdet blev oprettet; kursusplanen, undervisernes bookingkort og Outlook-begivenhederne for bekræftede bookinger opdateres", [Coordinator], "Data.Plan.CohortName", "Data.Plan.Place")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-attendance|{hold}|{gang}")
            .Through(Attendance, "koordinatoren registrerer fremmødet igen", [Coordinator], "Marks")
            .Through(CourseVerbs.SaveAttendance, "fremmødet rettes i kursusgangens kort", [Coordinator], "Marks")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-booking|{hold}|{booking}")
            .Through(CourseVerbs.ReplaceTeacher, "koordinatoren erstatter bookingen med en anden underviser (den gamle booking står som erstattet)", [Coordinator], "Data.TeacherId", "TeacherId")
            .Through(Booking, "koordinatoren retter eller fjerner sin note til underviseren; underviserens kort opdateres", [Coordinator], "Data.Note")
            .Through(Booking, "underviseren, der sagde nej, omformulerer sin egen begrundelse; koordinatoren kan kun fjerne den, ikke omformulere den, for ordene er underviserens; en anden underviser får 404", [Teacher, Coordinator], "Data.DeclineReason")
            .NotCorrectable("hvilken koordinator der bad om underviseren, skrevet af PartnerHub fra hendes log-ind", "Data.RequestedBy")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-staffed|{hold}|{gang}")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-dedupe|{hash}")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-settings")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-event|{hold}|{booking}")
            .NotCorrectable("hvilken koordinators Outlook-kalender begivenheden ligger i, skrevet af PartnerHub", "OrganizerObjectId")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-certificate|{hold}|{deltager}")
            .Through("POST /api/projects/{projectId}/courses/{cohortId}/certificates", "koordinatoren udsteder beviset igen, som erstatter det udstedte (underskriverens navn fra kataloget, som rettes der)", [Coordinator], "SignedBy")
            .NotCorrectable("hvem der udstedte beviset, skrevet af PartnerHub fra hendes log-ind", "IssuedBy", "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = slot|{start}|{projekt}|{booking}")
            .NotCorrectable(Changed, "ChangedBy"),
    ];
}
