using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Supervision;

/// <summary>Something a person does to a session on a card or through REST.</summary>
public abstract record SessionCommand(SessionAction Action);

/// <summary>
/// The edit form's result: new times, place, title, agenda and invitees, all of it (a full replacement; the kind stays).
/// If start or end changes, every RSVP goes back to <see cref="Rsvp.None"/>, as Outlook does.
/// </summary>
public sealed record RescheduleSession(
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Place,
    bool IsOnline,
    string Title,
    string Agenda,
    IReadOnlyList<SessionInvitation> Invitees) : SessionCommand(SessionAction.Edit)
{
    public static RescheduleSession From(ValidSessionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return new(form.Start, form.End, form.Place, form.IsOnline, form.Title, form.Agenda, form.Invitees);
    }
}

/// <param name="Reason">Sent to the invitees with the cancellation; optional.</param>
public sealed record CancelSession(string? Reason = null) : SessionCommand(SessionAction.Cancel);

/// <summary>
/// The coordinator corrects (or clears, with null or blank) the comment of a session already cancelled (GDPR Art. 16).
/// Whoever may cancel may correct it; nothing else about the session changes and nobody is sent anything again.
/// </summary>
public sealed record CorrectCancellationComment(string? Comment) : SessionCommand(SessionAction.Cancel);

/// <summary>An invitee's answer on the card, for herself (the actor).</summary>
public sealed record RespondToSession(Rsvp Rsvp) : SessionCommand(SessionAction.Respond);

/// <summary>Who came: every other invitee is recorded as not having come.</summary>
public sealed record RecordAttendance(IReadOnlyCollection<string> AttendedObjectIds) : SessionCommand(SessionAction.RecordAttendance);

/// <summary>The minutes, uploaded to SharePoint under <see cref="SessionMinutes.MinutesFileName"/>.</summary>
/// <param name="Url">The document's https web URL.</param>
public sealed record AddMinutes(string Url, string DocumentName) : SessionCommand(SessionAction.AddMinutes);

/// <summary>
/// Something observed on the organiser's Outlook calendar (change notification, delta query or a read-back after a
/// Graph call). Comes from the system, not from a person: there is no actor and no access check.
/// </summary>
public abstract record OutlookObservation;

/// <summary>The event's start and end as Outlook now has them.</summary>
public sealed record OutlookMoved(DateTimeOffset Start, DateTimeOffset End) : OutlookObservation;

/// <summary>The event was cancelled or deleted in Outlook.</summary>
public sealed record OutlookCancelled : OutlookObservation;

/// <summary>An attendee's response as Outlook has it.</summary>
/// <param name="RespondedAt">Graph's <c>responseStatus.time</c> when known: an answer older than <see cref="SupervisionSession.RsvpResetAt"/>, or not newer than the answer PartnerHub already has, is stale and ignored.</param>
public sealed record OutlookResponse(string ObjectId, Rsvp Rsvp, DateTimeOffset? RespondedAt = null) : OutlookObservation;

/// <summary>The Outlook event PartnerHub created for the session (the outbox writes its ids back).</summary>
public sealed record OutlookEventCreated(string EventId, string ICalUId, string? OnlineJoinUrl) : OutlookObservation;

public enum SessionError
{
    /// <summary>The actor may not do this to this session (ARCHITECTURE §7).</summary>
    Forbidden,

    /// <summary>The session's state (or the time) does not allow this (e.g. anything but viewing a cancelled session).</summary>
    InvalidTransition,

    /// <summary>The command's data is not acceptable (e.g. a move into the past, attendance for someone not invited).</summary>
    InvalidInput,
}

/// <summary>
/// The session after a command or observation, or why it was refused. <see cref="Changed"/> false with no error means
/// "nothing to do": the caller writes nothing, sends nothing to Outlook and notifies nobody.
/// </summary>
public sealed record SessionResult(SupervisionSession? Session, SessionError? Error, bool Changed)
{
    public bool Succeeded => Error is null;

