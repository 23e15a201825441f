using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Supervision;

/// <summary>What the coordinator gathers the neighbourhood mothers for in the outreach phase (ARCHITECTURE §1, phase 3).</summary>
public enum SessionKind
{
    Supervision,
    ExperienceExchange,
    CourseFollowUp,
}

public enum SessionState
{
    /// <summary>Planned (or under way, or past with no attendance recorded yet).</summary>
    Scheduled,

    /// <summary>Cancelled on a card or in Outlook. Final: only viewing remains.</summary>
    Cancelled,

    /// <summary>Attendance has been recorded. Attendance may be corrected and minutes added; nothing else changes.</summary>
    Held,
}

/// <summary>An invitee's answer. <see cref="None"/> is "not answered (yet)", also after the session was moved.</summary>
public enum Rsvp
{
    None,
    Accepted,
    Tentative,
    Declined,
}

[AuditAction]
public enum SessionAction
{
    Create,
    View,

    /// <summary>Move, retitle, change place or agenda, change the invitees.</summary>
    Edit,
    Cancel,

    /// <summary>An invitee answers for herself.</summary>
    Respond,
    RecordAttendance,
    AddMinutes,
}

/// <summary>Someone invited to a session, as the form found them among the project's members.</summary>
public sealed record SessionInvitation(string ObjectId, ProjectRole Role);

/// <summary>One invitee and where she stands.</summary>
/// <param name="RespondedAt">When the current <paramref name="Rsvp"/> was given; null while <see cref="Rsvp.None"/>.</param>
/// <param name="Attended">Null until attendance is recorded; then true (came) or false (did not).</param>
public sealed record Invitee(string ObjectId, ProjectRole Role, Rsvp Rsvp, DateTimeOffset? RespondedAt, bool? Attended);

public enum SessionEventKind
{
    Created,

    /// <summary>Edited on a card or through REST (times, place, title, agenda or invitees).</summary>
    Edited,
    Cancelled,
    AttendanceRecorded,
    MinutesAdded,

    /// <summary>The organiser moved the event in Outlook.</summary>
    MovedInOutlook,

    /// <summary>The organiser cancelled or deleted the event in Outlook.</summary>
    CancelledInOutlook,

    /// <summary>A meeting the coordinator made in Outlook with the PartnerHub category became this session.</summary>
    AdoptedFromOutlook,

    /// <summary>The organiser changed an adopted meeting in Outlook (times, place, title or attendees).</summary>
    UpdatedInOutlook,

    /// <summary>The organiser took the PartnerHub category off an adopted meeting: it is no longer a session.</summary>
    EndedInOutlook,
}

/// <summary>
/// One step in a session's life, for the card: what happened, when, by which role. No personal data, no object ids.
/// RSVPs are not history: they live on the <see cref="Invitee"/>.
/// </summary>
/// <param name="ByRole">The role that acted; for Outlook events the organiser's role (<see cref="ProjectRole.Coordinator"/>).</param>
/// <param name="TimesChanged">For <see cref="SessionEventKind.Edited"/>: whether start or end moved (and RSVPs were reset).</param>
public sealed record SessionEvent(SessionEventKind Kind, DateTimeOffset At, ProjectRole ByRole, bool TimesChanged = false);
