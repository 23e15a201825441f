using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Course;

/// <summary>
/// The course cards' actions. Every answer is the next card for the person who acted: form errors beside their
/// fields, a lost race or a stale card the current card with a notice, a refusal an error card in her language.
/// Changes go through the course services (ETag-conditional, idempotent); cards leave only through the outbox.
/// </summary>
public sealed class CourseCardActions(
    CourseService cohorts,
    CoursePlanService plans,
    CourseBookingService bookings,
    CourseCardReader reader,
    CourseViews views,
    CardLocationStore locations,
    ActorResolver actors,
    CourseParticipantCards participants,
    HelpCards help,
    CourseCertificateActions certificates) : ICardActionHandler
{
    public IReadOnlyCollection<string> Verbs { get; } =
    [
        CourseVerbs.Refresh, CourseVerbs.OpenPlan, CourseVerbs.OpenSession, CourseVerbs.OpenBooking, CourseVerbs.Create, CourseVerbs.RequestBooking, CourseVerbs.MoveSession,
        CourseVerbs.CancelSession, CourseVerbs.AddExcursion, CourseVerbs.OpenAttendance, CourseVerbs.SaveAttendance, CourseVerbs.Accept,
        CourseVerbs.Decline, CourseVerbs.ProposeDate, CourseVerbs.AcceptProposal, CourseVerbs.ReplaceTeacher,
    ];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        // One verb has one handler: a participant's card refreshes as hers, not as a project member's, and the
        // certificates card's refresh is answered where its actions are.
        if (CourseParticipantCards.IsParticipantRefresh(context))
        {
            return await participants.RefreshAsync(context, cancellationToken);
        }

        if (context.Verb == CourseVerbs.Refresh && context.DataString("view") == CourseCertificateActions.View)
        {
            return await certificates.HandleAsync(context, cancellationToken);
        }

        var actor = await actors.ResolveAsync(context.Activity, context.DataString("projectId"), null, cancellationToken);
        var cohortId = context.DataString("cohortId");
        if (actor is null || (context.Verb != CourseVerbs.Create && !Cohort.IsValidId(cohortId)))
        {
            return Forbidden(context.Language);
        }

        return context.Verb switch
        {
            CourseVerbs.Create => await CreateAsync(actor, context, cancellationToken),
            CourseVerbs.Refresh or CourseVerbs.OpenPlan or CourseVerbs.OpenSession or CourseVerbs.OpenBooking => await ViewAsync(actor, context, cohortId!, null, false, cancellationToken),
            CourseVerbs.OpenAttendance => await AttendanceAsync(actor, context, cohortId!, null, null, null, cancellationToken),
            CourseVerbs.SaveAttendance => await SaveAttendanceAsync(actor, context, cohortId!, cancellationToken),
            CourseVerbs.RequestBooking or CourseVerbs.MoveSession or CourseVerbs.CancelSession or CourseVerbs.AddExcursion
                => await PlanAsync(actor, context, cohortId!, cancellationToken),
            _ => await BookingAsync(actor, context, cohortId!, cancellationToken),
        };
    }

    /// <summary>The plan of a cohort for the coordinator (the "kursus" command, the unanswered card's button).</summary>
    public async Task<JsonObject?> PlanCardAsync(Actor actor, string cohortId, string language, string? notice, CancellationToken cancellationToken) =>
        await reader.ReadAsync(actor.ProjectId, cohortId, cancellationToken) is { } data
            ? views.Plan(CourseActor.From(actor), data, language, notice, await AudienceAsync(actor.ProjectId, CourseCards.Plan(cohortId), cancellationToken))
            : null;

    private async Task<InvokeResponse> CreateAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var requestId = context.DataString("requestId");
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 64)
        {
            return InvokeResponse.Error(400, "badRequest", help.Text(context.Language, "error.unknownAction"));
        }

        var input = new CohortFormInput
        {
            Name = context.DataString(CohortForm.Fields.Name),
            StartDate = context.DataString(CohortForm.Fields.StartDate),
            Weekday = context.DataString(CohortForm.Fields.Weekday),
            StartTime = context.DataString(CohortForm.Fields.StartTime),
            EndTime = context.DataString(CohortForm.Fields.EndTime),
            Place = context.DataString(CohortForm.Fields.Place),
            Weeks = context.DataString(CohortForm.Fields.Weeks),
        };
        var result = await cohorts.CreateAsync(actor, input, requestId, cancellationToken);
        if (result.Outcome == ChangeOutcome.InvalidInput)
        {
            // Her answers kept, each error beside its field. Nothing was stored.
            return InvokeResponse.Card(views.Form(actor.ProjectId, requestId, context.Language, input, result.Errors));
        }

        return result.Current is { } created
            ? await ViewAsync(actor, context, created.Cohort.Id, "course.notices.saved", false, cancellationToken)
            : Forbidden(context.Language);
    }

    private async Task<InvokeResponse> PlanAsync(Actor actor, CardActionContext context, string cohortId, CancellationToken cancellationToken)
    {
        var sessionId = context.DataString("sessionId") ?? string.Empty;
        var version = Version(context);
        var acting = CardLocation.Of(context)?.AsActing();
        if (context.Verb == CourseVerbs.RequestBooking)
        {
            // The same press on the same version of the card is the same request: applied once.
            var requestId = string.Create(CultureInfo.InvariantCulture, $"{cohortId}.{sessionId}.{version}");
            var input = new BookingRequestInput(sessionId, context.DataString(CourseVerbs.RowInput("teacher", sessionId)), context.DataString(CourseVerbs.RowInput("note", sessionId)));
            var requested = await bookings.RequestAsync(actor, cohortId, input, requestId, cancellationToken);
            return await PlanAnswerAsync(actor, context, cohortId, requested.Outcome, requested.Refusal, requested.Errors, "course.notices.requested", cancellationToken);
        }

        var result = context.Verb switch
        {
            CourseVerbs.MoveSession => await plans.MoveSessionAsync(actor, cohortId, version, sessionId, context.DataString(CourseVerbs.RowInput("date", sessionId)), acting, cancellationToken),
            CourseVerbs.CancelSession => await plans.CancelSessionAsync(actor, cohortId, version, sessionId, acting, cancellationToken),
            _ => await plans.AddExcursionAsync(actor, cohortId, version, context.DataString("excursionTheme"), context.DataString("excursionDate"), acting, cancellationToken),
        };
        return await PlanAnswerAsync(actor, context, cohortId, result.Outcome, result.Refusal, result.Errors, "course.notices.saved", cancellationToken);
    }

    /// <summary>The plan again, with what happened: saved, the field's error, a refusal or the lost race.</summary>
    private async Task<InvokeResponse> PlanAnswerAsync(Actor actor, CardActionContext context, string cohortId, ChangeOutcome outcome, BookingError? refusal,
        IReadOnlyDictionary<string, string> errors, string savedNotice, CancellationToken cancellationToken)
    {
        if (outcome is ChangeOutcome.Forbidden or ChangeOutcome.NotFound || refusal == BookingError.Forbidden)
        {
            return Forbidden(context.Language);
        }

        var notice = outcome switch
        {
            ChangeOutcome.Changed or ChangeOutcome.Duplicate => savedNotice,
            ChangeOutcome.Stale or ChangeOutcome.Conflict => "course.notices.conflict",
            _ when errors.Count > 0 => CourseErrorTexts.PathOf(errors.First().Value),
            _ when refusal is { } refused => CourseErrorTexts.PathOf(refused),
            _ => "course.notices.conflict",
        };
        return await ViewAsync(actor, context, cohortId, notice, false, cancellationToken);
    }

    private async Task<InvokeResponse> AttendanceAsync(Actor actor, CardActionContext context, string cohortId, IReadOnlyDictionary<string, string>? values,
        IReadOnlyDictionary<string, string>? errors, string? notice, CancellationToken cancellationToken)
    {
        var data = await reader.ReadAsync(actor.ProjectId, cohortId, cancellationToken);
        var card = data is null ? null : views.Attendance(CourseActor.From(actor), data, context.DataString("sessionId") ?? string.Empty, context.Language,
            values, errors, notice is null ? null : help.Text(context.Language, notice));
        return card is null ? Forbidden(context.Language) : InvokeResponse.Card(card);
    }

    private async Task<InvokeResponse> SaveAttendanceAsync(Actor actor, CardActionContext context, string cohortId, CancellationToken cancellationToken)
    {
        var values = context.Data.Where(p => p.Key.StartsWith("mark-", StringComparison.Ordinal) && p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);
        var marks = new Dictionary<string, AttendanceMark>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (input, value) in values.Where(v => v.Value.Length > 0))
        {
            if (Enum.TryParse<AttendanceMark>(value, ignoreCase: false, out var mark) && Enum.IsDefined(mark))
            {
                marks[input["mark-".Length..]] = mark;
            }
            else
            {
                errors[input] = CourseErrors.UnknownValue;
            }
        }

        if (errors.Count > 0)
        {
            return await AttendanceAsync(actor, context, cohortId, values, errors, null, cancellationToken);
        }

        var result = await cohorts.RecordAttendanceAsync(actor, cohortId, context.DataString("sessionId") ?? string.Empty, marks, cancellationToken);
        return result.Outcome switch
        {
            ChangeOutcome.Forbidden or ChangeOutcome.NotFound => Forbidden(context.Language),
            ChangeOutcome.InvalidInput => await AttendanceAsync(actor, context, cohortId, values,
                result.Errors.ToDictionary(e => e.Key.StartsWith("mark-", StringComparison.Ordinal) ? e.Key : CourseVerbs.MarkInput(e.Key), e => e.Value, StringComparer.Ordinal), null, cancellationToken),
            ChangeOutcome.Changed or ChangeOutcome.Duplicate => await AttendanceAsync(actor, context, cohortId, null, null, "course.notices.attendanceSaved", cancellationToken),
            _ => await AttendanceAsync(actor, context, cohortId, null, null, "course.notices.conflict", cancellationToken),
        };
    }

    private async Task<InvokeResponse> BookingAsync(Actor actor, CardActionContext context, string cohortId, CancellationToken cancellationToken)
    {
        var bookingId = context.DataString("bookingId");
        if (!Cohort.IsValidId(bookingId))
        {
            return Forbidden(context.Language);
        }

        var version = Version(context);
        var location = CardLocation.Of(context);
        var acting = location?.AsActing();
        // Her answer records the card it was given on in its own transaction.
        var shown = location is null ? null : new ShownCard(ShownRecord(context, cohortId), location);
        var reason = context.DataString("reason");
        var date = context.DataString("date");
        var otherWeekday = context.DataString("otherWeekday");
        var result = context.Verb switch
        {
            CourseVerbs.Accept => await bookings.AnswerAsync(actor, cohortId, bookingId!, version, new AcceptBooking(), shown, cancellationToken),
            CourseVerbs.Decline => await bookings.AnswerAsync(actor, cohortId, bookingId!, version, new DeclineBooking(reason), shown, cancellationToken),
            CourseVerbs.ProposeDate => await bookings.AnswerAsync(actor, cohortId, bookingId!, version, new ProposeDate(date, otherWeekday), shown, cancellationToken),
            CourseVerbs.AcceptProposal => await bookings.AcceptProposalAsync(actor, cohortId, bookingId!, version, acting, cancellationToken),
            _ => await bookings.ReplaceAsync(actor, cohortId, bookingId!, version, context.DataString("teacher"), context.DataString("note"),
                string.Create(CultureInfo.InvariantCulture, $"{cohortId}.{bookingId}.{version}.replace"), acting, cancellationToken),
        };
        if (result.Outcome is ChangeOutcome.Forbidden or ChangeOutcome.NotFound || result.Refusal == BookingError.Forbidden)
        {
            return Forbidden(context.Language);
        }

        if (result.Outcome == ChangeOutcome.InvalidInput && result.Errors.Count > 0 && actor.Role == ProjectRole.Teacher)
        {
            // Her answer kept, the error beside the field, on her booking card.
            var data = await reader.ReadAsync(actor.ProjectId, cohortId, cancellationToken);
            var card = data?.Booking(bookingId) is { } booking
                ? views.Booking(CourseActor.From(actor), data, booking, context.Language, null, null, new BookingAnswerInput(reason, date, otherWeekday), result.Errors)
                : null;
            return card is null ? Forbidden(context.Language) : InvokeResponse.Card(card);
        }

        var notice = result.Outcome switch
        {
            ChangeOutcome.Changed or ChangeOutcome.Duplicate => actor.Role == ProjectRole.Teacher ? "course.notices.answered" : "course.notices.saved",
            ChangeOutcome.Stale or ChangeOutcome.Conflict => "course.notices.conflict",
            _ when result.Errors.Count > 0 => CourseErrorTexts.PathOf(result.Errors.First().Value),
            _ when result.Refusal is { } refused => CourseErrorTexts.PathOf(refused),
            _ => "course.notices.conflict",
        };
        if (result is { CardRecorded: true, Current: { } current } && shown is { Record.Kind: CardKind.CourseBooking }
            && await AnsweredCardAsync(actor, context, current, shown.Location, notice, cancellationToken) is { } answered)
        {
            return answered;
        }

        return await ViewAsync(actor, context, cohortId, notice, result.CardRecorded, cancellationToken);
    }

    /// <summary>
    /// Her booking card right after her answer, drawn from what the answer read and wrote: the booking as written, the
    /// cohort and settings as remembered. Its refresh audience is her card alone, just recorded in the answer's
    /// transaction (one card per person and booking), so nothing is read for it. Null when it is not her own card.
    /// </summary>
    private async Task<InvokeResponse?> AnsweredCardAsync(Actor actor, CardActionContext context, StoredBooking current, CardLocation location, string notice, CancellationToken cancellationToken)
    {
        var booking = current.Booking;
        if (actor.Role == ProjectRole.Coordinator || actor.ObjectId != booking.TeacherId || await reader.ForBookingAsync(actor.ProjectId, current, cancellationToken) is not { } data)
        {
            return null;
        }

        var card = views.Booking(CourseActor.From(actor), data, booking, context.Language, help.Text(context.Language, notice), CourseCards.BookingAudience(actor, booking, [location]));
        return card is null ? null : InvokeResponse.Card(card);
    }

    /// <summary>
    /// The card the action came from, as it is now: her booking card, the coordinator's booking card, or the plan
    /// (by the data's bookingId and view). Remembered where it is, so later changes update it in place.
    /// </summary>
    /// <param name="recorded">The card acted on was recorded with the change: not again here.</param>
    private async Task<InvokeResponse> ViewAsync(Actor actor, CardActionContext context, string cohortId, string? noticePath, bool recorded, CancellationToken cancellationToken)
    {
        var data = await reader.ReadAsync(actor.ProjectId, cohortId, cancellationToken);
        if (data is null)
        {
            return Forbidden(context.Language);
        }

        var notice = noticePath is null ? null : help.Text(context.Language, noticePath);
        var viewer = CourseActor.From(actor);
        if (ShowsSession(context))
        {
            return await SessionAsync(actor, viewer, data, context, notice, recorded, cancellationToken);
        }

        var bookingId = context.DataString("bookingId");
        var record = ShownRecord(context, cohortId);
        var shown = await locations.ForAsync(actor.ProjectId, record.Kind, record.Id, cancellationToken);
        JsonObject? card;
        if (record.Kind == CardKind.CoursePlan)
        {
            card = views.Plan(viewer, data, context.Language, notice, CardLocationStore.Audience(shown));
        }
        else if (data.Booking(bookingId) is { } booking)
        {
            var audience = CourseCards.BookingAudience(actor, booking, shown);
            card = actor.Role == ProjectRole.Coordinator
                ? views.CoordinatorBooking(viewer, data, booking, context.Language, notice, audience)
                : views.Booking(viewer, data, booking, context.Language, notice, audience);
        }
        else
        {
            card = null;
        }

        if (card is null)
        {
            return Forbidden(context.Language);
        }

        if (!recorded && CardLocation.Of(context) is { } location && context.Verb != CourseVerbs.OpenPlan && context.Verb != CourseVerbs.OpenBooking)
        {
            await locations.SaveAsync(actor.ProjectId, record.Kind, record.Id, location, cancellationToken);
        }

        return InvokeResponse.Card(card);
    }

    /// <summary>
    /// The record the answer's card is remembered under: the plan's for the plan and a week's card (shown in the plan's
    /// message), otherwise the booking's.
    /// </summary>
    private static CardRecord ShownRecord(CardActionContext context, string cohortId)
    {
        var bookingId = context.DataString("bookingId");
        var showsPlan = ShowsSession(context) || bookingId is null || context.DataString("view") == "plan" || context.Verb == CourseVerbs.OpenPlan;
        return showsPlan ? CourseCards.Plan(cohortId) : CourseCards.Booking(cohortId, bookingId!);
    }

    /// <summary>An action from a week's card (or opening one) answers with that week's card; back to the plan is the plan.</summary>
    private static bool ShowsSession(CardActionContext context) =>
        context.Verb != CourseVerbs.OpenPlan && context.DataString("view") == "session" && context.DataString("sessionId") is { Length: > 0 };

    /// <summary>
    /// A week's card, refreshing for the coordinators who have the plan. It is not remembered on its own: the message it
    /// is shown in is the plan's (remembered as the plan's here), and a change pushed there shows the plan again.
    /// </summary>
    private async Task<InvokeResponse> SessionAsync(Actor actor, CourseActor viewer, CourseCardData data, CardActionContext context, string? notice, bool recorded, CancellationToken cancellationToken)
    {
        var plan = CourseCards.Plan(data.Cohort.Cohort.Id);
        if (!recorded && CardLocation.Of(context) is { } location)
        {
            await locations.SaveAsync(actor.ProjectId, plan.Kind, plan.Id, location, cancellationToken);
        }

        var audience = await AudienceAsync(actor.ProjectId, plan, cancellationToken);
        var card = views.Session(viewer, data, context.DataString("sessionId")!, context.Language, notice, audience);
        return card is null ? Forbidden(context.Language) : InvokeResponse.Card(card);
    }

    private async Task<IReadOnlyList<string>> AudienceAsync(string projectId, CardRecord record, CancellationToken cancellationToken) =>
        await locations.AudienceAsync(projectId, record.Kind, record.Id, cancellationToken);

    private InvokeResponse Forbidden(string language) => InvokeResponse.Card(help.CourseForbidden(language));

    /// <summary>The version the card showed: the template may send it as a number or as text.</summary>
    internal static int? Version(CardActionContext context) => context.Data["version"] switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
