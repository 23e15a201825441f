namespace PartnerHub.Core.Course;

/// <summary>
/// Erasure on her request (GDPR Art. 17) of a woman on a cohort's list: her name gives way to <see cref="ErasedName"/>
/// and her account goes, while her place on the list (her id), her marks and so her completion stay, so every count and
/// report figure she is part of is unchanged. Nothing is drawn for her any more (no certificate). Pure.
/// </summary>
public static class ParticipantErasure
{
    /// <summary>
    /// What the list shows in her place: the coordinator still sees that someone was there and counts, not who. Danish,
    /// as the list's names are written; it names no one.
    /// </summary>
    public const string ErasedName = "Slettet efter anmodning";

    /// <summary>Her entry erased at <paramref name="now"/>; the same entry when it was erased before (a repeat changes nothing).</summary>
    public static CourseParticipant Erased(CourseParticipant participant, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return IsErased(participant) ? participant : participant with { Name = ErasedName, ObjectId = null, ErasedAt = now };
    }

    public static bool IsErased(CourseParticipant participant)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return participant.ErasedAt is not null;
    }
}
