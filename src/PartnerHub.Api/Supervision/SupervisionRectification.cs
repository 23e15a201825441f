using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Supervision;

/// <summary>How the personal fields of sessions and minutes are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class SupervisionRectification : IRectificationDeclaration
{
    public const string MinutesText = "PUT /api/projects/{projectId}/sessions/{sessionId}/minutes/text";
    public const string Attendance = "POST /api/projects/{projectId}/sessions/{sessionId}/attendance";
    public const string CancellationComment = "PATCH /api/projects/{projectId}/sessions/{sessionId}/cancellation";
    private const string Organizer = "hvem der holder mødet, skrevet af PartnerHub fra hendes log-ind eller hendes Outlook-kalender; et andet møde oprettes af den rette koordinator";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = session|{id}")
            .Through(SessionCardActions.Save, "koordinatoren retter titel, dagsorden, sted og inviterede i mødets kort (et møde fra Outlook også i Outlook)", [Coordinator], "Data.Title", "Data.Agenda", "Data.Place", "Data.Invitees.ObjectId")
            .Through(CancellationComment, "koordinatoren retter eller fjerner begrundelsen for et aflyst møde (intet andet ved mødet ændres, og deltagerne får ikke besked igen)", [Coordinator], "Data.CancellationComment")
            .Through(SessionCardActions.Respond, "den inviterede svarer igen", [NeighbourhoodMother, PartnerStaff], "Data.Invitees.Rsvp", "Data.Invitees.RespondedAt")
            .Through(Attendance, "koordinatoren registrerer fremmødet igen", [Coordinator], "Data.Invitees.Attended")
            .Through(SessionCardActions.AttendanceSave, "fremmødet rettes i mødets kort", [Coordinator], "Data.Invitees.Attended")
            .NotCorrectable("hendes rolle i projektet da hun blev inviteret, kopieret fra kataloget (som rettes der)", "Data.Invitees.Role")
            .NotCorrectable("Teams' fremmøderapport som Teams gav den: kun et forslag, koordinatorens registrerede fremmøde er det der gælder; navne rettes i Microsoft 365", "Data.OutsideAttendees", "Data.TeamsAttendance.Present")
            .NotCorrectable(Organizer, "OrganizerObjectId", "Data.OrganizerObjectId"),
        new RectificationRow(TableNames.Main, "RowKey = session-minutes|{id}")
            .Through(MinutesText, "koordinatoren skriver referatet igen", [Coordinator], "Text")
            .Through(SessionCardActions.MinutesSave, "referatet rettes i mødets kort", [Coordinator], "Text"),
        new RectificationRow(TableNames.Main, "RowKey = outlook-mark|{Outlook-id}")
            .NotCorrectable(Organizer, "OrganizerObjectId"),
    ];
}
