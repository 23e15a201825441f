namespace PartnerHub.Core.Supervision;

/// <summary>
/// One line of a Teams meeting's attendance report as PartnerHub uses it: who (her Entra object id, when the report
/// knows one), her meeting role and how long she was there in all. Names, mail addresses and phone numbers are not kept.
/// </summary>
/// <param name="ObjectId">Null for a participant the report cannot tie to an account, e.g. someone who dialled in by phone.</param>
/// <param name="Role">Graph's role: Organizer, Presenter, Attendee or None.</param>
public sealed record MeetingAttendee(string? ObjectId, string Role, int TotalSeconds);

/// <summary>Where reading the Teams meeting's attendance got to.</summary>
public enum TeamsAttendanceStatus
{
    /// <summary>The report was read: <see cref="TeamsAttendance.Present"/> is PartnerHub's proposal.</summary>
    Proposed,

    /// <summary>The meeting had no attendance report within the checking window (nobody joined, or Teams kept none).</summary>
    NoReport,

    /// <summary>Graph refused (no permission or no application access policy): attendance is entered by hand.</summary>
    NotPermitted,
}

/// <summary>
/// What the Teams meeting says about attendance, kept on the session until the coordinator records attendance. It is
/// a proposal only: the recorded attendance is <see cref="Invitee.Attended"/>, set when she confirms or corrects it.
/// </summary>
/// <param name="Present">The invitees (object ids) the report shows for at least a minute.</param>
/// <param name="OthersJoined">Participants the report could not match to an invitee (phone dial-ins, guests), organiser excluded.</param>
/// <param name="ForEnd">The session end (UTC) the report was read for: a moved session is read again.</param>
public sealed record TeamsAttendance(TeamsAttendanceStatus Status, IReadOnlyList<string> Present, int OthersJoined, DateTimeOffset ForEnd, DateTimeOffset CheckedAt)
{
    public bool Equals(TeamsAttendance? other) =>
        other is not null && Status == other.Status && OthersJoined == other.OthersJoined && ForEnd == other.ForEnd
        && CheckedAt == other.CheckedAt && Present.SequenceEqual(other.Present, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Status, OthersJoined, ForEnd, Present.Count);

    public bool IsPresent(string objectId) => Present.Contains(objectId, StringComparer.Ordinal);
}
