namespace PartnerHub.Core.Supervision;

/// <summary>
/// Turns a Teams meeting's attendance report into a proposed attendance for the session's invitees, and decides when
/// PartnerHub looks for the report. Pure: the report is read by the Graph adapter, the proposal kept on the session.
/// </summary>
public static class AttendanceProposalPolicy
{
    /// <summary>Less than this in the meeting (a misdial, a wrong link) does not count as having attended.</summary>
    public static readonly TimeSpan MinimumPresence = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The proposal from the report's records. Records are summed per object id (a mother who left and came back, or
    /// joined on two devices, is one person); a record without an object id (a phone dial-in) is one unmatched
    /// participant, since nothing tells two such records apart. The organiser is neither an invitee nor an "other".
    /// </summary>
    public static TeamsAttendance Propose(SupervisionSession session, IEnumerable<MeetingAttendee> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(records);
        var withId = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var anonymous = 0;
        foreach (var record in records)
        {
            if (IsOrganizer(session, record))
            {
                continue;
            }

            if (string.IsNullOrWhiteSpace(record.ObjectId))
            {
                anonymous += Counts(record.TotalSeconds) ? 1 : 0;
                continue;
            }

            withId[record.ObjectId.Trim()] = withId.GetValueOrDefault(record.ObjectId.Trim()) + Math.Max(record.TotalSeconds, 0);
        }

        var present = session.Invitees
            .Where(i => withId.TryGetValue(i.ObjectId, out var seconds) && Counts(seconds))
            .Select(i => i.ObjectId)
            .ToList();
        var others = withId.Count(p => Counts(p.Value) && session.InviteeOf(Canonical(session, p.Key)) is null);
        return new TeamsAttendance(TeamsAttendanceStatus.Proposed, present, others + anonymous, session.End, now);
    }

    /// <summary>The outcome when no proposal can be made (no report, or not permitted).</summary>
    public static TeamsAttendance Without(SupervisionSession session, TeamsAttendanceStatus status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (status == TeamsAttendanceStatus.Proposed)
        {
            throw new ArgumentException("A proposal needs the report's records.", nameof(status));
        }

        return new TeamsAttendance(status, [], 0, session.End, now);
    }

    /// <summary>
    /// Keeps the outcome on the session. Unchanged when the same outcome is already there (a repeated check) and when it
    /// no longer applies: the session is cancelled, not online, or was moved since the check was planned.
    /// A "no report" never replaces a proposal already made.
    /// </summary>
    public static SessionResult Keep(SupervisionSession session, TeamsAttendance outcome)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(outcome);
        if (!IsWanted(session, outcome.ForEnd) || SameOutcome(session.TeamsAttendance, outcome)
            || (outcome.Status == TeamsAttendanceStatus.NoReport && session.TeamsAttendance is { Status: TeamsAttendanceStatus.Proposed } kept && kept.ForEnd == outcome.ForEnd))
        {
            return SessionResult.Unchanged(session);
        }

        return SessionResult.Ok((session with { TeamsAttendance = outcome }).NextBookkept());
    }

    /// <summary>
    /// Whether a check planned for <paramref name="forEnd"/> is still worth making: the session is an online one that
    /// still ends then, and whose attendance has not been recorded (held or cancelled sessions need no proposal).
    /// </summary>
    public static bool IsWanted(SupervisionSession session, DateTimeOffset forEnd)
    {
        ArgumentNullException.ThrowIfNull(session);
        return session.IsOnline && session.State == SessionState.Scheduled && session.End == forEnd;
    }

    /// <summary>
    /// When check number <paramref name="attempt"/> (from 1) is due: <paramref name="firstAfter"/> after the end, then
    /// twice as long each time (15 min, 30, 1 h, 2, 4, 8, 16 with the defaults); null past the last check or outside
    /// <paramref name="window"/> after the end, Graph keeping reports for a limited time only.
    /// </summary>
    public static DateTimeOffset? CheckDueAt(DateTimeOffset end, int attempt, TimeSpan firstAfter, int maxChecks, TimeSpan window)
    {
        if (attempt < 1 || attempt > maxChecks || firstAfter <= TimeSpan.Zero)
        {
            return null;
        }

        var delay = firstAfter * Math.Pow(2, attempt - 1);
        return delay <= window ? end + delay : null;
    }

    private static bool Counts(int seconds) => seconds >= MinimumPresence.TotalSeconds;

    private static bool IsOrganizer(SupervisionSession session, MeetingAttendee record) =>
        string.Equals(record.Role, "Organizer", StringComparison.OrdinalIgnoreCase)
        || string.Equals(record.ObjectId?.Trim(), session.OrganizerObjectId, StringComparison.OrdinalIgnoreCase);

    // Invitee ids are stored as given; the report's may differ in case.
    private static string Canonical(SupervisionSession session, string objectId) =>
        session.Invitees.FirstOrDefault(i => string.Equals(i.ObjectId, objectId, StringComparison.OrdinalIgnoreCase))?.ObjectId ?? objectId;

    private static bool SameOutcome(TeamsAttendance? kept, TeamsAttendance outcome) =>
        kept is not null && kept.Status == outcome.Status && kept.ForEnd == outcome.ForEnd && kept.OthersJoined == outcome.OthersJoined
        && kept.Present.SequenceEqual(outcome.Present, StringComparer.Ordinal);
}
