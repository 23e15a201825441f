using PartnerHub.Api.Demo;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>The demo's supervision sessions, for the cast in <see cref="DemoData"/>.</summary>
public sealed class SessionDemoSeed(SessionStore sessions) : IDemoSeed
{
    public int Order => 20;

    public async Task<int> SeedAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var seeded = 0;
        foreach (var session in Sessions(now))
        {
            if (await sessions.FindAsync(session.ProjectId, session.Id, cancellationToken) is null)
            {
                await sessions.CreateAsync(session, "demo|" + session.Id, [], cancellationToken);
                seeded++;
            }
        }

        return seeded;
    }

    /// <summary>
    /// One upcoming supervision (Adele has said yes) and one held experience exchange with attendance, made through the
    /// real workflow. They have no Outlook event: the demo runs with the local calendar.
    /// </summary>
    public static IEnumerable<SupervisionSession> Sessions(DateTimeOffset now)
    {
        var coordinator = Actor.From(DemoData.Coordinator);
        var invitees = string.Join(",", DemoData.MotherAdele.ObjectId, DemoData.MotherIsaiah.ObjectId, DemoData.SocialServicesStaff.ObjectId);
        DateTimeOffset At(int days, int hour) => CopenhagenTime.FromLocal(CopenhagenTime.DateOf(now).AddDays(days), new TimeOnly(hour, 0))!.Value;
        SupervisionSession Then(SupervisionSession session, SessionCommand command, Actor actor, DateTimeOffset at) =>
            SessionWorkflow.Apply(session, command, actor, at).Session ?? throw new InvalidOperationException("Demo session cannot take that step.");

        // Through the coordinator's form, as she would fill it in at the time she planned it.
        ValidSessionForm Form(SessionKind kind, string title, string agenda, DateTimeOffset start, DateTimeOffset end, DateTimeOffset plannedAt) =>
            DemoForms.Valid(SessionForm.Validate(
                new SessionFormInput
                {
                    Kind = kind.ToString(),
                    Title = title,
                    Agenda = agenda,
                    Online = "false",
                    Date = CopenhagenTime.DateOf(start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    StartTime = CopenhagenTime.ToLocal(start).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    EndTime = CopenhagenTime.ToLocal(end).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    Invitees = invitees,
                },
                DemoData.Vollsmose,
                DemoData.Members,
                plannedAt));

        var planned = now.AddDays(-2);
        var upcoming = SupervisionSession.Create("demo-upcoming", coordinator, Form(
            SessionKind.Supervision, "Supervision: hjemmebesøg i vinterferien", "Runde: hvordan går det med hjemmebesøgene?\nSamarbejdet med sundhedsplejen.",
            At(6, 14), At(6, 16), planned), planned);
        yield return Then(upcoming, new RespondToSession(Rsvp.Accepted), Actor.From(DemoData.MotherAdele), now.AddDays(-1));

        // Planned three weeks ago for last week, then held: the form cannot make a past session, so it is created back then.
        var created = At(-21, 10);
        var past = SupervisionSession.Create("demo-held", coordinator, Form(
            SessionKind.ExperienceExchange, "Erfaringsudveksling: åbent hus i beboerhuset", "Hvad lærte vi af åbent hus?",
            At(-7, 17), At(-7, 19), created), created);
        yield return Then(past, new RecordAttendance([DemoData.MotherAdele.ObjectId, DemoData.SocialServicesStaff.ObjectId]), coordinator, At(-7, 20));
    }
}
