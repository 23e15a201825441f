using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;

namespace PartnerHub.Api.Course;

/// <summary>
/// Erasure on request of a woman on a cohort's list (<see cref="CourseParticipantSubject"/>): her entry on the list is
/// the subject's own record, its version the cohort's ETag. Her name gives way to the erased marker and her account
/// goes (<see cref="ParticipantErasure"/>), in one ETag-conditional change of the cohort that also removes her account's
/// index rows and updates the cohort's cards through the outbox. Her id, her marks and her certificate row (when and by
/// whom it was issued: ids and the signer's name) stay, so attendance, completion and every report figure are
/// unchanged; her certificate is no longer drawn for anyone (<see cref="CertificateComposer"/>), and its file leaves
/// SharePoint through the outbox (<see cref="DeleteCertificateFileHandler"/>).
/// </summary>
public sealed class ParticipantSubjectEraser(CourseStore courses, CourseChanges changes) : ISubjectEraser
{
    public const string ParticipantKind = "course-participant";

    [AuditAction]
    private const string Action = "EraseParticipant";

    public async Task<SubjectVersion?> RecordAsync(DataSubject subject, CancellationToken cancellationToken) =>
        await FindAsync(subject, cancellationToken) is ({ } stored, { } participant)
            ? new SubjectVersion(CourseResponses.ETagOf(stored.Cohort), ParticipantErasure.IsErased(participant))
            : null;

    public async Task<IReadOnlyList<ErasedCount>> EraseAsync(ErasureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (await FindAsync(request.Subject, cancellationToken) is not ({ } stored, { } participant))
        {
            return [];
        }

        if (CourseResponses.ETagOf(stored.Cohort) != request.ExpectedVersion)
        {
            throw new SubjectChangedException();
        }

        if (ParticipantErasure.IsErased(participant))
        {
            return [];
        }

        var cohort = stored.Cohort;
        var erased = ParticipantErasure.Erased(participant, changes.Now);
        var after = cohort with { Participants = [.. cohort.Participants.Select(p => p.Id == participant.Id ? erased : p)], Version = cohort.Version + 1 };
        var change = CourseChanges.Change(request.By.ObjectId, CourseStore.CohortRecord, cohort.Id, cohort.Version, Action, new { participant.Id });
        var written = await changes.CommitAsync(
            messages => courses.UpdateCohortAsync(stored, after, [], change, messages, cancellationToken),
            [changes.Entry(cohort.ProjectId, CourseNotifications.UpdateCardsOf(cohort.Id, null)), changes.Entry(cohort.ProjectId, CourseNotifications.CertificateFileOf(cohort.Id, participant.Id))],
            cancellationToken);
        return written.Outcome == ChangeOutcome.Changed ? [new ErasedCount(ParticipantKind, 1)] : throw new SubjectChangedException();
    }

    private async Task<(StoredCohort? Stored, CourseParticipant? Participant)> FindAsync(DataSubject subject, CancellationToken cancellationToken)
    {
        if (subject is not CourseParticipantSubject her || await courses.FindCohortAsync(her.ProjectId, her.CohortId, cancellationToken) is not { } stored)
        {
            return (null, null);
        }

        return (stored, stored.Cohort.Participants.FirstOrDefault(p => p.Id == her.ParticipantId));
    }
}
