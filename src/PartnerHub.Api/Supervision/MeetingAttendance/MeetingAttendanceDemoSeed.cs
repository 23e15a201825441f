using System.Globalization;
using PartnerHub.Api.Demo;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.MeetingAttendance;

/// <summary>
/// The demo's online supervision held yesterday on Teams, whose attendance report proposed who took part: Adele and the
/// social worker were in the meeting, Isaiah was not, and one more participant phoned in. The coordinator confirms or
/// corrects it on her card ("møder" → the session → "Registrér fremmøde").
/// </summary>
public sealed class MeetingAttendanceDemoSeed(SessionStore sessions) : IDemoSeed
{
    public const string SessionId = "demo-teams-attendance";

    public int Order => 21;

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = Session(now);
        if (await sessions.FindAsync(session.ProjectId, session.Id, cancellationToken) is not null)
        {
            return 0;
        }

        await sessions.CreateAsync(session, "demo|" + session.Id, [], cancellationToken);
        return 1;
    }

    public static SupervisionSession Session(DateTimeOffset now)
    {
        DateTimeOffset At(int days, int hour) => CopenhagenTime.FromLocal(CopenhagenTime.DateOf(now).AddDays(days), new TimeOnly(hour, 0))!.Value;
        var (start, end, planned) = (At(-1, 10), At(-1, 11), At(-8, 9));
        var form = DemoForms.Valid(SessionForm.Validate(
            new SessionFormInput
            {
                Kind = nameof(SessionKind.Supervision),
                Title = "Supervision på Teams: svære samtaler",
                Agenda = "Runde: hvordan går vi til de svære samtaler?",
                Online = "true",
                Date = CopenhagenTime.DateOf(start).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                StartTime = CopenhagenTime.ToLocal(start).ToString("HH:mm", CultureInfo.InvariantCulture),
                EndTime = CopenhagenTime.ToLocal(end).ToString("HH:mm", CultureInfo.InvariantCulture),
                Invitees = string.Join(",", DemoData.MotherAdele.ObjectId, DemoData.MotherIsaiah.ObjectId, DemoData.SocialServicesStaff.ObjectId),
            },
            DemoData.Vollsmose,
            DemoData.Members,
            planned));
        var session = SupervisionSession.Create(SessionId, Actor.From(DemoData.Coordinator), form, planned) with
        {
            OnlineJoinUrl = "https://teams.microsoft.com/l/meetup-join/demo-teams-attendance",
        };
        var report = new MeetingAttendee[]
        {
            new(DemoData.Coordinator.ObjectId, "Organizer", 3600),
            new(DemoData.MotherAdele.ObjectId, "Attendee", 3300),
            new(DemoData.SocialServicesStaff.ObjectId, "Attendee", 2700),
            new(null, "Attendee", 2400),
        };
        return AttendanceProposalPolicy.Keep(session, AttendanceProposalPolicy.Propose(session, report, end.AddMinutes(20))).Session!;
    }
}
