using PartnerHub.Api.Cards;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>
/// The coordinator's operations on a cohort's plan: reorder, add an excursion, move a session, cancel a week. Each runs
/// through <see cref="CoursePlanEditor"/>, then <see cref="PlanBookingSync"/> for the bookings it moves or cancels,
/// and commits plan and bookings in one <see cref="CourseStore.UpdateCohortAsync"/> with their outbox rows.
/// </summary>
public sealed class CoursePlanService(CourseStore store, CourseSettingsStore settings, CourseChanges changes)
{
    public Task<CohortResult> ReorderAsync(Actor actor, string cohortId, int? fromVersion, IReadOnlyList<string> order, ActingCard? acting, CancellationToken cancellationToken) =>
        EditAsync(actor, cohortId, fromVersion, CourseAuditActions.Reorder, new { order }, acting, (plan, _, today) => CoursePlanEditor.Reorder(plan, order, today), cancellationToken);

    public Task<CohortResult> AddExcursionAsync(Actor actor, string cohortId, int? fromVersion, string? themeId, string? date, ActingCard? acting, CancellationToken cancellationToken) =>
        EditAsync(actor, cohortId, fromVersion, CourseAuditActions.AddExcursion, new { themeId, date }, acting, (plan, project, today) => ParseDate(date) is { } day
            ? CoursePlanEditor.AddExcursion(plan, themeId, day, project.Themes, project.SchoolHolidays, today)
            : PlanResult.Fail(CoursePlanEditor.Fields.Date, date is null ? CourseErrors.Required : CourseErrors.InvalidDate), cancellationToken);

    public Task<CohortResult> MoveSessionAsync(Actor actor, string cohortId, int? fromVersion, string sessionId, string? date, ActingCard? acting, CancellationToken cancellationToken) =>
        EditAsync(actor, cohortId, fromVersion, CourseAuditActions.MoveSession, new { sessionId, date }, acting, (plan, project, today) => ParseDate(date) is { } day
            ? CoursePlanEditor.Move(plan, sessionId, day, project.SchoolHolidays, today)
            : PlanResult.Fail(CoursePlanEditor.Fields.Date, date is null ? CourseErrors.Required : CourseErrors.InvalidDate), cancellationToken);

    public Task<CohortResult> CancelSessionAsync(Actor actor, string cohortId, int? fromVersion, string sessionId, ActingCard? acting, CancellationToken cancellationToken) =>
        EditAsync(actor, cohortId, fromVersion, CourseAuditActions.CancelSession, new { sessionId }, acting, (plan, _, today) => CoursePlanEditor.Cancel(plan, sessionId, today), cancellationToken);

    /// <summary>
    /// Commits a new plan with what it means to the cohort's bookings (<see cref="PlanBookingSync"/>, applied as the
    /// coordinator), plus <paramref name="accepted"/> (a counter-proposal taken, already confirmed by the workflow).
    /// A booking the plan cannot take along (she is confirmed elsewhere then) refuses the whole change.
    /// </summary>
    internal async Task<(CourseWrite Write, IReadOnlyDictionary<string, string> Errors)> CommitPlanAsync(
        Actor actor, StoredCohort stored, CoursePlan after, BookingChange? accepted, CourseChange change, ActingCard? acting, CourseSettings project, CancellationToken cancellationToken)
    {
        var bookings = await store.BookingsAsync(stored.Cohort.ProjectId, stored.Cohort.Id, cancellationToken);
        var all = bookings.Select(b => b.Booking).ToList();
        var bookingChanges = new List<BookingChange>();
        if (accepted is not null)
        {
            bookingChanges.Add(accepted);
        }

        var coordinator = CourseActor.From(actor);
        var others = all.Where(b => accepted is null || b.Id != accepted.After.Id);
        foreach (var (booking, command) in PlanBookingSync.CommandsFor(stored.Cohort.Plan, after, others))
        {
            var context = await changes.ContextAsync(booking, after, all, project.SchoolHolidays, cancellationToken);
            var result = BookingWorkflow.Apply(booking, coordinator, command, context, changes.Now);
            if (!result.Succeeded)
            {
                return (new CourseWrite(result.Error == BookingError.InvalidInput ? ChangeOutcome.InvalidInput : ChangeOutcome.InvalidTransition, result.Error), result.Errors);
            }

            if (result.Changed)
            {
                bookingChanges.Add(new BookingChange(bookings.Single(b => b.Booking.Id == booking.Id), result.Booking!));
            }
        }

        var messages = bookingChanges.SelectMany(b => changes.BookingMessages(b.Before.Booking, b.After, project.Reminders)).ToList();
        messages.Add(changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOf(stored.Cohort.Id, accepted?.After.Id, acting)));
        var cohort = stored.Cohort with { Plan = after, Version = stored.Cohort.Version + 1 };
        var written = await changes.CommitAsync(m => store.UpdateCohortAsync(stored, cohort, bookingChanges, change, m, cancellationToken), messages, cancellationToken);
        return (written, CourseResults.NoErrors);
    }

    private async Task<CohortResult> EditAsync(
        Actor actor, string cohortId, int? fromVersion, string action, object command, ActingCard? acting,
        Func<CoursePlan, CourseSettings, DateOnly, PlanResult> edit, CancellationToken cancellationToken)
    {
        var begun = await changes.BeginCohortChangeAsync(actor, cohortId, fromVersion, action, command, cancellationToken);
        if (begun.Answer is { } answer)
        {
            return answer;
        }

        var (stored, change) = (begun.Stored!, begun.Change!);

        var project = (await settings.GetAsync(actor.ProjectId, cancellationToken)).Settings;
        var edited = edit(stored.Cohort.Plan, project, changes.Today);
        if (!edited.Succeeded)
        {
            return CohortResult.Invalid(stored, edited.Errors);
        }

        var (write, errors) = await CommitPlanAsync(actor, stored, edited.Plan!, null, change, acting, project, cancellationToken);
        var current = await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken);
        return new CohortResult(write.Outcome, current, errors) { Refusal = write.Refusal };
    }

    private static DateOnly? ParseDate(string? date) =>
        DateOnly.TryParseExact(date?.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;
}
