using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Course;

/// <summary>How the course's personal fields are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class CourseRectification : IRectificationDeclaration
{
    public const string Participant = "PUT /api/projects/{projectId}/courses/{cohortId}/participants/{participantId}";
    private const string Attendance = "PUT /api/projects/{projectId}/courses/{cohortId}/sessions/{sessionId}/attendance";
    private const string Changed = "hvem der ændrede sidst, skrevet af PartnerHub fra hendes log-ind: at rette det ville forfalske sporet";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = course|{hold}")
            .Through(Participant, "koordinatoren retter deltagerens navn eller hvilken person hun er", [Coordinator], "Data.Participants.Name", "Data.Participants.ObjectId")
            .NoPathYet("holdets navn og mødested skrives når holdet oprettes og kan ikke ændres bagefter", "Data.Plan.CohortName", "Data.Plan.Place")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-attendance|{hold}|{gang}")
            .Through(Attendance, "koordinatoren registrerer fremmødet igen", [Coordinator], "Marks")
            .Through(CourseVerbs.SaveAttendance, "fremmødet rettes i kursusgangens kort", [Coordinator], "Marks")
            .NotCorrectable(Changed, "ChangedBy"),
        new RectificationRow(TableNames.Main, "RowKey = course-booking|{hold}|{booking}")
            .Through(CourseVerbs.ReplaceTeacher, "koordinatoren erstatter bookingen med en anden underviser (den gamle booking står som erstattet)", [Coordinator], "Data.TeacherId", "TeacherId")
            .NoPathYet("koordinatorens note og underviserens begrundelse for et afslag skrives én gang; en ny booking får en ny note", "Data.Note", "Data.DeclineReason")
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
