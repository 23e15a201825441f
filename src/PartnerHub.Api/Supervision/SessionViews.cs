using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision.MeetingAttendance;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// Turns sessions into card data, exactly as cards/samples/session*.json document it. Each person gets her own view:
/// the coordinator sees every invitee's answer and attendance; an invitee sees the session and her own answer only.
/// </summary>
public sealed class SessionViews(CardCatalog cards, DirectoryStore directory, ICalendarGateway calendar, CalendarLinks calendarLinks, TeamsAttendanceText teamsAttendance, TimeProvider time)
{
    public string Text(string language, string path) => cards.Text(language, path);

    public async Task<JsonObject> FormAsync(Project project, string language, DateOnly today, string requestId, SessionFormInput? values = null,
        IReadOnlyDictionary<string, string>? errors = null, SupervisionSession? editing = null, string? notice = null, CancellationToken cancellationToken = default)
    {
        var members = await directory.MembersAsync(project.Id, null, cancellationToken);
        var data = new JsonObject
        {
            ["projectId"] = project.Id,
            ["requestId"] = requestId,
            ["isEdit"] = editing is not null,
            ["localCalendar"] = calendar.IsLocal,
            ["defaultPlace"] = project.FixedPlace,
            ["today"] = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["kinds"] = new JsonArray([.. Enum.GetValues<SessionKind>().Select(k => (JsonNode)Choice(Text(language, "sessionKinds." + k), k.ToString()))]),
            ["people"] = People(members.Where(m => m.Role is ProjectRole.NeighbourhoodMother or ProjectRole.PartnerStaff), language),
            ["values"] = Values(values ?? (editing is null ? new SessionFormInput { Kind = nameof(SessionKind.Supervision) } : InputOf(editing))),
            ["errors"] = ErrorTexts(errors, language),
        };
        if (editing is not null)
        {
            data["sessionId"] = editing.Id;
            data["version"] = editing.Version;
        }

        if (notice is not null)
        {
            data["notice"] = notice;
        }

        return cards.Render("session-form", data, language);
    }

