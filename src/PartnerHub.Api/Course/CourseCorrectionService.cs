using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Course;

/// <summary>A correction of the cohort's name or meeting place as sent: a field left null is not changed.</summary>
public sealed record CohortCorrectionInput(string? Name, string? Place)
{
    public bool IsEmpty => Name is null && Place is null;
}

/// <summary>
/// Rectification (GDPR Art. 16) of the course's free texts: a cohort's name and meeting place (<see cref="CohortForm.Correct"/>)
/// and a booking's note and reason for declining (<see cref="BookingCorrection"/>). Each goes the way every course
/// change goes (<see cref="CourseChanges"/>): access checked and refusals audited, ETag-conditional, a retry answered
/// once, the store auditing the committed change as <see cref="RectifyPlan"/> or <see cref="RectifyBooking"/>, and
/// the cards and Outlook events that show the value refreshed through the outbox in the same transaction.
/// </summary>
public sealed class CourseCorrectionService(CourseStore store, CourseChanges changes)
{
    /// <summary>The audit's action for a corrected name or place.</summary>
    [AuditAction]
    public const string RectifyPlan = "RectifyPlan";

    /// <summary>The audit's action for a corrected note or reason.</summary>
    [AuditAction]
    public const string RectifyBooking = "RectifyBooking";

    /// <summary>The field an empty correction is reported on.</summary>
    public const string BodyField = "body";

    /// <summary>
    /// The coordinator corrects the cohort's name or place. The plans, the teachers' booking cards (they show the
    /// place) and the Outlook event of every confirmed booking (its subject and location) are updated with it.
    /// </summary>
    public async Task<CohortResult> CorrectPlanAsync(Actor actor, string cohortId, int? fromVersion, CohortCorrectionInput input, ActingCard? acting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var begun = await changes.BeginCohortChangeAsync(actor, cohortId, fromVersion, RectifyPlan, input, cancellationToken);
        if (begun.Answer is { } answer)
        {
            return answer;
        }

        var (stored, change) = (begun.Stored!, begun.Change!);
        var corrected = input.IsEmpty ? PlanResult.Fail(BodyField, CourseErrors.Required) : CohortForm.Correct(stored.Cohort.Plan, input.Name, input.Place);
        if (corrected.Plan is not { } plan)
        {
            return CohortResult.Invalid(stored, corrected.Errors);
        }

        if (plan.Equals(stored.Cohort.Plan))
        {
            return CohortResult.Of(ChangeOutcome.Changed, stored);
        }

        var after = stored.Cohort with { Plan = plan, Version = stored.Cohort.Version + 1 };
        var bookings = await store.BookingsAsync(actor.ProjectId, cohortId, cancellationToken);
        List<OutboxEntry> messages = [changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOfEveryBooking(cohortId, acting))];
        messages.AddRange(bookings
            .Where(b => b.Booking.State == BookingState.Confirmed)
            .Select(b => changes.Entry(actor.ProjectId, CourseNotifications.ForBooking(CourseNotifications.CalendarUpdate, cohortId, b.Booking.Id))));
        var written = await changes.CommitAsync(m => store.UpdateCohortAsync(stored, after, [], change, m, cancellationToken), messages, cancellationToken);
        return CohortResult.Of(written.Outcome, await store.FindCohortAsync(actor.ProjectId, cohortId, cancellationToken));
    }

    /// <summary>The coordinator corrects her note or removes a reason; the booked teacher rewords her own reason.</summary>
    public async Task<BookingResultView> CorrectBookingAsync(
        Actor actor, string cohortId, string bookingId, int? fromVersion, BookingCorrectionInput input, ActingCard? acting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var stored = await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken);
        var courseActor = CourseActor.From(actor);
        if (stored is null || !BookingCorrection.MayCorrect(courseActor, stored.Booking))
        {
            await changes.RefusedAsync(actor, RectifyBooking, CourseStore.BookingRecord, bookingId, cancellationToken);
            return BookingResultView.Of(stored is null ? ChangeOutcome.NotFound : ChangeOutcome.Forbidden, null);
        }

        var change = CourseChanges.Change(actor.ObjectId, CourseStore.BookingRecord, cohortId + "|" + bookingId, fromVersion ?? stored.Booking.Version, RectifyBooking, input);
        if (await changes.AnsweredAsync(actor.ProjectId, change, fromVersion, stored.Booking.Version, stored.Booking.DecidedVersion, cancellationToken) is { } answered)
        {
            return BookingResultView.Of(answered, stored);
        }

        var result = input.IsEmpty
            ? BookingResult.Invalid(BodyField, CourseErrors.Required)
            : BookingCorrection.Apply(stored.Booking, courseActor, input);
        if (!result.Succeeded)
        {
            return BookingResultView.Refused(result, stored);
        }

        if (!result.Changed)
        {
            return BookingResultView.Of(ChangeOutcome.Changed, stored);
        }

        OutboxEntry[] messages = [changes.Entry(actor.ProjectId, CourseNotifications.UpdateCardsOf(cohortId, bookingId, acting))];
        var written = await changes.CommitAsync(m => store.ChangeBookingAsync(stored, result.Booking!, change, m, cancellationToken), messages, cancellationToken);
        return BookingResultView.Of(written.Outcome, await store.FindBookingAsync(actor.ProjectId, cohortId, bookingId, cancellationToken), written.Refusal);
    }
}
