using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Supervision;

/// <summary>Someone on an Outlook meeting's attendee list: the directory's object id when the address is known in the tenant.</summary>
/// <param name="Name">The display name Outlook shows (or the address when it has none): what the coordinator is shown.</param>
public sealed record OutlookAttendee(string? ObjectId, string Name, Rsvp Rsvp = Rsvp.None);

/// <summary>
/// A meeting on the coordinator's own Outlook calendar, as far as adoption needs it. A deleted event carries only its id
/// (<see cref="IsDeleted"/>); every other field is then empty.
/// </summary>
/// <param name="IsOrganizer">False for an invitation she received: only her own meetings become her sessions.</param>
/// <param name="IsPrivate">Outlook's sensitivity "private" (or "confidential").</param>
/// <param name="IsRecurring">A series or one of its occurrences: not adopted (one session is one meeting).</param>
public sealed record OutlookMeeting(
    string EventId,
    string ICalUId,
    string Subject,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Location,
    bool IsOnline,
    string? JoinUrl,
    IReadOnlyList<string> Categories,
    bool IsOrganizer,
    bool IsPrivate,
    bool IsRecurring,
    bool IsCancelled,
    bool IsDeleted,
    IReadOnlyList<OutlookAttendee> Attendees)
{
    public bool HasCategory => OutlookCategory.IsOn(Categories);
}

public enum AdoptionStep
{
    /// <summary>Not a session and not to become one (her other appointments, a meeting with no one from the project yet).</summary>
    Ignore,

    /// <summary>Becomes a session of <see cref="AdoptionDecision.ProjectId"/>.</summary>
    Adopt,

    /// <summary>She coordinates several projects: a card asks which one (<see cref="AdoptionDecision.Projects"/>).</summary>
    AskProject,

    /// <summary>A recurring meeting with the category: not adopted, and she is told why.</summary>
    RefuseRecurring,

    /// <summary>The adopted session follows the meeting's new times, place, title and attendees.</summary>
    Update,

    /// <summary>Category removed, or the meeting cancelled or deleted: the session ends (cards get a notice).</summary>
    End,
}

public sealed record AdoptionDecision(AdoptionStep Step, string? ProjectId = null, IReadOnlyList<string>? Projects = null)
{
    public static readonly AdoptionDecision Ignore = new(AdoptionStep.Ignore);
}

/// <summary>The meeting's attendees sorted by the project's directory: who gets a card and who is only shown to her.</summary>
/// <param name="Outside">Names of attendees who are not invitable members (not in the directory, or another role): never a card.</param>
public sealed record AdoptedAttendees(IReadOnlyList<SessionInvitation> Invitations, IReadOnlyList<string> Outside, IReadOnlyDictionary<string, Rsvp> Answers);

/// <summary>
/// Turns a meeting the coordinator made in Outlook with <see cref="OutlookCategory"/> into a supervision session and keeps
/// the session in step with it. Pure: the caller reads the meeting, the session (if adopted) and the directory.
/// </summary>
public static class OutlookAdoption
{
    public const int MaxOutsideAttendees = 60;

    /// <param name="existing">The session this event already is, if any.</param>
    /// <param name="coordinated">The projects the organiser coordinates.</param>
    /// <param name="markedFor">The project she chose for this event beforehand (Outlook pane or card), if any.</param>
    public static AdoptionDecision Decide(OutlookMeeting meeting, SupervisionSession? existing, IReadOnlyList<string> coordinated, string? markedFor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(coordinated);
        if (existing is not null)
        {
            // Sessions made in PartnerHub follow Outlook through the classic path; only adopted ones end with the category.
            if (!existing.FromOutlook || existing.State != SessionState.Scheduled)
            {
                return AdoptionDecision.Ignore;
            }

            return meeting.IsDeleted || meeting.IsCancelled || !meeting.HasCategory
                ? new AdoptionDecision(AdoptionStep.End, existing.ProjectId)
                : new AdoptionDecision(AdoptionStep.Update, existing.ProjectId);
        }

        var marked = markedFor is not null && coordinated.Contains(markedFor, StringComparer.Ordinal);
        if (meeting.IsDeleted || meeting.IsCancelled || !meeting.IsOrganizer || (!meeting.HasCategory && !marked) || meeting.End <= now)
        {
            return AdoptionDecision.Ignore;
        }

        if (meeting.IsRecurring)
        {
            return new AdoptionDecision(AdoptionStep.RefuseRecurring);
        }

        if (marked)
        {
            return new AdoptionDecision(AdoptionStep.Adopt, markedFor);
        }

        var projects = coordinated.Distinct(StringComparer.Ordinal).ToList();
        return projects.Count switch
        {
            0 => AdoptionDecision.Ignore,
            1 => new AdoptionDecision(AdoptionStep.Adopt, projects[0]),
            _ => new AdoptionDecision(AdoptionStep.AskProject, Projects: projects),
        };
    }