    /// <summary>The card for this person: the coordinator's view, or the invitee's; null when she may not see it.</summary>
    public async Task<JsonObject?> CardForAsync(Actor actor, StoredSession stored, string language, string? notice, IReadOnlyList<string>? refreshUserIds, CancellationToken cancellationToken)
    {
        var session = stored.Session;
        if (!SessionAccess.Allows(actor, SessionAction.View, session))
        {
            return null;
        }

        var data = Common(session, language);
        var me = session.InviteeOf(actor.ObjectId);
        var rsvp = me?.Rsvp ?? Rsvp.None;
        data["myRsvp"] = rsvp.ToString();
        data["myRsvpLabel"] = Text(language, "rsvp." + rsvp);
        data["canRespond"] = SessionAccess.Allows(actor, SessionAction.Respond, session) && session.State == SessionState.Scheduled;
        data["refreshUserIds"] = refreshUserIds is { Count: > 0 } ? new JsonArray([.. refreshUserIds.Select(id => (JsonNode)id)]) : null;
        AddCalendarLink(data, session, actor);
        if (notice is not null)
        {
            data["notice"] = notice;
        }

        if (actor.Role != ProjectRole.Coordinator)
        {
            return cards.Render("session", data, language);
        }

        var members = (await directory.MembersAsync(session.ProjectId, null, cancellationToken)).ToDictionary(m => m.ObjectId, StringComparer.Ordinal);
        var organisations = (await directory.OrganisationsAsync(session.ProjectId, cancellationToken)).ToDictionary(o => o.Id, StringComparer.Ordinal);
        data["counts"] = new JsonObject
        {
            ["accepted"] = session.Invitees.Count(i => i.Rsvp == Rsvp.Accepted),
            ["tentative"] = session.Invitees.Count(i => i.Rsvp == Rsvp.Tentative),
            ["declined"] = session.Invitees.Count(i => i.Rsvp == Rsvp.Declined),
            ["none"] = session.Invitees.Count(i => i.Rsvp == Rsvp.None),
        };
        data["invitees"] = new JsonArray([.. session.Invitees.Select(i =>
        {
            var member = members.GetValueOrDefault(i.ObjectId);
            var role = Text(language, "directory.roles." + i.Role);
            if (i.Role == ProjectRole.PartnerStaff && member?.OrganisationId is { } org && organisations.TryGetValue(org, out var organisation))
            {
                role += ", " + organisation.Name;
            }

            var row = new JsonObject
            {
                ["name"] = member?.FirstName ?? "–",
                ["roleLabel"] = role,
                ["rsvpLabel"] = Text(language, "rsvp." + i.Rsvp),
                ["rsvp"] = i.Rsvp.ToString(),
            };
            if (i.Attended is { } attended)
            {
                row["attended"] = attended;
            }

            return (JsonNode)row;
        })]);
        data["canEdit"] = session.State == SessionState.Scheduled && !session.FromOutlook;
        data["canCancel"] = session.State == SessionState.Scheduled;
        var started = time.GetUtcNow() >= session.Start;
        data["canRecordAttendance"] = session.State != SessionState.Cancelled && started;
        data["canAddMinutes"] = session.State != SessionState.Cancelled && started;
        // Made in Outlook: she is told so, and who else she invited there (no card for them).
        data["fromOutlook"] = session.FromOutlook;
        data["outsideAttendeesText"] = session.OutsideAttendees.Count > 0 ? string.Join(", ", session.OutsideAttendees) : null;
        if (teamsAttendance.For(session, time.GetUtcNow(), key => Text(language, "sessions.teamsAttendance." + key)) is { } teamsLines)
        {
            data["teamsAttendance"] = new JsonObject { ["text"] = teamsLines[0], ["others"] = teamsLines.Count > 1 ? teamsLines[1] : null };
        }

        data["calendarStatusText"] = calendar.IsLocal || session.FromOutlook ? null : Text(language, session.CalendarEventId is null ? "sessions.calendarStatus.pending" : "sessions.calendarStatus.created");
        return cards.Render("session-coordinator", data, language);
    }

    public async Task<JsonObject> AttendanceAsync(SupervisionSession session, string language, string? attended = null, IReadOnlyDictionary<string, string>? errors = null, string? notice = null, CancellationToken cancellationToken = default)
    {
        var members = (await directory.MembersAsync(session.ProjectId, null, cancellationToken)).ToDictionary(m => m.ObjectId, StringComparer.Ordinal);
        var proposal = TeamsAttendanceText.ProposalFor(session);
        var data = new JsonObject
        {
            ["projectId"] = session.ProjectId,
            ["sessionId"] = session.Id,
            ["version"] = session.Version,
            ["title"] = session.Title,
            ["startText"] = CopenhagenDates.DateAndTime(session.Start, language),
            ["people"] = new JsonArray([.. session.Invitees.Select(i => (JsonNode)Choice(
                $"{members.GetValueOrDefault(i.ObjectId)?.FirstName ?? "–"} ({Text(language, "directory.roles." + i.Role).ToLowerInvariant()})", i.ObjectId))]),
            ["values"] = new JsonObject
            {
                // Default: the Teams meeting's proposal, or whoever said yes; once recorded, what was recorded.
                ["attended"] = attended ?? string.Join(',', session.Invitees
                    .Where(i => i.Attended ?? proposal?.IsPresent(i.ObjectId) ?? i.Rsvp == Rsvp.Accepted).Select(i => i.ObjectId)),
            },
            ["errors"] = ErrorTexts(errors, language),
        };
        if (proposal is not null && attended is null)
        {
            data["teamsAttendanceText"] = Text(language, "sessions.teamsAttendance.attendanceIntro");
        }

        if (notice is not null)
        {
            data["notice"] = notice;
        }

        return cards.Render("session-attendance", data, language);
    }