    /// <summary>A change: <paramref name="session"/> has its <see cref="SupervisionSession.Version"/> incremented by the workflow.</summary>
    public static SessionResult Ok(SupervisionSession session) => new(session, null, true);

    public static SessionResult Unchanged(SupervisionSession session) => new(session, null, false);

    public static SessionResult Refused(SessionError error) => new(null, error, false);
}

/// <summary>
/// The session state machine: <c>Scheduled → Cancelled</c> or <c>Scheduled → Held</c> (attendance recorded), from a
/// card (<see cref="Apply"/>) or from Outlook (<see cref="ApplyFromOutlook"/>). Pure; access is checked here too.
/// </summary>
public static class SessionWorkflow
{
    public const int MaxCancelReasonLength = CancellationComment.MaxLength;

    public static SessionResult Apply(SupervisionSession session, SessionCommand command, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);

        if (!SessionAccess.Allows(actor, command.Action, session))
        {
            return SessionResult.Refused(SessionError.Forbidden);
        }

        return command switch
        {
            RescheduleSession reschedule => Reschedule(session, reschedule, actor, now),
            CancelSession cancel => Cancel(session, cancel, actor, now),
            CorrectCancellationComment correction => CorrectComment(session, correction),
            RespondToSession respond => Respond(session, respond, actor, now),
            RecordAttendance attendance => Attendance(session, attendance, actor, now),
            AddMinutes minutes => Minutes(session, minutes, actor, now),
            _ => SessionResult.Refused(SessionError.InvalidTransition),
        };
    }

    /// <summary>
    /// Brings the session in step with what Outlook shows. Idempotent: an observation PartnerHub already reflects (the
    /// echo of its own change, a repeated notification) is <see cref="SessionResult.Unchanged"/>. Observations that
    /// conflict with a final state (a move of a cancelled or held session, an answer from someone not invited) are
    /// ignored the same way: PartnerHub's own change is on its way to Outlook.
    /// </summary>
    public static SessionResult ApplyFromOutlook(SupervisionSession session, OutlookObservation observation, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(observation);

        return observation switch
        {
            OutlookEventCreated created => Linked(session, created),
            OutlookMoved moved when moved.End < moved.Start => SessionResult.Refused(SessionError.InvalidInput),
            OutlookMoved moved when session.State != SessionState.Scheduled || (moved.Start == session.Start && moved.End == session.End) =>
                SessionResult.Unchanged(session),
            OutlookMoved moved => Changed(session with
            {
                Start = moved.Start.ToUniversalTime(),
                End = moved.End.ToUniversalTime(),
                Invitees = [.. session.Invitees.Select(i => i with { Rsvp = Rsvp.None, RespondedAt = null })],
            }, new SessionEvent(SessionEventKind.MovedInOutlook, now, ProjectRole.Coordinator)),
            OutlookCancelled when session.State != SessionState.Scheduled => SessionResult.Unchanged(session),
            OutlookCancelled => Changed(session with { State = SessionState.Cancelled }, new SessionEvent(SessionEventKind.CancelledInOutlook, now, ProjectRole.Coordinator)),
            OutlookResponse response => OutlookAnswer(session, response, now),
            _ => SessionResult.Refused(SessionError.InvalidInput),
        };
    }

    private static SessionResult Reschedule(SupervisionSession session, RescheduleSession command, Actor actor, DateTimeOffset now)
    {
        // A meeting made in Outlook is edited there: PartnerHub's update would drop the people outside the project she
        // invited (it knows their names, not their addresses) and fight her next edit in Outlook.
        if (session.State != SessionState.Scheduled || session.FromOutlook)
        {
            return SessionResult.Refused(SessionError.InvalidTransition);
        }

        var title = command.Title?.Trim() ?? string.Empty;
        var agenda = command.Agenda?.Trim() ?? string.Empty;
        var place = command.IsOnline ? null : command.Place?.Trim();
        var start = command.Start.ToUniversalTime();
        var end = command.End.ToUniversalTime();
        var timesChanged = start != session.Start || end != session.End;
        var invitations = command.Invitees ?? [];

        var valid = title.Length is > 0 and <= SessionForm.MaxTitleLength
            && agenda.Length <= SessionForm.MaxAgendaLength
            && (command.IsOnline || place is { Length: > 0 and <= SessionForm.MaxPlaceLength })
            && end > start && end - start <= SessionForm.MaxDuration
            && (!timesChanged || start >= now)
            && invitations.Count is > 0 and <= SessionForm.MaxInvitees
            && invitations.All(i => i is not null && !string.IsNullOrWhiteSpace(i.ObjectId) && i.Role is ProjectRole.NeighbourhoodMother or ProjectRole.PartnerStaff)
            && invitations.Select(i => i.ObjectId).Distinct(StringComparer.Ordinal).Count() == invitations.Count;
        if (!valid)
        {
            return SessionResult.Refused(SessionError.InvalidInput);
        }

        var invitees = invitations.Select(invitation =>
        {
            var existing = session.InviteeOf(invitation.ObjectId);
            return existing is null || timesChanged
                ? new Invitee(invitation.ObjectId, invitation.Role, Rsvp.None, null, null)
                : existing with { Role = invitation.Role };
        }).ToList();

        var edited = session with
        {
            Title = title,
            Agenda = agenda,
            Place = place,
            IsOnline = command.IsOnline,
            Start = start,
            End = end,
            Invitees = invitees,
            RsvpResetAt = timesChanged ? now : session.RsvpResetAt,
        };
        return edited.Equals(session)
            ? SessionResult.Unchanged(session)
            : Changed(edited, new SessionEvent(SessionEventKind.Edited, now, actor.Role, timesChanged));
    }

    private static SessionResult Cancel(SupervisionSession session, CancelSession command, Actor actor, DateTimeOffset now)
    {
        if (session.State != SessionState.Scheduled)
        {
            return SessionResult.Refused(SessionError.InvalidTransition);
        }

        if (!CancellationComment.TryRead(command.Reason, out var reason))
        {
            return SessionResult.Refused(SessionError.InvalidInput);
        }

        return Changed(session with { State = SessionState.Cancelled, CancellationComment = reason }, new SessionEvent(SessionEventKind.Cancelled, now, actor.Role));
    }

    private static SessionResult CorrectComment(SupervisionSession session, CorrectCancellationComment command)
    {
        // Only a cancelled session has a cancellation comment to correct.
        if (session.State != SessionState.Cancelled)
        {
            return SessionResult.Refused(SessionError.InvalidTransition);
        }

        if (!CancellationComment.TryRead(command.Comment, out var comment))
        {
            return SessionResult.Refused(SessionError.InvalidInput);
        }

        // No history event: the card's history says what happened to the session, and a correction changes none of it.
        return comment == session.CancellationComment
            ? SessionResult.Unchanged(session)
            : Changed(session with { CancellationComment = comment }, null);
    }

    private static SessionResult Respond(SupervisionSession session, RespondToSession command, Actor actor, DateTimeOffset now)
    {
        // Answers make sense until the session is over; after that attendance is what counts.
        if (session.State != SessionState.Scheduled || now >= session.End)
        {
            return SessionResult.Refused(SessionError.InvalidTransition);
        }

        if (command.Rsvp == Rsvp.None || !Enum.IsDefined(command.Rsvp))
        {
            return SessionResult.Refused(SessionError.InvalidInput);
        }

        var invitee = session.InviteeOf(actor.ObjectId)!;
        return invitee.Rsvp == command.Rsvp
            ? SessionResult.Unchanged(session)
            : Changed(WithInvitee(session, invitee with { Rsvp = command.Rsvp, RespondedAt = now }), null);
    }

    private static SessionResult Attendance(SupervisionSession session, RecordAttendance command, Actor actor, DateTimeOffset now)
    {
        if (session.State == SessionState.Cancelled || now < session.Start)
        {
            return SessionResult.Refused(SessionError.InvalidTransition);
        }

        var attended = command.AttendedObjectIds ?? [];
        if (attended.Any(id => !session.IsInvited(id)))
        {
            return SessionResult.Refused(SessionError.InvalidInput);
        }

        var recorded = session with
        {
            State = SessionState.Held,
            Invitees = [.. session.Invitees.Select(i => i with { Attended = attended.Contains(i.ObjectId, StringComparer.Ordinal) })],
        };
        return recorded.Equals(session)
            ? SessionResult.Unchanged(session)
            : Changed(recorded, new SessionEvent(SessionEventKind.AttendanceRecorded, now, actor.Role));
    }

    private static SessionResult Minutes(SupervisionSession session, AddMinutes command, Actor actor, DateTimeOffset now)
    {
        if (!SessionMinutes.CanAddMinutes(session, now))
        {
            return SessionResult.Refused(SessionError.InvalidTransition);
        }

        if (!SessionMinutes.IsValidUrl(command.Url) || !SessionMinutes.IsMinutesFileNameFor(session, command.DocumentName))
        {
            return SessionResult.Refused(SessionError.InvalidInput);
        }

        return command.Url == session.MinutesUrl && command.DocumentName == session.MinutesDocumentName
            ? SessionResult.Unchanged(session)
            : Changed(session with { MinutesUrl = command.Url, MinutesDocumentName = command.DocumentName }, new SessionEvent(SessionEventKind.MinutesAdded, now, actor.Role));
    }

    private static SessionResult Linked(SupervisionSession session, OutlookEventCreated created)
    {
        if (string.IsNullOrWhiteSpace(created.EventId) || string.IsNullOrWhiteSpace(created.ICalUId))
        {
            return SessionResult.Refused(SessionError.InvalidInput);
        }

        // A second, different event for the same session is a duplicate the caller should remove, not adopt.
        if (session.CalendarEventId is not null && (session.CalendarEventId != created.EventId || session.CalendarICalUId != created.ICalUId))
        {
            return SessionResult.Refused(SessionError.InvalidTransition);
        }

        var linked = session with { CalendarEventId = created.EventId, CalendarICalUId = created.ICalUId, OnlineJoinUrl = created.OnlineJoinUrl ?? session.OnlineJoinUrl };
        return linked.Equals(session) ? SessionResult.Unchanged(session) : SessionResult.Ok(linked.NextBookkept());
    }

    private static SessionResult OutlookAnswer(SupervisionSession session, OutlookResponse response, DateTimeOffset now)
    {
        // "None" is no answer: Outlook shows it after a move (which OutlookMoved already applied) or before an answer
        // given on the card has reached Outlook. Neither may wipe an answer.
        if (session.State != SessionState.Scheduled || response.Rsvp == Rsvp.None || !Enum.IsDefined(response.Rsvp)
            || session.InviteeOf(response.ObjectId) is not { } invitee || invitee.Rsvp == response.Rsvp)
        {
            return SessionResult.Unchanged(session);
        }

        if (response.RespondedAt is { } at && (at < session.RsvpResetAt || (invitee.RespondedAt is { } known && at <= known)))
        {
            return SessionResult.Unchanged(session);
        }

        return Changed(WithInvitee(session, invitee with { Rsvp = response.Rsvp, RespondedAt = response.RespondedAt ?? now }), null);
    }

    private static SupervisionSession WithInvitee(SupervisionSession session, Invitee invitee) => session with
    {
        Invitees = [.. session.Invitees.Select(i => string.Equals(i.ObjectId, invitee.ObjectId, StringComparison.Ordinal) ? invitee : i)],
    };

    private static SessionResult Changed(SupervisionSession session, SessionEvent? happened) => SessionResult.Ok((session with
    {
        History = happened is null ? session.History : [.. session.History, happened],
    }).NextDecided());
}
