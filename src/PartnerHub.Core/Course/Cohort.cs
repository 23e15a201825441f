using System.Text.RegularExpressions;

namespace PartnerHub.Core.Course;

/// <summary>
/// One cohort of a project's course: its plan and the women on its list (participants: an id and the first name for
/// her certificate, never a CPR number). <see cref="Version"/> counts its changes; storage keeps the ETag beside it.
/// </summary>
public sealed partial record Cohort(string Id, string ProjectId, CoursePlan Plan, IReadOnlyList<CourseParticipant> Participants, int Version)
{
    /// <summary>Cohort, booking and participant ids: plain lowercase letters, digits and hyphens, so they fit a key as they are.</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public bool Equals(Cohort? other) =>
        other is not null && Id == other.Id && ProjectId == other.ProjectId && Plan.Equals(other.Plan)
        && Participants.SequenceEqual(other.Participants) && Version == other.Version;

    public override int GetHashCode() => HashCode.Combine(Id, ProjectId, Version);

    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,39}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();
}