    /// <summary>The day-before reminder for one invitee, in her language, with her current answer and the RSVP buttons.</summary>
    public JsonObject Reminder(SupervisionSession session, Actor invitee, string language)
    {
        var data = Common(session, language);
        var rsvp = session.InviteeOf(invitee.ObjectId)?.Rsvp ?? Rsvp.None;
        data["myRsvp"] = rsvp.ToString();
        data["myRsvpLabel"] = Text(language, "rsvp." + rsvp);
        data["canRespond"] = SessionAccess.Allows(invitee, SessionAction.Respond, session) && session.State == SessionState.Scheduled;
        AddCalendarLink(data, session, invitee);
        return cards.Render("session-reminder", data, language);
    }

    public JsonObject Minutes(SupervisionSession session, string language, string? text = null, IReadOnlyDictionary<string, string>? errors = null)
    {
        var data = new JsonObject
        {
            ["projectId"] = session.ProjectId,
            ["sessionId"] = session.Id,
            ["version"] = session.Version,
            ["title"] = session.Title,
            ["startText"] = CopenhagenDates.DateAndTime(session.Start, language),
            ["values"] = new JsonObject { ["minutesText"] = text ?? string.Empty },
            ["errors"] = errors is null ? new JsonObject() : new JsonObject([.. errors.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)e.Value))]),
        };
        if (session.MinutesUrl is { } url)
        {
            data["existingMinutesUrl"] = url;
        }

        return cards.Render("session-minutes", data, language);
    }

    public JsonObject List(Actor actor, IReadOnlyList<StoredSession> sessions, string language, DateTimeOffset now)
    {
        JsonNode Entry(SupervisionSession s)
        {
            var entry = new JsonObject
            {
                ["sessionId"] = s.Id,
                ["title"] = s.Title,
                ["kindLabel"] = Text(language, "sessionKinds." + s.Kind),
                ["dateText"] = CopenhagenDates.Date(s.Start, language),
                ["timeText"] = CopenhagenDates.Time(s.Start, language),
                ["stateLabel"] = Text(language, "sessionStates." + s.State),
            };
            if (s.InviteeOf(actor.ObjectId) is { } me && s.State == SessionState.Scheduled)
            {
                entry["myRsvpLabel"] = Text(language, "rsvp." + me.Rsvp);
            }

            if (s.End < now)
            {
                entry["hasMinutes"] = s.MinutesUrl is not null;
            }

            return entry;
        }

        var upcoming = sessions.Select(s => s.Session).Where(s => s.End >= now).OrderBy(s => s.Start).Select(Entry).ToList();
        var past = sessions.Select(s => s.Session).Where(s => s.End < now).OrderByDescending(s => s.Start).Take(10).Select(Entry).ToList();
        return cards.Render("session-list", new JsonObject
        {
            ["projectId"] = actor.ProjectId,
            ["title"] = Text(language, "sessions.list.upcomingHeading"),
            ["canCreate"] = SessionAccess.Allows(actor, SessionAction.Create, null),
            ["emptyUpcoming"] = upcoming.Count == 0,
            ["emptyPast"] = past.Count == 0,
            ["upcoming"] = new JsonArray([.. upcoming]),
            ["past"] = new JsonArray([.. past]),
        }, language);
    }

    public JsonObject Failure(string projectId, string? sessionId, string title, string kind, string errorCode, string rowKey, string language) =>
        cards.Render("graph-failure", new JsonObject
        {
            ["projectId"] = projectId,
            ["sessionId"] = sessionId,
            ["title"] = title,
            ["operationLabel"] = Text(language, "sessions.failure.operations." + kind.Replace("session.", string.Empty, StringComparison.Ordinal)),
            ["errorText"] = errorCode,
            ["rowKey"] = rowKey,
        }, language);

    /// <summary>The form's values for an existing session, in Copenhagen time, as the edit form is prefilled.</summary>
    public static SessionFormInput InputOf(SupervisionSession session) => new()
    {
        Kind = session.Kind.ToString(),
        Title = session.Title,
        Agenda = session.Agenda,
        Place = session.Place ?? string.Empty,
        Online = session.IsOnline ? "true" : "false",
        Date = session.LocalStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        StartTime = session.LocalStart.ToString("HH:mm", CultureInfo.InvariantCulture),
        EndTime = session.LocalEnd.ToString("HH:mm", CultureInfo.InvariantCulture),
        Invitees = string.Join(',', session.Invitees.Select(i => i.ObjectId)),
    };

    /// <summary>The .ics link signed for the person this card is rendered for (cards are per recipient); none when cancelled.</summary>
    private void AddCalendarLink(JsonObject data, SupervisionSession session, Actor recipient)
    {
        if (calendarLinks.For(session, recipient.ObjectId) is { } url)
        {
            data["icsUrl"] = url;
        }
    }

    private JsonObject Common(SupervisionSession session, string language)
    {
        var data = new JsonObject
        {
            ["projectId"] = session.ProjectId,
            ["sessionId"] = session.Id,
            ["version"] = session.Version,
            ["kindLabel"] = Text(language, "sessionKinds." + session.Kind),
            ["title"] = session.Title,
            ["agenda"] = session.Agenda.Length > 0 ? session.Agenda : null,
            ["placeText"] = session.IsOnline ? Text(language, "sessions.form.onlineTitle") : session.Place,
            ["isOnline"] = session.IsOnline,
            ["dateText"] = CopenhagenDates.Date(session.Start, language),
            ["timeText"] = CopenhagenDates.TimeRange(session.Start, session.End, language),
            ["state"] = session.State.ToString(),
            ["stateLabel"] = Text(language, "sessionStates." + session.State),
            ["localCalendar"] = calendar.IsLocal,
        };
        if (session.OnlineJoinUrl is { } join)
        {
            data["joinUrl"] = join;
        }

        if (session.MinutesUrl is { } minutes)
        {
            data["minutesUrl"] = minutes;
        }

        return data;
    }

    private JsonArray People(IEnumerable<ProjectMember> members, string language) =>
        new([.. members.OrderBy(m => m.Role).ThenBy(m => m.FirstName, StringComparer.CurrentCulture)
            .Select(m => (JsonNode)Choice($"{m.FirstName} ({Text(language, "directory.roles." + m.Role).ToLowerInvariant()})", m.ObjectId))]);

    private static JsonObject Values(SessionFormInput input) => new()
    {
        ["kind"] = input.Kind ?? string.Empty,
        ["title"] = input.Title ?? string.Empty,
        ["agenda"] = input.Agenda ?? string.Empty,
        ["place"] = input.Place ?? string.Empty,
        ["online"] = input.Online ?? "false",
        ["date"] = input.Date ?? string.Empty,
        ["startTime"] = input.StartTime ?? string.Empty,
        ["endTime"] = input.EndTime ?? string.Empty,
        ["invitees"] = input.Invitees ?? string.Empty,
    };

    /// <summary>Core's error codes, in the card's words, beside their fields.</summary>
    private JsonObject ErrorTexts(IReadOnlyDictionary<string, string>? errors, string language)
    {
        var result = new JsonObject();
        foreach (var (field, code) in errors ?? new Dictionary<string, string>())
        {
            var path = (field, code) switch
            {
                (_, SessionForm.Errors.LooksLikeCpr) => "formErrors.looksLikeCpr",
                (SessionForm.Fields.Invitees, SessionForm.Errors.Required) => "sessions.formErrors.noInvitees",
                (_, SessionForm.Errors.NotEligible) => "sessions.formErrors.unknownInvitee",
                (_, SessionForm.Errors.TooMany) => "sessions.formErrors.tooManyInvitees",
                (_, SessionForm.Errors.EndNotAfterStart) => "sessions.formErrors.endBeforeStart",
                (_, SessionForm.Errors.TooFarAhead) => "sessions.formErrors.invalidDate",
                _ => "sessions.formErrors." + code,
            };
            result[field] = Text(language, path);
        }

        return result;
    }

    private static JsonObject Choice(string title, string value) => new() { ["title"] = title, ["value"] = value };
}
