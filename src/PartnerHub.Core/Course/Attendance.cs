namespace PartnerHub.Core.Course;

/// <summary>A participant's attendance at one session.</summary>
public enum AttendanceMark
{
    Present,
    Absent,

    /// <summary>Absent with a reason given beforehand (illness, a child's illness). Whether it counts is the project's rule.</summary>
    Excused,
}

/// <summary>
/// A woman in the cohort: a course participant, not yet a neighbourhood mother. The minimum: an id, the name for her
/// certificate, and her Entra object id once she has an account (the key to her own view).
/// </summary>
public sealed record CourseParticipant(string Id, string Name, string? ObjectId = null)
{
    /// <summary>When her name and account were erased on her request (<see cref="ParticipantErasure"/>); null while she is named.</summary>
    public DateTimeOffset? ErasedAt { get; init; }
}

/// <summary>One mark: who, which session, what.</summary>
public sealed record AttendanceEntry(string ParticipantId, string SessionId, AttendanceMark Mark);

/// <summary>
/// The cohort's attendance: at most one mark per participant and session. Pure; <see cref="Record"/> returns a new
/// register or the errors by field.
/// </summary>
public sealed record AttendanceRegister(IReadOnlyList<AttendanceEntry> Entries)
{
    public static readonly AttendanceRegister Empty = new([]);

    public AttendanceMark? MarkOf(string participantId, string sessionId) =>
        Entries.FirstOrDefault(e => e.ParticipantId == participantId && e.SessionId == sessionId)?.Mark;

    /// <summary>Her own marks only: what a participant sees.</summary>
    public IReadOnlyList<AttendanceEntry> Of(string participantId) => [.. Entries.Where(e => e.ParticipantId == participantId)];

    public bool Equals(AttendanceRegister? other) => other is not null && Entries.SequenceEqual(other.Entries);

    public override int GetHashCode() => Entries.Count;

    /// <summary>
    /// Records one session's attendance for the participants given (others keep what they had). Refused for a
    /// session not in the plan, a cancelled one, one still in the future, or someone not in the cohort.
    /// </summary>
    public (AttendanceRegister? Register, IReadOnlyDictionary<string, string> Errors) Record(
        CoursePlan plan, IReadOnlyCollection<CourseParticipant> participants, string sessionId, IReadOnlyDictionary<string, AttendanceMark> marks, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(marks);
        var session = plan.Find(sessionId);
        string? error = session switch
        {
            null => CourseErrors.NotFound,
            { Counts: false } => CourseErrors.Cancelled,
            { } s when s.Date > today => CourseErrors.TooFarAhead,
            _ => null,
        };
        if (error is not null)
        {
            return (null, new Dictionary<string, string> { [CoursePlanEditor.Fields.Session] = error });
        }

        if (marks.Keys.Any(id => !participants.Any(p => p.Id == id)) || marks.Values.Any(m => !Enum.IsDefined(m)))
        {
            return (null, new Dictionary<string, string> { ["marks"] = CourseErrors.UnknownValue });
        }

        var kept = Entries.Where(e => !(e.SessionId == sessionId && marks.ContainsKey(e.ParticipantId)));
        var added = marks.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new AttendanceEntry(m.Key, sessionId, m.Value));
        return (new AttendanceRegister([.. kept.Concat(added)]), new Dictionary<string, string>());
    }
}
