using PartnerHub.Api.Partners;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Course;

/// <summary>
/// A participant's certificate content from what is stored (her cohort, its attendance, the project's settings and
/// name), through <see cref="Certificate.For"/>: null when she is not on the list, was erased or did not complete. Danish unless
/// the project's language is English. Both the issuing handler and her download use it, so the two cannot differ.
/// </summary>
public sealed class CertificateComposer(CourseStore courses, CourseSettingsStore settings, ProjectStore projects)
{
    public async Task<CertificateContent?> ComposeAsync(string projectId, string cohortId, string participantId, string coordinatorName, DateOnly asOf, CancellationToken cancellationToken)
    {
        var cohort = await courses.FindCohortAsync(projectId, cohortId, cancellationToken);
        var project = await projects.FindAsync(projectId, cancellationToken);
        var participant = cohort?.Cohort.Participants.FirstOrDefault(p => string.Equals(p.Id, participantId, StringComparison.Ordinal));
        // An erased woman's certificate would carry a name that is no longer hers to print: nothing is drawn.
        if (cohort is null || project is null || participant is null || ParticipantErasure.IsErased(participant))
        {
            return null;
        }

        var attendance = await courses.AttendanceAsync(projectId, cohortId, cancellationToken);
        var course = (await settings.GetAsync(projectId, cancellationToken)).Settings;
        var language = project.Language == Languages.English ? Languages.English : Languages.Danish;
        return Certificate.For(participant, project.Name, coordinatorName, cohort.Cohort.Plan, course.Themes, attendance.Register, course.Completion, asOf, language);
    }
}
