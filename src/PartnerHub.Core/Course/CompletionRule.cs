namespace PartnerHub.Core.Course;

/// <summary>
/// A project's rule for completing the course: present at least <see cref="MinimumPercent"/> of the held sessions
/// (default 75 %). Held: counting (not cancelled) and on or before the day of the evaluation; a cancelled week is not
/// counted at all. A session with no mark for her counts as absent. Excused absence counts as present only if the
/// project says so.
/// </summary>
public sealed record CompletionRule(int MinimumPercent = CompletionRule.DefaultPercent, bool ExcusedCountsAsPresent = false)
{
    public const int DefaultPercent = 75;

    public static readonly CompletionRule Default = new();

    /// <summary>Errors by field: the percentage must be 1..100.</summary>
    public IReadOnlyDictionary<string, string> Validate() => MinimumPercent is >= 1 and <= 100
        ? new Dictionary<string, string>()
        : new Dictionary<string, string> { ["minimumPercent"] = CourseErrors.OutOfRange };
}

/// <summary>Where one participant stands: sessions attended of those held, and whether that completes the course.</summary>
public sealed record ParticipantCompletion(string ParticipantId, int Attended, int Held, bool Completed);

/// <summary>Applies a <see cref="CompletionRule"/>. Pure.</summary>
public static class Completion
{
    public static ParticipantCompletion Of(CourseParticipant participant, CoursePlan plan, AttendanceRegister register, CompletionRule rule, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(register);
        ArgumentNullException.ThrowIfNull(rule);
        var held = plan.Counting.Where(s => s.Date <= asOf).ToList();
        var attended = held.Count(s => register.MarkOf(participant.Id, s.Id) switch
        {
            AttendanceMark.Present => true,
            AttendanceMark.Excused => rule.ExcusedCountsAsPresent,
            _ => false,
        });

        // Whole numbers, not a rounded share: 3 of 4 is exactly 75 %. Nothing held yet completes nothing.
        var completed = held.Count > 0 && attended * 100 >= rule.MinimumPercent * held.Count;
        return new ParticipantCompletion(participant.Id, attended, held.Count, completed);
    }

    /// <summary>Every participant's standing, in the order given.</summary>
    public static IReadOnlyList<ParticipantCompletion> All(IEnumerable<CourseParticipant> participants, CoursePlan plan, AttendanceRegister register, CompletionRule rule, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(participants);
        return [.. participants.Select(p => Of(p, plan, register, rule, asOf))];
    }

    /// <summary>Who completed: the women who get a certificate.</summary>
    public static IReadOnlyList<CourseParticipant> Completed(IEnumerable<CourseParticipant> participants, CoursePlan plan, AttendanceRegister register, CompletionRule rule, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(participants);
        return [.. participants.Where(p => Of(p, plan, register, rule, asOf).Completed)];
    }
}