    /// <summary>
    /// Mothers and partner staff of the project get a card; everyone else on the list (not in the directory, a member of
    /// another project, a teacher or a coordinator other than the organiser) is outside. The organiser is neither.
    /// </summary>
    public static AdoptedAttendees Sort(OutlookMeeting meeting, string organizerObjectId, IReadOnlyList<ProjectMember> members)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(members);
        var byId = members.GroupBy(m => m.ObjectId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var invitations = new List<SessionInvitation>();
        var answers = new Dictionary<string, Rsvp>(StringComparer.Ordinal);
        var outside = new List<string>();
        foreach (var attendee in meeting.Attendees)
        {
            if (string.Equals(attendee.ObjectId, organizerObjectId, StringComparison.Ordinal))
            {
                continue;
            }

            if (attendee.ObjectId is { } id && byId.TryGetValue(id, out var member) && member.Role is ProjectRole.NeighbourhoodMother or ProjectRole.PartnerStaff)
            {
                if (!answers.ContainsKey(id) && invitations.Count < SessionForm.MaxInvitees)
                {
                    invitations.Add(new SessionInvitation(id, member.Role));
                    answers[id] = attendee.Rsvp;
                }

                continue;
            }

            var name = attendee.Name.Trim();
            if (name.Length > 0 && outside.Count < MaxOutsideAttendees && !outside.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                outside.Add(name.Length > SessionForm.MaxPlaceLength ? name[..SessionForm.MaxPlaceLength] : name);
            }
        }

        return new AdoptedAttendees(invitations, outside, answers);
    }

    /// <summary>
    /// The new session, or null when the meeting has no one from the project to hold it for (a private appointment with
    /// the category, or a meeting she has not invited anyone to yet: the next change looks again).
    /// </summary>
    public static SupervisionSession? Adopt(string sessionId, string projectId, string organizerObjectId, OutlookMeeting meeting, AdoptedAttendees attendees, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(attendees);
        if (attendees.Invitations.Count == 0 || meeting.End <= meeting.Start || string.IsNullOrWhiteSpace(meeting.EventId))
        {
            return null;
        }

        return new SupervisionSession
        {
            Id = sessionId,
            ProjectId = projectId,
            Kind = SessionKind.Supervision,
            Title = TitleOf(meeting),
            Place = meeting.IsOnline ? null : PlaceOf(meeting),
            IsOnline = meeting.IsOnline,
            Start = meeting.Start.ToUniversalTime(),
            End = meeting.End.ToUniversalTime(),
            OrganizerObjectId = organizerObjectId,
            Invitees = [.. attendees.Invitations.Select(i => Answered(new Invitee(i.ObjectId, i.Role, Rsvp.None, null, null), attendees, now))],
            State = SessionState.Scheduled,
            CalendarEventId = meeting.EventId,
            CalendarICalUId = meeting.ICalUId,
            OnlineJoinUrl = meeting.IsOnline ? meeting.JoinUrl : null,
            History = [new SessionEvent(SessionEventKind.AdoptedFromOutlook, now, ProjectRole.Coordinator)],
            CreatedAt = now,
            RsvpResetAt = now,
            FromOutlook = true,
            OutsideAttendees = attendees.Outside,
            DecidedVersion = 1,
        };
    }

