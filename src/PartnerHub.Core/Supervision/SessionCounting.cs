using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Supervision;

/// <summary>
/// What a session change adds to the monthly counters, in the Copenhagen month the session starts in: a held session
/// counts once, with its invitations and attendances (for the attendance rate). A change is counted as the difference
/// between what the session counts for after and before it, so a corrected attendance corrects the counters.
/// </summary>
public static class SessionCounting
{
    public const string Feature = "supervision";
    public const string Held = "sessionsHeld";
    public const string Invited = "invited";
    public const string Attended = "attended";

    public static IReadOnlyList<CounterDelta> Changes(SupervisionSession? before, SupervisionSession after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return [.. Contribution(before, -1).Concat(Contribution(after, 1))
            .GroupBy(delta => (delta.Month, delta.Key))
            .Select(group => new CounterDelta(group.Key.Month, group.Key.Key, group.Sum(delta => delta.Delta)))
            .Where(delta => delta.Delta != 0)];
    }

    public static SectionCounts Section(MonthlyCounters counters, ReportPeriod period)
    {
        ArgumentNullException.ThrowIfNull(counters);
        return new SectionCounts(
            [
                new RawCount(Held, counters.Sum(period, Held)),
                new RawRate("attendanceRate", counters.Sum(period, Attended), counters.Sum(period, Invited)),
            ],
            []);
    }

    private static IEnumerable<CounterDelta> Contribution(SupervisionSession? session, int sign)
    {
        if (session is not { State: SessionState.Held })
        {
            yield break;
        }

        var month = CounterDelta.MonthOf(session.Start);
        yield return new(month, Held, sign);
        yield return new(month, Invited, sign * session.Invitees.Count);
        yield return new(month, Attended, sign * session.Invitees.Count(invitee => invitee.Attended == true));
    }
}
