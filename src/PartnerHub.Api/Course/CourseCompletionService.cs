using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// The end of the course: who completed (<see cref="Completion"/> with the project's rule), a certificate for each of
/// them (one <see cref="CourseNotifications.Certificate"/> outbox row each: the handler draws and stores it), and the
/// one action that makes a woman who completed a neighbourhood mother in the directory (<see cref="DirectoryService"/>).
/// </summary>
public sealed class CourseCompletionService(CourseStore store, CourseSettingsStore settings, CourseChanges changes, DirectoryService directory, DirectoryStore members)
{
    [AuditAction]
    public const string IssueAction = "IssueCertificates";
    [AuditAction]
    public const string MakeMotherAction = "MakeNeighbourhoodMother";

    /// <summary>Every participant's standing for the coordinator; a participant reads hers through <see cref="OwnCompletionAsync"/>.</summary>
    public async Task<CompletionRead> CompletionAsync(Actor actor, string cohortId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        if (stored is null || !CourseChanges.ViewOf(actor, stored.Cohort.ProjectId, stored.Cohort.Participants, []).Shows(CourseField.Attendance))
        {
            await changes.RefusedAsync(actor, CourseAuditActions.ViewCompletion, CourseStore.CohortRecord, cohortId, cancellationToken);
            return new CompletionRead(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null, []);
        }

        return new CompletionRead(ChangeOutcome.Changed, stored, await StandingAsync(stored.Cohort, stored.Cohort.Participants, cancellationToken));
    }

    /// <summary>Her own standing, as a participant signed in with her account; nothing when she is not on the list.</summary>
    public async Task<CompletionRead> OwnCompletionAsync(string projectId, string objectId, string cohortId, CancellationToken cancellationToken)
    {
        var stored = await store.FindCohortAsync(projectId, cohortId, cancellationToken);
        var self = stored?.Cohort.Participants.FirstOrDefault(p => p.ObjectId is { Length: > 0 } id && id == objectId);
        if (stored is null || self is null
            || !CourseVisibility.For(CourseActor.ForParticipant(self, projectId), projectId, stored.Cohort.Participants, []).Shows(CourseField.OwnAttendance))
        {
            return new CompletionRead(ChangeOutcome.NotFound, null, []);
        }

        return new CompletionRead(ChangeOutcome.Changed, null, await StandingAsync(stored.Cohort, [self], cancellationToken));
    }

    /// <summary>
    /// Asks for a certificate for every participant who completed: one outbox row each, in one change (the cohort row
    /// rewritten unchanged, conditional on the version read). The same request again answers Duplicate, nothing twice.
    /// </summary>
    /// <param name="acting">The card it was pressed on (its answer shows it), skipped by the cards' update; null elsewhere.</param>
    public async Task<CohortResult> IssueCertificatesAsync(Actor actor, string cohortId, int? fromVersion, CancellationToken cancellationToken, ActingCard? acting = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        if (stored is null || !CourseChanges.ViewOf(actor, stored.Cohort.ProjectId, stored.Cohort.Participants, []).Allows(CourseAction.IssueCertificates))
        {
            await changes.RefusedAsync(actor, IssueAction, CourseStore.CohortRecord, cohortId, cancellationToken);
            return CohortResult.Of(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        var completed = (await StandingAsync(stored.Cohort, stored.Cohort.Participants, cancellationToken)).Where(c => c.Completed).Select(c => c.ParticipantId).ToList();
        var change = CourseChanges.Change(actor.ObjectId, CourseStore.CohortRecord, cohortId, fromVersion ?? stored.Cohort.Version, IssueAction, new { completed });
        if (await changes.AnsweredAsync(actor.ProjectId, change, fromVersion, stored.Cohort.Version, cancellationToken) is { } answered)
        {
            return CohortResult.Of(answered, stored);
        }

        if (completed.Count == 0)
        {
            // Nobody completed (yet): nothing to draw.
            return CohortResult.Of(ChangeOutcome.InvalidTransition, stored);
        }

        var messages = completed.Select(id => changes.Entry(actor.ProjectId, CourseNotifications.Certificate(cohortId, id, actor.ObjectId))).ToList();
        messages.Add(changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOf(cohortId, null, acting)));
        var written = await changes.CommitAsync(m => store.UpdateCohortAsync(stored, stored.Cohort, [], change, m, cancellationToken), messages, cancellationToken);
        return CohortResult.Of(written.Outcome, await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken));
    }

    /// <summary>
    /// Makes a participant who completed, and has an account, a neighbourhood mother of the project (through the
    /// directory's own rules). Already a member: no change, answered Duplicate.
    /// </summary>
    public async Task<CohortResult> MakeNeighbourhoodMotherAsync(Actor actor, string tenantId, string cohortId, string participantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        if (stored is null || !CourseChanges.ViewOf(actor, stored.Cohort.ProjectId, stored.Cohort.Participants, []).Allows(CourseAction.IssueCertificates))
        {
            await changes.RefusedAsync(actor, MakeMotherAction, CourseStore.CohortRecord, cohortId, cancellationToken);
            return CohortResult.Of(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        if (stored.Cohort.Participants.FirstOrDefault(p => p.Id == participantId) is not { } participant)
        {
            return CohortResult.Invalid(stored, new Dictionary<string, string> { [CourseService.Fields.Participant] = CourseErrors.NotFound });
        }

        if (participant.ObjectId is null)
        {
            return CohortResult.Invalid(stored, new Dictionary<string, string> { [CourseService.Fields.ObjectId] = CourseErrors.Required });
        }

        if (await members.FindMemberAsync(actor.ProjectId, participant.ObjectId, cancellationToken) is not null)
        {
            return CohortResult.Of(ChangeOutcome.Duplicate, stored);
        }

        var standing = await StandingAsync(stored.Cohort, [participant], cancellationToken);
        if (!standing[0].Completed)
        {
            return CohortResult.Of(ChangeOutcome.InvalidTransition, stored);
        }

        // Her first name only: the directory keeps no more of her than that.
        var firstName = participant.Name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        if (firstName.Length > DirectoryForms.MaxFirstNameLength)
        {
            firstName = firstName[..DirectoryForms.MaxFirstNameLength];
        }

        var added = await directory.SaveMemberAsync(actor, tenantId, new MemberInput(participant.ObjectId, nameof(ProjectRole.NeighbourhoodMother), null, firstName), null, cancellationToken);
        var outcome = added.Outcome switch
        {
            DirectoryOutcome.Added or DirectoryOutcome.Saved => ChangeOutcome.Changed,
            DirectoryOutcome.AlreadyApplied or DirectoryOutcome.Exists => ChangeOutcome.Duplicate,
            DirectoryOutcome.Forbidden => ChangeOutcome.Forbidden,
            DirectoryOutcome.Invalid => ChangeOutcome.InvalidInput,
            _ => ChangeOutcome.InvalidTransition,
        };
        return new CohortResult(outcome, stored, added.Errors);
    }

    private async Task<IReadOnlyList<ParticipantCompletion>> StandingAsync(Cohort cohort, IEnumerable<CourseParticipant> participants, CancellationToken cancellationToken)
    {
        var rule = (await settings.GetAsync(cohort.ProjectId, cancellationToken)).Settings.Completion;
        var register = (await store.AttendanceAsync(cohort.ProjectId, cohort.Id, cancellationToken)).Register;
        return Completion.All(participants, cohort.Plan, register, rule, changes.Today);
    }
}