    /// <summary>
    /// The adopted session as the meeting now is: times (answers reset on a move, as Outlook does), title, place,
    /// invitees (added ones start unanswered, removed ones go) and the outside list. Unchanged when it already matches.
    /// </summary>
    public static SessionResult Update(SupervisionSession session, OutlookMeeting meeting, AdoptedAttendees attendees, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(meeting);
        ArgumentNullException.ThrowIfNull(attendees);
        if (session.State != SessionState.Scheduled || meeting.End <= meeting.Start)
        {
            return SessionResult.Unchanged(session);
        }

        var start = meeting.Start.ToUniversalTime();
        var end = meeting.End.ToUniversalTime();
        var moved = start != session.Start || end != session.End;
        var invitees = attendees.Invitations.Select(invitation =>
        {
            var kept = session.InviteeOf(invitation.ObjectId);
            var invitee = kept is null || moved ? new Invitee(invitation.ObjectId, invitation.Role, Rsvp.None, null, null) : kept with { Role = invitation.Role };
            return Answered(invitee, attendees, now);
        }).ToList();

        var updated = session with
        {
            Title = TitleOf(meeting),
            Place = meeting.IsOnline ? null : PlaceOf(meeting),
            IsOnline = meeting.IsOnline,
            OnlineJoinUrl = meeting.IsOnline ? meeting.JoinUrl ?? session.OnlineJoinUrl : null,
            Start = start,
            End = end,
            Invitees = invitees,
            OutsideAttendees = attendees.Outside,
        };
        if (updated.Equals(session))
        {
            return SessionResult.Unchanged(session);
        }

        // Answers alone are not history (as on cards); anything else the coordinator changed in Outlook is.
        var sameInvitees = updated.Invitees.Select(i => (i.ObjectId, i.Role)).SequenceEqual(session.Invitees.Select(i => (i.ObjectId, i.Role)));
        var onlyAnswers = sameInvitees && (updated with { Invitees = session.Invitees }).Equals(session);
        var happened = onlyAnswers ? null : new SessionEvent(SessionEventKind.UpdatedInOutlook, now, ProjectRole.Coordinator, moved);
        return SessionResult.Ok((updated with
        {
            History = happened is null ? session.History : [.. session.History, happened],
        }).NextDecided());
    }

    /// <summary>
    /// The session ends: the category was taken off (<see cref="SessionEventKind.EndedInOutlook"/>) or the meeting was
    /// cancelled or deleted (<see cref="SessionEventKind.CancelledInOutlook"/>). Final, like any cancellation.
    /// </summary>
    public static SessionResult End(SupervisionSession session, OutlookMeeting meeting, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(meeting);
        if (session.State != SessionState.Scheduled)
        {
            return SessionResult.Unchanged(session);
        }

        var kind = meeting.IsDeleted || meeting.IsCancelled ? SessionEventKind.CancelledInOutlook : SessionEventKind.EndedInOutlook;
        return SessionResult.Ok((session with
        {
            State = SessionState.Cancelled,
            History = [.. session.History, new SessionEvent(kind, now, ProjectRole.Coordinator)],
        }).NextDecided());
    }

    // An answer given in Outlook is current (Outlook resets its own answers on a move); "none" never wipes one given on a card.
    private static Invitee Answered(Invitee invitee, AdoptedAttendees attendees, DateTimeOffset now) =>
        attendees.Answers.TryGetValue(invitee.ObjectId, out var rsvp) && rsvp != Rsvp.None && rsvp != invitee.Rsvp
            ? invitee with { Rsvp = rsvp, RespondedAt = now }
            : invitee;

    private static string TitleOf(OutlookMeeting meeting)
    {
        var title = meeting.IsPrivate ? string.Empty : meeting.Subject.Trim();
        title = title.Length == 0 ? "Supervision" : title;
        return title.Length > SessionForm.MaxTitleLength ? title[..SessionForm.MaxTitleLength] : title;
    }

    private static string? PlaceOf(OutlookMeeting meeting)
    {
        var place = meeting.Location?.Trim();
        return string.IsNullOrEmpty(place) ? null : place.Length > SessionForm.MaxPlaceLength ? place[..SessionForm.MaxPlaceLength] : place;
    }
}
