using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// The session cards' actions. Every answer is the next card for the person who acted; refusals, lost races and stale
/// cards answer with the current card and a notice, and form errors sit beside their fields. Nothing here waits on Graph.
/// </summary>
public sealed partial class SessionCardActions(
    SessionService service,
    SessionStore sessions,
    SessionViews views,
    CardLocationStore locations,
    ProjectStore projects,
    ActorResolver actors,
    HelpCards help,
    OutboxDispatcher dispatcher,
    GraphFailureNotices failures,
    IOutboxNudge nudge,
    MinutesFileIntake minutesFiles,
    TimeProvider time,
    ILogger<SessionCardActions> logger) : ICardActionHandler
{
    public const string Save = "session.save";
    public const string Respond = "session.respond";
    public const string Refresh = "session.refresh";
    public const string Edit = "session.edit";
    public const string Cancel = "session.cancel";
    public const string AttendanceForm = "session.attendance.form";
    public const string AttendanceSave = "session.attendance.save";
    public const string MinutesForm = "session.minutes.form";
    public const string MinutesSave = "session.minutes.save";
    public const string MinutesAttach = "session.minutes.attach";
    public const string Open = "session.open";
    public const string New = "session.new";
    public const string Retry = "session.retry";

    public IReadOnlyCollection<string> Verbs { get; } = [Save, Respond, Refresh, Edit, Cancel, AttendanceForm, AttendanceSave, MinutesForm, MinutesSave, MinutesAttach, Open, New, Retry];

    public async Task<InvokeResponse> HandleAsync(CardActionContext context, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(context.Activity, context.DataString("projectId"), null, cancellationToken);
        if (actor is null)
        {
            return Forbidden(context.Language);
        }

        return context.Verb switch
        {
            New => InvokeResponse.Card(await FormCardAsync(actor, context.Language, cancellationToken)),
            Save => await SaveAsync(actor, context, cancellationToken),
            Refresh or Open => await ViewAsync(actor, context, cancellationToken),
            Edit => await EditFormAsync(actor, context, cancellationToken),
            AttendanceForm or MinutesForm => await SubFormAsync(actor, context, cancellationToken),
            Retry => await RetryAsync(actor, context, cancellationToken),
            MinutesAttach => await minutesFiles.RequestAsync(actor, context.TenantId, context.DataString("sessionId") ?? string.Empty, context.Language, cancellationToken) is { } waiting
                ? InvokeResponse.Card(waiting)
                : Forbidden(context.Language),
            _ => await ChangeAsync(actor, context, cancellationToken),
        };
    }

    /// <summary>The "new session" form, for the bot command and the list's button; coordinators only.</summary>
    public async Task<JsonObject> FormCardAsync(Actor actor, string language, CancellationToken cancellationToken)
    {
        if (!SessionAccess.Allows(actor, SessionAction.Create, null) || await projects.FindAsync(actor.ProjectId, cancellationToken) is not { } project)
        {
            return help.Error(language, help.Text(language, "sessions.notices.forbidden"));
        }

        return await views.FormAsync(project, language, Today(), Guid.NewGuid().ToString("N"), cancellationToken: cancellationToken);
    }

    public async Task<JsonObject> ListCardAsync(Actor actor, string language, CancellationToken cancellationToken) =>
        views.List(actor, await service.ListAsync(actor, cancellationToken), language, time.GetUtcNow());

    private async Task<InvokeResponse> SaveAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var input = FormInput(context);
        var requestId = context.DataString("requestId");
        if (string.IsNullOrWhiteSpace(requestId) || requestId.Length > 64)
        {
            return InvokeResponse.Error(400, "badRequest", help.Text(context.Language, "error.unknownAction"));
        }

        var project = await projects.FindAsync(actor.ProjectId, cancellationToken);
        if (project is null)
        {
            return Forbidden(context.Language);
        }

        var sessionId = context.DataString("sessionId");
        if (sessionId is null)
        {
            var created = await service.CreateAsync(actor, input, requestId, CardLocation.Of(context), cancellationToken);
            if (created.Forbidden)
            {
                return Forbidden(context.Language);
            }

            if (created.Session is null)
            {
                // Invalid: the same form, her answers kept, each error beside its field. Nothing was stored.
                return InvokeResponse.Card(await views.FormAsync(project, context.Language, Today(), requestId, input, created.Errors, cancellationToken: cancellationToken));
            }

            return await CardAsync(actor, created.Session, context.Language, created.Duplicate ? null : "sessions.notices.created", cancellationToken);
        }

        var (change, errors) = await service.EditAsync(actor, sessionId, Version(context), input, CardLocation.Of(context), cancellationToken);
        if (change is null)
        {
            // Only someone who may edit the session gets its form back with her errors; an invitee is refused, as a valid save would be.
            var editing = await service.ReadAsync(actor, sessionId, cancellationToken);
            return editing is null || !SessionAccess.Allows(actor, SessionAction.Edit, editing.Session)
                ? Forbidden(context.Language)
                : InvokeResponse.Card(await views.FormAsync(project, context.Language, Today(), requestId, input, errors, editing.Session, cancellationToken: cancellationToken));
        }

        return await AnswerAsync(actor, context, change, change.Current?.Session.History is [.., { TimesChanged: true }] ? "sessions.notices.moved" : "sessions.notices.saved", cancellationToken);
    }

    private async Task<InvokeResponse> ViewAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var stored = await service.ReadAsync(actor, context.DataString("sessionId") ?? string.Empty, cancellationToken);
        return stored is null ? Forbidden(context.Language) : await CardAsync(actor, stored, context.Language, null, cancellationToken);
    }

    private async Task<InvokeResponse> EditFormAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var stored = await service.ReadAsync(actor, context.DataString("sessionId") ?? string.Empty, cancellationToken);
        if (stored is null || !SessionAccess.Allows(actor, SessionAction.Edit, stored.Session) || await projects.FindAsync(actor.ProjectId, cancellationToken) is not { } project)
        {
            return Forbidden(context.Language);
        }

        return InvokeResponse.Card(await views.FormAsync(project, context.Language, Today(), Guid.NewGuid().ToString("N"), SessionViews.InputOf(stored.Session), editing: stored.Session, cancellationToken: cancellationToken));
    }

    private async Task<InvokeResponse> SubFormAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var stored = await service.ReadAsync(actor, context.DataString("sessionId") ?? string.Empty, cancellationToken);
        var action = context.Verb == AttendanceForm ? SessionAction.RecordAttendance : SessionAction.AddMinutes;
        if (stored is null || !SessionAccess.Allows(actor, action, stored.Session))
        {
            return Forbidden(context.Language);
        }

        return InvokeResponse.Card(context.Verb == AttendanceForm
            ? await views.AttendanceAsync(stored.Session, context.Language, cancellationToken: cancellationToken)
            : views.Minutes(stored.Session, context.Language, await sessions.MinutesTextAsync(actor.ProjectId, stored.Session.Id, cancellationToken)));
    }

    private async Task<InvokeResponse> ChangeAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var sessionId = context.DataString("sessionId") ?? string.Empty;
        string? minutesText = null;
        SessionCommand? command = context.Verb switch
        {
            Respond => Enum.TryParse<Rsvp>(context.DataString("rsvp"), ignoreCase: false, out var rsvp) && rsvp != Rsvp.None && Enum.IsDefined(rsvp) ? new RespondToSession(rsvp) : null,
            Cancel => new CancelSession(context.DataString("reason")),
            AttendanceSave => new RecordAttendance((context.DataString("attended") ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)),
            MinutesSave => new AddMinutes("https://pending.invalid/", "pending"),
            _ => null,
        };
        if (command is null)
        {
            return InvokeResponse.Error(400, "invalidData", help.Text(context.Language, "formErrors.unknownValue"));
        }

        if (context.Verb == MinutesSave)
        {
            minutesText = context.DataString("minutesText") ?? string.Empty;
        }

        var change = await service.ChangeAsync(actor, sessionId, Version(context), command, minutesText, CardLocation.Of(context), cancellationToken);
        if (change.Outcome == ChangeOutcome.InvalidInput && change.Current is { } current)
        {
            // Beside the field that was wrong, on the form she filled in.
            return context.Verb switch
            {
                AttendanceSave => InvokeResponse.Card(await views.AttendanceAsync(current.Session, context.Language, context.DataString("attended"),
                    new Dictionary<string, string> { ["attended"] = "unknownInvitee" }, cancellationToken: cancellationToken)),
                MinutesSave => InvokeResponse.Card(views.Minutes(current.Session, context.Language, minutesText,
                    new Dictionary<string, string> { ["minutesText"] = help.Text(context.Language, "sessions.minutes.error") })),
                _ => await CardAsync(actor, current, context.Language, "sessions.coordinator.cancelReasonError", cancellationToken),
            };
        }

        var notice = context.Verb switch
        {
            Respond => "sessions.notices.responded",
            Cancel => "sessions.notices.cancelled",
            AttendanceSave => "sessions.notices.attendanceSaved",
            MinutesSave => "sessions.notices.minutesSaved",
            _ => "sessions.notices.saved",
        };
        return await AnswerAsync(actor, context, change, notice, cancellationToken);
    }

    private async Task<InvokeResponse> AnswerAsync(Actor actor, CardActionContext context, SessionChange change, string changedNotice, CancellationToken cancellationToken)
    {
        if (change.Outcome is ChangeOutcome.Forbidden or ChangeOutcome.NotFound || change.Current is null)
        {
            return Forbidden(context.Language);
        }

        var notice = change.Outcome switch
        {
            ChangeOutcome.Changed => changedNotice,
            // A stale card that is not her own retry lost a race: someone (or she, elsewhere) changed it first.
            ChangeOutcome.Stale => "sessions.notices.conflict",
            ChangeOutcome.Conflict => "sessions.notices.conflict",
            ChangeOutcome.InvalidTransition => "sessions.notices.staleCard",
            _ => null,
        };
        return await CardAsync(actor, change.Current, context.Language, notice, cancellationToken);
    }

    /// <summary>
    /// "Try again" on the failure card: coordinators only, and only for a Graph row (any feature's) in her project. The row
    /// is made due again and the dispatcher nudged, so the delivery stays in the outbox (a card action never waits on
    /// Graph, and no work runs outside the dispatcher); a new failure sends a new card.
    /// </summary>
    private async Task<InvokeResponse> RetryAsync(Actor actor, CardActionContext context, CancellationToken cancellationToken)
    {
        var rowKey = context.DataString("rowKey");
        if (actor.Role != ProjectRole.Coordinator || !OutboxKeys.IsOutboxRowKey(rowKey)
            || !await dispatcher.RequeueAsync(actor.ProjectId, rowKey!, failures.MayRetry, cancellationToken))
        {
            return Forbidden(context.Language);
        }

        await nudge.NudgeAsync(actor.ProjectId, rowKey!, cancellationToken);
        LogRetried(logger, actor.ProjectId, rowKey!);
        return InvokeResponse.Card(help.Error(context.Language, help.Text(context.Language, "sessions.notices.retryQueued")));
    }

    private async Task<InvokeResponse> CardAsync(Actor actor, StoredSession stored, string language, string? noticePath, CancellationToken cancellationToken)
    {
        var audience = await locations.AudienceAsync(stored.Session.ProjectId, CardKind.Session, stored.Session.Id, cancellationToken);
        var card = await views.CardForAsync(actor, stored, language, noticePath is null ? null : help.Text(language, noticePath), audience, cancellationToken);
        return card is null ? Forbidden(language) : InvokeResponse.Card(card);
    }

    private InvokeResponse Forbidden(string language) => InvokeResponse.Card(help.Error(language, help.Text(language, "sessions.notices.forbidden")));

    private static SessionFormInput FormInput(CardActionContext context) => new()
    {
        Kind = context.DataString(SessionForm.Fields.Kind),
        Title = context.DataString(SessionForm.Fields.Title),
        Agenda = context.DataString(SessionForm.Fields.Agenda),
        Place = context.DataString(SessionForm.Fields.Place),
        Online = context.DataString(SessionForm.Fields.Online),
        Date = context.DataString(SessionForm.Fields.Date),
        StartTime = context.DataString(SessionForm.Fields.StartTime),
        EndTime = context.DataString(SessionForm.Fields.EndTime),
        Invitees = context.DataString(SessionForm.Fields.Invitees),
    };

    /// <summary>The version the card showed: the template may send it as a number or as text.</summary>
    private static int? Version(CardActionContext context) => context.Data["version"] switch
    {
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<string>(out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };

    private DateOnly Today() => CopenhagenTime.DateOf(time.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Information, Message = "Retry of {ProjectId}/{RowKey} from the failure card: queued")]
    private static partial void LogRetried(ILogger logger, string projectId, string rowKey);
}
