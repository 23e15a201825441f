using PartnerHub.Api.Cards;
using PartnerHub.Api.People;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Course;

/// <summary>A participant as the coordinator types her in: the name on her certificate, and her account if she has one.</summary>
public sealed record ParticipantInput(string? Name, string? ObjectId);

/// <summary>
/// The course's cohorts: create (the form, then <see cref="PlanGenerator"/> with the project's settings), list, read,
/// the participant list and attendance, and the project's course settings. The plan's operations are in
/// <see cref="CoursePlanService"/>, bookings in <see cref="CourseBookingService"/>, completion and certificates in
/// <see cref="CourseCompletionService"/>. Never logs names or notes.
/// </summary>
public sealed class CourseService(CourseStore store, CourseSettingsStore settings, CourseChanges changes, ChosenPerson people)
{
    public const int MaxParticipantNameLength = CohortForm.MaxNameLength;

    /// <summary>
    /// A cohort is a group around one table (the brochure's are 15-20 women); the cap keeps the cohort's row, its
    /// cards and its certificates run bounded, so a runaway list is refused as input instead of failing in storage.
    /// </summary>
    public const int MaxParticipants = 40;

    public static class Fields
    {
        public const string Name = "name";
        public const string ObjectId = "objectId";
        public const string Participant = "participantId";
    }

    /// <summary>Creates a cohort with its proposed plan; the same request id again answers Duplicate with the cohort it made.</summary>
    public async Task<CohortResult> CreateAsync(Actor actor, CohortFormInput input, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!CourseChanges.May(actor, CourseAction.EditPlan))
        {
            await changes.RefusedAsync(actor, CourseAuditActions.CreateCohort, CourseStore.CohortRecord, "-", cancellationToken);
            return CohortResult.Of(ChangeOutcome.Forbidden, null);
        }

