using PartnerHub.Core.Reporting;
using PartnerHub.Core.Supervision;
using static PartnerHub.Core.Tests.Supervision.SupervisionFixtures;

namespace PartnerHub.Core.Tests.Supervision;

public class SessionCountingTests
{
    private static readonly DateOnly March = new(2026, 3, 1);

    [Fact]
    public void A_scheduled_session_counts_nothing_and_a_held_one_counts_once_with_its_invitations_and_attendances()
    {
        var scheduled = Scheduled();
        Assert.Empty(SessionCounting.Changes(null, scheduled));

        var held = Held(scheduled, attended: 1);
        var deltas = SessionCounting.Changes(scheduled, held);
        Assert.Contains(new CounterDelta(March, "sessionsHeld", 1), deltas);
        Assert.Contains(new CounterDelta(March, "invited", scheduled.Invitees.Count), deltas);
        Assert.Contains(new CounterDelta(March, "attended", 1), deltas);
    }

    [Fact]
    public void A_corrected_attendance_corrects_the_counters_and_the_rate_follows()
    {
        var scheduled = Scheduled();
        var counters = new MonthlyCounters();
        var first = Held(scheduled, attended: 1);
        counters.Add(SessionCounting.Changes(scheduled, first));
        var corrected = Held(scheduled, attended: scheduled.Invitees.Count);
        var correction = SessionCounting.Changes(first, corrected);
        counters.Add(correction);

        Assert.DoesNotContain(correction, delta => delta.Key == "sessionsHeld");
        var rate = Assert.IsType<RawRate>(SessionCounting.Section(counters, ReportPeriod.Quarter(2026, 1)).Figures[1]);
        Assert.Equal(scheduled.Invitees.Count, rate.Numerator);
        Assert.Equal(scheduled.Invitees.Count, rate.Denominator);
        Assert.Equal(1, counters.Sum(ReportPeriod.Quarter(2026, 1), "sessionsHeld"));
    }

    private static SupervisionSession Held(SupervisionSession session, int attended) => session with
    {
        State = SessionState.Held,
        Invitees = [.. session.Invitees.Select((invitee, i) => invitee with { Attended = i < attended })],
    };
}
