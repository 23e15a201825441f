using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.OutlookPane;

/// <summary>A project the caller coordinates: the pane's project picker for a new meeting.</summary>
public sealed record PaneProject(string Id, string Name);

public sealed record PaneProjectsResponse(IReadOnlyList<PaneProject> Projects);

/// <summary>How the invitees have answered, as counts (the coordinator's view; an invitee sees her own answer only).</summary>
public sealed record PaneAnswers(int Accepted, int Tentative, int Declined, int NotAnswered);

/// <summary>One invitee as her coordinator sees her in the pane: first name from the directory, answer and attendance.</summary>
/// <param name="Attended">Null until attendance is recorded.</param>
public sealed record PaneInvitee(string ObjectId, string Name, string Role, string Rsvp, bool? Attended);

/// <param name="State">"none" (nothing yet), "added" (a document is linked).</param>
public sealed record PaneMinutes(string State, string? Url, string? DocumentName);

/// <summary>
/// The session behind an Outlook meeting, as the caller may see it. A coordinator gets every invitee with answer and
/// attendance and may record attendance and write minutes; an invitee gets her own answer and attendance only.
/// </summary>
public sealed record PaneSessionResponse(
    string ProjectId,
    string SessionId,
    int Version,
    string Title,
    string Kind,
    string State,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Place,
    bool IsOnline,
    string ViewerRole,
    PaneAnswers? Answers,
    IReadOnlyList<PaneInvitee>? Invitees,
    string? MyAnswer,
    bool? IAttended,
    PaneMinutes Minutes,
    bool CanRecordAttendance,
    bool CanWriteMinutes);

/// <summary>POST …/attendance: the object ids of the invitees who came; every other invitee did not.</summary>
public sealed record PaneAttendanceRequest(IReadOnlyList<string>? Attended);

/// <summary>PUT …/minutes/text: the minutes as plain text (at most <see cref="SessionService.MaxMinutesLength"/> characters).</summary>
public sealed record PaneMinutesTextRequest(string? Text);

public static class PaneSessionView
{
    /// <summary>What <paramref name="viewer"/> may see of the session (<see cref="SessionAccess"/> has already allowed View).</summary>
    public static PaneSessionResponse Of(SupervisionSession session, Actor viewer, IReadOnlyList<ProjectMember> members, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(viewer);
        ArgumentNullException.ThrowIfNull(members);
        var coordinator = SessionAccess.Allows(viewer, SessionAction.RecordAttendance, session);
        var me = session.InviteeOf(viewer.ObjectId);
        var names = members.ToDictionary(m => m.ObjectId, m => m.FirstName, StringComparer.Ordinal);
        var minutes = session.MinutesUrl is { } url ? new PaneMinutes("added", url, session.MinutesDocumentName) : new PaneMinutes("none", null, null);
        return new PaneSessionResponse(
            session.ProjectId,
            session.Id,
            session.Version,
            session.Title,
            session.Kind.ToString(),
            session.State.ToString(),
            session.Start,
            session.End,
            session.Place,
            session.IsOnline,
            coordinator ? "coordinator" : "invitee",
            coordinator ? AnswersOf(session) : null,
            coordinator ? [.. session.Invitees.Select(i => new PaneInvitee(i.ObjectId, names.GetValueOrDefault(i.ObjectId, string.Empty), i.Role.ToString(), i.Rsvp.ToString(), i.Attended))] : null,
            coordinator ? null : me?.Rsvp.ToString(),
            coordinator ? null : me?.Attended,
            minutes,
            coordinator && session.State != SessionState.Cancelled && now >= session.Start,
            coordinator && SessionMinutes.CanAddMinutes(session, now));
    }

    private static PaneAnswers AnswersOf(SupervisionSession session) => new(
        session.Invitees.Count(i => i.Rsvp == Rsvp.Accepted),
        session.Invitees.Count(i => i.Rsvp == Rsvp.Tentative),
        session.Invitees.Count(i => i.Rsvp == Rsvp.Declined),
        session.Invitees.Count(i => i.Rsvp == Rsvp.None));
}