        var change = CourseChanges.Change(actor.ObjectId, CourseStore.CohortRecord, "new", null, CourseAuditActions.CreateCohort, new { RequestId = requestId });
        var cohortId = CourseChanges.IdFrom('c', change);
        if (await store.WasAppliedAsync(actor.ProjectId, change.Fingerprint, cancellationToken))
        {
            return CohortResult.Of(ChangeOutcome.Duplicate, await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken));
        }

        var (form, errors) = CohortForm.Validate(input, changes.Now);
        if (form is null)
        {
            return CohortResult.Invalid(null, errors);
        }

        var project = (await settings.GetAsync(actor.ProjectId, cancellationToken)).Settings;
        var cohort = new Cohort(cohortId, actor.ProjectId, PlanGenerator.Generate(form, project.Themes, project.SchoolHolidays), [], 1);
        var written = await changes.CommitAsync(
            messages => store.CreateCohortAsync(cohort, change, messages, cancellationToken),
            [changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOf(cohortId, null))],
            cancellationToken);
        return CohortResult.Of(written.Outcome, await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken));
    }

    /// <summary>The coordinator's list of her project's cohorts; anyone else gets none (a teacher sees her bookings instead).</summary>
    public async Task<IReadOnlyList<StoredCohort>> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CourseChanges.ViewOf(actor, actor.ProjectId, [], []).Shows(CourseField.Participants))
        {
            return [];
        }

        var cohorts = await store.CohortsAsync(actor.ProjectId, cancellationToken);
        return [.. cohorts.OrderByDescending(c => c.Cohort.Plan.Sessions.Count > 0 ? c.Cohort.Plan.Sessions[0].Date : DateOnly.MinValue)];
    }

    /// <summary>A cohort cut to what the actor may see; null when it is not there or not hers to see (the refusal audited).</summary>
    public async Task<CohortRead?> ReadAsync(Actor actor, string cohortId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        if (stored is null)
        {
            await changes.RefusedAsync(actor, CourseAuditActions.View, CourseStore.CohortRecord, cohortId, cancellationToken);
            return null;
        }

        return await ReadAsAsync(CourseActor.From(actor), stored, cancellationToken)
            ?? await RefusedReadAsync(actor, cohortId, cancellationToken);
    }

    /// <summary>A participant's own view of a cohort she is on (by her account), or null.</summary>
    public async Task<CohortRead?> ReadAsParticipantAsync(string projectId, string objectId, string cohortId, CancellationToken cancellationToken)
    {
        var stored = await store.FindCohortAsync(projectId, cohortId, cancellationToken);
        return stored is null ? null : await ReadAsAsync(new CourseActor(objectId, projectId, CourseRole.Participant), stored, cancellationToken);
    }

    /// <summary>The cohorts a participant is on in a project (her own view's list), through her index rows.</summary>
    public async Task<IReadOnlyList<CohortRead>> CohortsOfParticipantAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        var reads = new List<CohortRead>();
        foreach (var cohortId in await store.CohortsOfParticipantAsync(projectId, objectId, cancellationToken))
        {
            if (await ReadAsParticipantAsync(projectId, objectId, cohortId, cancellationToken) is { } read)
            {
                reads.Add(read);
            }
        }

        return reads;
    }

    public Task<CohortResult> AddParticipantAsync(Actor actor, string cohortId, int? fromVersion, ParticipantInput input, ActingCard? acting, CancellationToken cancellationToken) =>
        ChangeParticipantsAsync(actor, cohortId, fromVersion, CourseAuditActions.AddParticipant, input, acting, async (cohort, change) =>
        {
            if (cohort.Participants.Count >= MaxParticipants)
            {
                return (null, Error(Fields.Name, CourseErrors.CohortFull));
            }

            var (participant, errors) = await ValidateAsync(input, CourseChanges.IdFrom('p', change), cancellationToken);
            return participant is null ? (null, errors) : ([.. cohort.Participants, participant], errors);
        }, cancellationToken);

    public Task<CohortResult> RenameParticipantAsync(Actor actor, string cohortId, int? fromVersion, string participantId, ParticipantInput input, ActingCard? acting, CancellationToken cancellationToken) =>
        ChangeParticipantsAsync(actor, cohortId, fromVersion, CourseAuditActions.RenameParticipant, new { participantId, input }, acting, async (cohort, _) =>
        {
            if (cohort.Participants.FirstOrDefault(p => p.Id == participantId) is not { } existing)
            {
                return (null, Error(Fields.Participant, CourseErrors.NotFound));
            }

            var (participant, errors) = await ValidateAsync(input, existing.Id, cancellationToken);
            return participant is null ? (null, errors) : ([.. cohort.Participants.Select(p => p.Id == participantId ? participant : p)], errors);
        }, cancellationToken);

    /// <summary>Takes her off the list; refused once she has attendance marks (they would point at no one).</summary>
    public Task<CohortResult> RemoveParticipantAsync(Actor actor, string cohortId, int? fromVersion, string participantId, ActingCard? acting, CancellationToken cancellationToken) =>
        ChangeParticipantsAsync(actor, cohortId, fromVersion, CourseAuditActions.RemoveParticipant, new { participantId }, acting, async (cohort, _) =>
        {
            if (!cohort.Participants.Any(p => p.Id == participantId))
            {
                return (null, Error(Fields.Participant, CourseErrors.NotFound));
            }

            var attendance = await store.AttendanceAsync(cohort.ProjectId, cohort.Id, cancellationToken);
            return attendance.Register.Of(participantId).Count > 0
                ? (null, HasMarks)
                : ([.. cohort.Participants.Where(p => p.Id != participantId)], CourseResults.NoErrors);
        }, cancellationToken);

    /// <summary>Records one session's marks (<see cref="AttendanceRegister.Record"/>); marks already as sent are "no change".</summary>
    public async Task<CohortResult> RecordAttendanceAsync(Actor actor, string cohortId, string sessionId, IReadOnlyDictionary<string, AttendanceMark> marks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(marks);
        var stored = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        if (stored is null || !CourseChanges.ViewOf(actor, stored.Cohort.ProjectId, stored.Cohort.Participants, []).Allows(CourseAction.RecordAttendance))
        {
            await changes.RefusedAsync(actor, CourseAuditActions.RecordAttendance, CourseStore.CohortRecord, cohortId, cancellationToken);
            return CohortResult.Of(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        var cohort = stored.Cohort;
        var before = await store.AttendanceAsync(actor.ProjectId, cohortId, cancellationToken);
        var (register, errors) = before.Register.Record(cohort.Plan, cohort.Participants, sessionId, marks, changes.Today);
        if (register is null)
        {
            return CohortResult.Invalid(stored, errors);
        }

        // Marks are absolute: a retry finds them as sent and writes nothing, so a retry is applied once.
        if (marks.All(m => before.Register.MarkOf(m.Key, sessionId) == m.Value))
        {
            return CohortResult.Of(ChangeOutcome.Duplicate, stored);
        }

        var rowVersion = before.BySession.TryGetValue(sessionId, out var etag) ? etag.ToString() : "none";
        var change = CourseChanges.Change(actor.ObjectId, CourseStore.CohortRecord, cohortId + "|" + sessionId, null, CourseAuditActions.RecordAttendance, new { rowVersion, marks });
        var written = await store.RecordAttendanceAsync(actor.ProjectId, cohortId, sessionId, before, register, change, cancellationToken);
        return CohortResult.Of(written.Outcome, stored);
    }

    /// <summary>The cohort's attendance as the actor may see it (everyone's for the coordinator).</summary>
    public async Task<IReadOnlyList<AttendanceEntry>> AttendanceAsync(Actor actor, string cohortId, CancellationToken cancellationToken) =>
        (await ReadAsync(actor, cohortId, cancellationToken))?.Attendance ?? [];

    public async Task<SettingsResult> GetSettingsAsync(Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CourseChanges.May(actor, CourseAction.EditPlan))
        {
            await changes.RefusedAsync(actor, CourseAuditActions.ViewSettings, SettingsRecord, actor.ProjectId, cancellationToken);
            return new SettingsResult(ChangeOutcome.Forbidden, null, CourseResults.NoErrors);
        }

        return new SettingsResult(ChangeOutcome.Changed, await settings.GetAsync(actor.ProjectId, cancellationToken), CourseResults.NoErrors);
    }

    /// <summary>
    /// Saves the settings on the ETag she read (null: none were saved yet). The same settings again answer Duplicate;
    /// anything else from an older ETag is a Conflict with the current settings.
    /// </summary>
    public async Task<SettingsResult> SaveSettingsAsync(Actor actor, CourseSettings input, Azure.ETag? fromETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        if (!CourseChanges.May(actor, CourseAction.EditPlan))
        {
            await changes.RefusedAsync(actor, CourseAuditActions.SaveSettings, SettingsRecord, actor.ProjectId, cancellationToken);
            return new SettingsResult(ChangeOutcome.Forbidden, null, CourseResults.NoErrors);
        }

        if (input.Validate() is { Count: > 0 } errors)
        {
            return new SettingsResult(ChangeOutcome.InvalidInput, await settings.GetAsync(actor.ProjectId, cancellationToken), errors);
        }

        var current = await settings.GetAsync(actor.ProjectId, cancellationToken);
        if (current.ETag is not null && SameSettings(current.Settings, input))
        {
            return new SettingsResult(ChangeOutcome.Duplicate, current, CourseResults.NoErrors);
        }

        if (current.ETag != fromETag || !await settings.SaveAsync(actor.ProjectId, input, fromETag, actor.ObjectId, cancellationToken))
        {
            return new SettingsResult(ChangeOutcome.Conflict, await settings.GetAsync(actor.ProjectId, cancellationToken), CourseResults.NoErrors);
        }

        await changes.AllowedAsync(actor, CourseAuditActions.SaveSettings, SettingsRecord, actor.ProjectId, cancellationToken);
        return new SettingsResult(ChangeOutcome.Changed, await settings.GetAsync(actor.ProjectId, cancellationToken), CourseResults.NoErrors);
    }

    public const string SettingsRecord = "course-settings";

    private static bool SameSettings(CourseSettings a, CourseSettings b) =>
        System.Text.Json.JsonSerializer.Serialize(a, CourseStore.Json) == System.Text.Json.JsonSerializer.Serialize(b, CourseStore.Json);

    private async Task<CohortRead?> ReadAsAsync(CourseActor viewer, StoredCohort stored, CancellationToken cancellationToken)
    {
        var cohort = stored.Cohort;
        var bookings = (await store.BookingsAsync(cohort.ProjectId, cohort.Id, cancellationToken)).ToList();
        var view = CourseVisibility.For(viewer, cohort.ProjectId, cohort.Participants, [.. bookings.Select(b => b.Booking)]);
        if (view.Kind == CourseViewKind.None)
        {
            return null;
        }

        var attendance = await store.AttendanceAsync(cohort.ProjectId, cohort.Id, cancellationToken);
        var visibleBookings = CourseVisibility.VisibleBookings(viewer, [.. bookings.Select(b => b.Booking)]);
        var shownParticipants = view.Shows(CourseField.Participants)
            ? cohort.Participants
            : [.. cohort.Participants.Where(p => view.Kind == CourseViewKind.Participant && p.ObjectId == viewer.ObjectId)];
        return new CohortRead(
            stored with { Cohort = cohort with { Participants = shownParticipants } },
            view,
            cohort.Participants.Count,
            [.. bookings.Where(b => visibleBookings.Contains(b.Booking))],
            CourseVisibility.VisibleAttendance(view, viewer, cohort.Participants, attendance.Register));
    }

    private async Task<CohortRead?> RefusedReadAsync(Actor actor, string cohortId, CancellationToken cancellationToken)
    {
        await changes.RefusedAsync(actor, CourseAuditActions.View, CourseStore.CohortRecord, cohortId, cancellationToken);
        return null;
    }

    private async Task<CohortResult> ChangeParticipantsAsync(
        Actor actor, string cohortId, int? fromVersion, string action, object command, ActingCard? acting,
        Func<Cohort, CourseChange, Task<(IReadOnlyList<CourseParticipant>? Participants, IReadOnlyDictionary<string, string> Errors)>> apply,
        CancellationToken cancellationToken)
    {
        var begun = await changes.BeginCohortChangeAsync(actor, cohortId, fromVersion, action, command, cancellationToken);
        if (begun.Answer is { } answer)
        {
            return answer;
        }

        var (stored, change) = (begun.Stored!, begun.Change!);

        var (participants, errors) = await apply(stored.Cohort, change);
        if (ReferenceEquals(errors, HasMarks))
        {
            return CohortResult.Of(ChangeOutcome.InvalidTransition, stored);
        }

        if (participants is null)
        {
            return CohortResult.Invalid(stored, errors);
        }

        var after = stored.Cohort with { Participants = participants, Version = stored.Cohort.Version + 1 };
        var written = await changes.CommitAsync(
            messages => store.UpdateCohortAsync(stored, after, [], change, messages, cancellationToken),
            [changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOf(cohortId, null, acting))],
            cancellationToken);
        return CohortResult.Of(written.Outcome, await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken));
    }

    private async Task<(CourseParticipant? Participant, IReadOnlyDictionary<string, string> Errors)> ValidateAsync(ParticipantInput input, string id, CancellationToken cancellationToken)
    {
        var name = string.IsNullOrWhiteSpace(input.Name) ? null : input.Name.Trim();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (name is null)
        {
            errors[Fields.Name] = CourseErrors.Required;
        }
        else if (name.Length > MaxParticipantNameLength)
        {
            errors[Fields.Name] = CourseErrors.TooLong;
        }
        else if (SessionForm.LooksLikeCpr(name))
        {
            errors[Fields.Name] = CourseErrors.LooksLikeCpr;
        }

        string? objectId = null;
        if (!string.IsNullOrWhiteSpace(input.ObjectId))
        {
            objectId = DirectoryForms.NormaliseObjectId(input.ObjectId);
            // The person must be one the organisation's directory knows (the same check as adding her to the project later).
            if (objectId is null || (await people.CheckAsync(objectId, ProjectRole.NeighbourhoodMother, cancellationToken)).Refusal is not null)
            {
                errors[Fields.ObjectId] = objectId is null ? CourseErrors.InvalidId : CourseErrors.NotFound;
            }
        }

        return errors.Count > 0 ? (null, errors) : (new CourseParticipant(id, name!, objectId), errors);
    }

    // Her marks would point at no one: the list's state does not allow removing her (a 409, not a field error).
    private static readonly IReadOnlyDictionary<string, string> HasMarks = new Dictionary<string, string>();

    private static Dictionary<string, string> Error(string field, string code) => new(StringComparer.Ordinal) { [field] = code };
}
