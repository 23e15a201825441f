using Azure.Data.Tables;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>A coordinator's request to a teacher, exactly as a card or REST call sends it.</summary>
public sealed record BookingRequestInput(string? SessionId, string? TeacherId, string? Note);

/// <summary>
/// Teacher bookings: the coordinator requests, accepts a counter-proposal, replaces or cancels; the booked teacher
/// accepts, declines or proposes another date. Each command runs <see cref="BookingWorkflow"/> with her confirmed
/// bookings from every project (<see cref="TeacherSlots"/>) and the session's confirmed booking, and commits the
/// booking with its outbox rows (<see cref="CourseChanges.BookingMessages"/>) in one transaction.
/// </summary>
public sealed class CourseBookingService(
    CourseStore store, CourseSettingsStore settings, CourseChanges changes, CoursePlanService plans, DirectoryStore directory, ICallerDirectory callers, CardLocationStore locations)
{
    /// <summary>How many bookings her "my bookings" view lists, newest first.</summary>
    public const int MaxMyBookings = 50;

    public static class Fields
    {
        public const string Teacher = "teacherId";
    }

    /// <summary>Asks a teacher of the project to teach a session; the same request id again answers Duplicate, never a second booking.</summary>
    public async Task<BookingResultView> RequestAsync(Actor actor, string cohortId, BookingRequestInput input, string requestId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var stored = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        if (stored is null || !BookingAccess.Allows(CourseActor.From(actor), BookingAction.Request, null))
        {
            await changes.RefusedAsync(actor, nameof(BookingAction.Request), CourseStore.CohortRecord, cohortId, cancellationToken);
            return BookingResultView.Of(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        var change = CourseChanges.Change(actor.ObjectId, CourseStore.BookingRecord, cohortId, null, nameof(BookingAction.Request), new { RequestId = requestId });
        var bookingId = CourseChanges.IdFrom('b', change);
        if (await store.WasAppliedAsync(actor.ProjectId, change.Fingerprint, cancellationToken))
        {
            return BookingResultView.Of(ChangeOutcome.Duplicate, await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken));
        }

        if (await TeacherErrorAsync(actor.ProjectId, input.TeacherId, cancellationToken) is { } teacherError)
        {
            return new BookingResultView(ChangeOutcome.InvalidInput, null, BookingError.InvalidInput, teacherError);
        }

        var project = (await settings.GetAsync(actor.ProjectId, cancellationToken)).Settings;
        var bookings = (await store.BookingsAsync(actor.ProjectId, cohortId, cancellationToken)).Select(b => b.Booking).ToList();
        var teacherId = DirectoryForms.NormaliseObjectId(input.TeacherId)!;
        var probe = new TeacherBooking(bookingId, actor.ProjectId, cohortId, input.SessionId ?? string.Empty, teacherId, default, default, BookingState.Requested, default, 0);
        var context = await changes.ContextAsync(probe, stored.Cohort.Plan, bookings, project.SchoolHolidays, cancellationToken);
        var result = BookingWorkflow.Request(
            CourseActor.From(actor), bookingId, cohortId, input.SessionId ?? string.Empty, teacherId, input.Note, stored.Cohort.Participants.Count, context, changes.Now);
        if (!result.Succeeded)
        {
            return BookingResultView.Refused(result, null);
        }

        var booking = result.Booking!;
        var messages = changes.BookingMessages(null, booking, project.Reminders).ToList();
        messages.Add(changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOf(cohortId, bookingId)));
        var written = await changes.CommitAsync(m => store.RequestBookingAsync(booking, change, m, cancellationToken), messages, cancellationToken);
        return BookingResultView.Of(written.Outcome, await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken), written.Refusal);
    }

    public Task<BookingResultView> AcceptAsync(Actor actor, string cohortId, string bookingId, int? fromVersion, ActingCard? acting, CancellationToken cancellationToken) =>
        ApplyAsync(actor, cohortId, bookingId, fromVersion, new AcceptBooking(), acting, null, cancellationToken);

    public Task<BookingResultView> DeclineAsync(Actor actor, string cohortId, string bookingId, int? fromVersion, string? reason, ActingCard? acting, CancellationToken cancellationToken) =>
        ApplyAsync(actor, cohortId, bookingId, fromVersion, new DeclineBooking(reason), acting, null, cancellationToken);

    /// <param name="date">yyyy-MM-dd.</param>
    /// <param name="otherWeekday">"true" when she means a day other than the course's weekday.</param>
    public Task<BookingResultView> ProposeAsync(Actor actor, string cohortId, string bookingId, int? fromVersion, string? date, string? otherWeekday, ActingCard? acting, CancellationToken cancellationToken) =>
        ApplyAsync(actor, cohortId, bookingId, fromVersion, new ProposeDate(date, otherWeekday), acting, null, cancellationToken);

    /// <summary>
    /// The booked teacher's answer on her card (<see cref="AcceptBooking"/>, <see cref="DeclineBooking"/> or
    /// <see cref="ProposeDate"/>), as <see cref="AcceptAsync"/> and its siblings, with the card she answered on recorded
    /// in the change's own transaction (<paramref name="shown"/>): nothing is written for it after the change.
    /// </summary>
    public Task<BookingResultView> AnswerAsync(Actor actor, string cohortId, string bookingId, int? fromVersion, BookingCommand answer, ShownCard? shown, CancellationToken cancellationToken)
    {
        if (answer is not (AcceptBooking or DeclineBooking or ProposeDate))
        {
            throw new ArgumentException("A teacher answers by accepting, declining or proposing a date.", nameof(answer));
        }

        return ApplyAsync(actor, cohortId, bookingId, fromVersion, answer, shown?.Location.AsActing(), shown, cancellationToken);
    }

    public Task<BookingResultView> CancelAsync(Actor actor, string cohortId, string bookingId, int? fromVersion, ActingCard? acting, CancellationToken cancellationToken) =>
        ApplyAsync(actor, cohortId, bookingId, fromVersion, new CancelBooking(), acting, null, cancellationToken);

    /// <summary>
    /// The coordinator takes the teacher's date: the booking is confirmed there and the session moves with it
    /// (<see cref="CoursePlanEditor.Move"/>, its other bookings through <see cref="PlanBookingSync"/>), in one change.
    /// </summary>
    public Task<BookingResultView> AcceptProposalAsync(Actor actor, string cohortId, string bookingId, int? fromVersion, ActingCard? acting, CancellationToken cancellationToken) =>
        ApplyAsync(actor, cohortId, bookingId, fromVersion, new AcceptProposal(), acting, null, cancellationToken);

    /// <summary>
    /// The coordinator picks another teacher: this booking is replaced and, when <paramref name="teacherId"/> is given,
    /// the new teacher is asked (<see cref="RequestAsync"/>, idempotent on <paramref name="requestId"/>). The answer is
    /// the new booking then, the replaced one otherwise. The new teacher is checked before anything is written.
    /// </summary>
    public async Task<BookingResultView> ReplaceAsync(
        Actor actor, string cohortId, string bookingId, int? fromVersion, string? teacherId, string? note, string requestId, ActingCard? acting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var replaced = await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken);
        if (teacherId is not null && replaced is not null && BookingAccess.Allows(CourseActor.From(actor), BookingAction.Replace, replaced.Booking)
            && await TeacherErrorAsync(actor.ProjectId, teacherId, cancellationToken) is { } teacherError)
        {
            return new BookingResultView(ChangeOutcome.InvalidInput, replaced, BookingError.InvalidInput, teacherError);
        }

        var result = await ApplyAsync(actor, cohortId, bookingId, fromVersion, new ReplaceTeacher(), acting, null, cancellationToken);
        if (teacherId is null || !ChangeOutcomesApplied(result.Outcome) || result.Current is null)
        {
            return result;
        }

        return await RequestAsync(actor, cohortId, new BookingRequestInput(result.Current.Booking.SessionId, teacherId, note), requestId, cancellationToken);
    }

    /// <summary>A booking as the actor may see it (the coordinator, or the booked teacher); NotFound/Forbidden otherwise, audited.</summary>
    public async Task<BookingResultView> ReadAsync(Actor actor, string cohortId, string bookingId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var stored = await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken);
        if (stored is null || !BookingAccess.Allows(CourseActor.From(actor), BookingAction.View, stored.Booking))
        {
            await changes.RefusedAsync(actor, nameof(BookingAction.View), CourseStore.BookingRecord, bookingId, cancellationToken);
            return BookingResultView.Of(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        return BookingResultView.Of(ChangeOutcome.Changed, stored);
    }

    /// <summary>
    /// Records that a reminder or the coordinator's card went out (<see cref="BookingReminderPolicy.MarkSent"/>, on the
    /// booking's ETag), for the reminder handler, with the refresh of the booking's cards and, after the teacher's
    /// reminder, the next nudge (the coordinator) in the same transaction. A lost race (she answered meanwhile) is read
    /// again and tried once more; still lost, it answers Conflict for the handler to be retried.
    /// </summary>
    public async Task<BookingResultView> MarkRemindedAsync(string projectId, string cohortId, string bookingId, BookingNudge nudge, CancellationToken cancellationToken)
    {
        var written = BookingResultView.Of(ChangeOutcome.Conflict, null);
        for (var attempt = 0; attempt < 2 && written.Outcome == ChangeOutcome.Conflict; attempt++)
        {
            written = await MarkOnceAsync(projectId, cohortId, bookingId, nudge, cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// A teacher's bookings in every project she teaches in (her memberships in the directory), newest first, at most
    /// <see cref="MaxMyBookings"/>; each with its cohort's plan for the date, time and place, never the participants.
    /// </summary>
    public async Task<IReadOnlyList<TeacherBookingItem>> MyBookingsAsync(string tenantId, string objectId, CancellationToken cancellationToken)
    {
        var items = new List<TeacherBookingItem>();
        foreach (var membership in (await callers.MembershipsAsync(tenantId, objectId, cancellationToken)).Where(m => m.Role == ProjectRole.Teacher))
        {
            var teacher = new CourseActor(objectId, membership.ProjectId, CourseRole.Teacher);
            var plans = new Dictionary<string, CoursePlan?>(StringComparer.Ordinal);
            foreach (var booking in await store.BookingsOfTeacherAsync(membership.ProjectId, objectId, cancellationToken))
            {
                if (!BookingAccess.Allows(teacher, BookingAction.View, booking.Booking))
                {
                    continue;
                }

                if (!plans.TryGetValue(booking.Booking.CohortId, out var plan))
                {
                    plan = (await store.FindCohortAsync(membership.ProjectId, booking.Booking.CohortId, cancellationToken))?.Cohort.Plan;
                    plans[booking.Booking.CohortId] = plan;
                }

                items.Add(new TeacherBookingItem(booking, plan));
            }
        }

        return [.. items.OrderByDescending(i => i.Booking.Booking.Start).Take(MaxMyBookings)];
    }

    /// <summary>
    /// One booking command. Reads the booking (its ETag); the cohort and settings as remembered, unless the plan moves
    /// with it (<see cref="AcceptProposal"/>, conditional on the cohort as stored); her slots only when she is to be
    /// confirmed. The session's confirmed teacher is refused by its staffing row in the transaction, not read before.
    /// </summary>
    private async Task<BookingResultView> ApplyAsync(
        Actor actor, string cohortId, string bookingId, int? fromVersion, BookingCommand command, ActingCard? acting, ShownCard? shown, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var action = command.Action.ToString();
        var stored = await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken);
        var movesPlan = command is AcceptProposal;
        var cohort = stored is null ? null
            : movesPlan ? await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken)
            : await store.RememberedCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        var courseActor = CourseActor.From(actor);
        if (stored is null || cohort is null || !BookingAccess.Allows(courseActor, command.Action, stored.Booking))
        {
            await changes.RefusedAsync(actor, action, CourseStore.BookingRecord, bookingId, cancellationToken);
            return BookingResultView.Of(stored is null || cohort is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        var change = CourseChanges.Change(actor.ObjectId, CourseStore.BookingRecord, cohortId + "|" + bookingId, fromVersion ?? stored.Booking.Version, action, command);
        if (await changes.AnsweredFromVersionAsync(actor.ProjectId, change, fromVersion, stored.Booking.Version, stored.Booking.DecidedVersion, cancellationToken) is { } answered)
        {
            return BookingResultView.Of(answered, stored);
        }

        var project = await settings.RememberedAsync(actor.ProjectId, cancellationToken);
        var result = await DecideAsync(stored.Booking, courseActor, command, cohort.Cohort.Plan, project, cancellationToken);
        if (!result.Succeeded)
        {
            return BookingResultView.Refused(result, stored);
        }

        if (!result.Changed)
        {
            return BookingResultView.Of(ChangeOutcome.Changed, stored);
        }

        CourseWrite written;
        IReadOnlyDictionary<string, string> errors = CourseResults.NoErrors;
        if (movesPlan)
        {
            // Her date becomes the session's: the plan moves in the same change as her confirmation.
            var moved = CoursePlanEditor.Move(cohort.Cohort.Plan, stored.Booking.SessionId, stored.Booking.Proposal!.Date, project.SchoolHolidays, changes.Today);
            if (!moved.Succeeded)
            {
                return new BookingResultView(ChangeOutcome.InvalidInput, stored, BookingError.InvalidInput, moved.Errors);
            }

            (written, errors) = await plans.CommitPlanAsync(actor, cohort, moved.Plan!, new BookingChange(stored, result.Booking!), change, acting, project, cancellationToken);
            var afterPlan = await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken);
            return new BookingResultView(written.Outcome, afterPlan, written.Refusal, errors);
        }

        var messages = changes.BookingMessages(stored.Booking, result.Booking!, project.Reminders).ToList();
        messages.Add(changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOf(cohortId, bookingId, acting)));
        // The card she acted on shows this booking from now on: recorded with the change (its location and its property
        // in the record's holders row), or not at all.
        IReadOnlyList<TableTransactionAction> card = shown is null ? [] : locations.Upserts(actor.ProjectId, shown.Record.Kind, shown.Record.Id, shown.Location);
        written = await changes.CommitAsync(m => store.ChangeBookingAsync(stored, result.Booking!, change, m, card, cancellationToken), messages, cancellationToken);

        // Changed: the booking is what was written, under the ETag the transaction answered; otherwise read as it is now.
        var current = written is { Outcome: ChangeOutcome.Changed, ETag: { } etag }
            ? new StoredBooking(result.Booking!, etag)
            : await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken);
        return new BookingResultView(written.Outcome, current, written.Refusal, errors) { CardRecorded = shown is not null && written.Outcome == ChangeOutcome.Changed };
    }

    /// <summary>
    /// The workflow's decision. A confirmation is checked against her slots as this instance remembers them; a double
    /// booking found there is checked again against her slots as stored (one released elsewhere is gone there). The
    /// claim itself (<see cref="TeacherSlots.ClaimAsync"/>) is conditional on her guard, so nothing remembered lets a
    /// double booking through.
    /// </summary>
    private async Task<BookingResult> DecideAsync(
        TeacherBooking booking, CourseActor actor, BookingCommand command, CoursePlan plan, CourseSettings project, CancellationToken cancellationToken)
    {
        var confirms = command is AcceptBooking or AcceptProposal;
        var hers = confirms ? await changes.HerSlotsAsync(booking.TeacherId, fresh: false, cancellationToken) : null;
        var result = BookingWorkflow.Apply(booking, actor, command, CourseChanges.Context(booking, plan, [], project.SchoolHolidays, hers?.Slots ?? []), changes.Now);
        if (result.Error == BookingError.TeacherDoubleBooked && hers is { Remembered: true })
        {
            hers = await changes.HerSlotsAsync(booking.TeacherId, fresh: true, cancellationToken);
            result = BookingWorkflow.Apply(booking, actor, command, CourseChanges.Context(booking, plan, [], project.SchoolHolidays, hers.Slots), changes.Now);
        }

        return result;
    }

    private async Task<BookingResultView> MarkOnceAsync(string projectId, string cohortId, string bookingId, BookingNudge nudge, CancellationToken cancellationToken)
    {
        var stored = await store.FindBookingAsync(projectId, cohortId, bookingId, cancellationToken);
        if (stored is null)
        {
            return BookingResultView.Of(ChangeOutcome.NotFound, null);
        }

        var result = BookingReminderPolicy.MarkSent(stored.Booking, nudge, changes.Now);
        if (!result.Changed)
        {
            return BookingResultView.Of(ChangeOutcome.Duplicate, stored);
        }

        var after = result.Booking!;
        var policy = (await settings.GetAsync(projectId, cancellationToken)).Settings.Reminders;
        var change = CourseChanges.Change(CourseChanges.SystemActor, CourseStore.BookingRecord, bookingId, stored.Booking.Version, CourseAuditActions.MarkReminded, new { nudge });
        List<Storage.Outbox.OutboxEntry> messages = [changes.Entry(projectId, CourseNotifications.UpdateCardsOf(cohortId, bookingId))];
        if (nudge == BookingNudge.RemindTeacher)
        {
            messages.Add(changes.Entry(projectId, CourseNotifications.ForBooking(CourseNotifications.BookingReminder, cohortId, bookingId), after.RemindedAt!.Value.AddDays(policy.EscalateAfterDays)));
        }

        var written = await changes.CommitAsync(m => store.ChangeBookingAsync(stored, after, change, m, cancellationToken), messages, cancellationToken);
        return BookingResultView.Of(written.Outcome, await store.FindBookingAsync(projectId, cohortId, bookingId, cancellationToken));
    }

    private static bool ChangeOutcomesApplied(ChangeOutcome outcome) => outcome is ChangeOutcome.Changed or ChangeOutcome.Duplicate;

    /// <summary>The teacher must be a member of the project with the directory role Teacher.</summary>
    private async Task<IReadOnlyDictionary<string, string>?> TeacherErrorAsync(string projectId, string? teacherId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(teacherId))
        {
            return new Dictionary<string, string> { [Fields.Teacher] = CourseErrors.Required };
        }

        var objectId = DirectoryForms.NormaliseObjectId(teacherId);
        var member = objectId is null ? null : await directory.FindMemberAsync(projectId, objectId, cancellationToken);
        return member is { Role: ProjectRole.Teacher } ? null : new Dictionary<string, string> { [Fields.Teacher] = objectId is null ? CourseErrors.InvalidId : CourseErrors.NotFound };
    }
}
