using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Core.Tests.Supervision;

/// <summary>Shared people and sessions for the supervision tests. Plain values, no I/O.</summary>
internal static class SupervisionFixtures
{
    public const string ProjectId = "vollsmose";
    public const string OtherProjectId = "gellerup";
    public const string CoordinatorId = "coord-1";
    public const string Amina = "mother-amina";
    public const string Hodan = "mother-hodan";
    public const string Leyla = "mother-leyla";
    public const string Staff = "staff-kita-1";
    public const string TeacherId = "teacher-1";
    public const string SessionId = "s-001";

    public static readonly TimeSpan Cet = TimeSpan.FromHours(1);
    public static readonly TimeSpan Cest = TimeSpan.FromHours(2);

    public static readonly DateTimeOffset CreatedAt = new(2026, 3, 1, 9, 0, 0, Cet);

    /// <summary>Two days before <see cref="Scheduled"/>'s session.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 14, 30, 0, Cet);

    public static readonly DateTimeOffset Start = new(2026, 3, 12, 10, 0, 0, Cet);
    public static readonly DateTimeOffset End = new(2026, 3, 12, 12, 0, 0, Cet);

    public static readonly Project TheProject = new(ProjectId, "Vollsmose", "Odense", "Vollsmose Kulturhus");

    public static readonly IReadOnlyList<ProjectMember> Members =
    [
        new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null, "Mette"),
        new(Amina, ProjectId, ProjectRole.NeighbourhoodMother, null, "Amina"),
        new(Hodan, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hodan"),
        new(Leyla, ProjectId, ProjectRole.NeighbourhoodMother, null, "Leyla"),
        new(Staff, ProjectId, ProjectRole.PartnerStaff, "org-kita-solsikken", "Birthe"),
        new(TeacherId, ProjectId, ProjectRole.Teacher, null, "Karen"),
        new("mother-other-project", OtherProjectId, ProjectRole.NeighbourhoodMother, null, "Sara"),
    ];

    public static Actor Coordinator => new(CoordinatorId, ProjectId, ProjectRole.Coordinator, null);

    public static Actor MotherAmina => new(Amina, ProjectId, ProjectRole.NeighbourhoodMother, null);

    public static Actor MotherLeyla => new(Leyla, ProjectId, ProjectRole.NeighbourhoodMother, null);

    public static Actor PartnerStaff => new(Staff, ProjectId, ProjectRole.PartnerStaff, "org-kita-solsikken");

    public static ValidSessionForm Form => new(
        SessionKind.Supervision,
        "Supervision marts",
        "1. Runde\n2. Sager",
        "Vollsmose Kulturhus",
        false,
        Start.ToUniversalTime(),
        End.ToUniversalTime(),
        [new(Amina, ProjectRole.NeighbourhoodMother), new(Hodan, ProjectRole.NeighbourhoodMother), new(Staff, ProjectRole.PartnerStaff)]);

    /// <summary>A fresh session: Amina, Hodan and the kindergarten's staff member invited, nobody has answered.</summary>
    public static SupervisionSession Scheduled() => SupervisionSession.Create(SessionId, Coordinator, Form, CreatedAt);

    /// <summary>Amina accepted, Hodan declined (on the card, on 2026-03-05).</summary>
    public static SupervisionSession Answered()
    {
        var at = new DateTimeOffset(2026, 3, 5, 12, 0, 0, Cet);
        var session = Scheduled();
        return session with
        {
            Invitees =
            [
                session.Invitees[0] with { Rsvp = Rsvp.Accepted, RespondedAt = at },
                session.Invitees[1] with { Rsvp = Rsvp.Declined, RespondedAt = at },
                session.Invitees[2],
            ],
        };
    }

    /// <summary>Held: Amina came, Hodan and the staff member did not.</summary>
    public static SupervisionSession Held() => Answered() with
    {
        State = SessionState.Held,
        Invitees = [.. Answered().Invitees.Select(i => i with { Attended = i.ObjectId == Amina })],
        History = [.. Scheduled().History, new SessionEvent(SessionEventKind.AttendanceRecorded, End.AddHours(1), ProjectRole.Coordinator)],
        Version = 2,
    };

    public static SupervisionSession Cancelled() => Answered() with
    {
        State = SessionState.Cancelled,
        History = [.. Scheduled().History, new SessionEvent(SessionEventKind.Cancelled, Now, ProjectRole.Coordinator)],
        Version = 2,
    };

    /// <summary>A session with the given Copenhagen wall-clock start on the given day (two hours long).</summary>
    public static SupervisionSession At(DateOnly date, TimeOnly start, SessionKind kind = SessionKind.Supervision)
    {
        var from = CopenhagenTime.FromLocal(date, start)!.Value;
        return SupervisionSession.Create(SessionId, Coordinator, Form with { Kind = kind, Start = from, End = from.AddHours(2) }, CreatedAt);
    }
}
