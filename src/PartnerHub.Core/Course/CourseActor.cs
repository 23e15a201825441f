using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Course;

/// <summary>
/// What a person is to a course. The directory's roles, plus <see cref="Participant"/>: a woman on the cohort's list,
/// who is not (yet) a member of the project and has no <see cref="ProjectRole"/>.
/// </summary>
public enum CourseRole
{
    Coordinator,
    Teacher,
    NeighbourhoodMother,
    PartnerStaff,
    Participant,
}

/// <summary>Who acts on or views a course, in one project. Built by the caller from the directory or the cohort's list.</summary>
public sealed record CourseActor(string ObjectId, string ProjectId, CourseRole Role)
{
    public static CourseActor From(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return new(actor.ObjectId, actor.ProjectId, actor.Role switch
        {
            ProjectRole.Coordinator => CourseRole.Coordinator,
            ProjectRole.Teacher => CourseRole.Teacher,
            ProjectRole.NeighbourhoodMother => CourseRole.NeighbourhoodMother,
            _ => CourseRole.PartnerStaff,
        });
    }

    /// <summary>A woman on the cohort's participant list, signed in with her own account.</summary>
    public static CourseActor ForParticipant(CourseParticipant participant, string projectId)
    {
        ArgumentNullException.ThrowIfNull(participant);
        return new(participant.ObjectId ?? string.Empty, projectId, CourseRole.Participant);
    }
}
