using System.Text.RegularExpressions;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Supervision;

/// <summary>
/// A supervision, experience-exchange or course follow-up session the coordinator holds for the neighbourhood mothers.
/// Times are stored in UTC; <see cref="LocalStart"/> and <see cref="LocalEnd"/> give Copenhagen time for display.
/// It mirrors an Outlook event on the organiser's calendar (<see cref="CalendarEventId"/>) and is kept in step with it
/// by <see cref="SessionWorkflow"/>. Equality compares <see cref="Invitees"/> and <see cref="History"/> by content.
/// </summary>
public sealed partial record SupervisionSession
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required SessionKind Kind { get; init; }
    public required string Title { get; init; }
    public string Agenda { get; init; } = string.Empty;

    /// <summary>Where the session is; null when it is online.</summary>
    public string? Place { get; init; }

    public bool IsOnline { get; init; }

    /// <summary>UTC.</summary>
    public required DateTimeOffset Start { get; init; }

    /// <summary>UTC.</summary>
    public required DateTimeOffset End { get; init; }

    /// <summary>The coordinator on whose Outlook calendar the event lives.</summary>
    public required string OrganizerObjectId { get; init; }

    public IReadOnlyList<Invitee> Invitees { get; init; } = [];
    public required SessionState State { get; init; }
    public string? CalendarEventId { get; init; }
    public string? CalendarICalUId { get; init; }
    public string? OnlineJoinUrl { get; init; }
    public string? MinutesUrl { get; init; }
    public string? MinutesDocumentName { get; init; }

    /// <summary>The comment sent with the cancellation (card cancellations only); null otherwise.</summary>
    public string? CancellationComment { get; init; }

    public IReadOnlyList<SessionEvent> History { get; init; } = [];
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// When PartnerHub last reset the RSVPs (creation, or a move on a card). An Outlook answer given before it belongs to
    /// the old time and is ignored. A move observed in Outlook does not set it: Outlook resets its own answers, so what
    /// it reports after its own move is current.
    /// </summary>
    public required DateTimeOffset RsvpResetAt { get; init; }

    /// <summary>The start time the day-before reminder was sent for; a moved session is reminded again.</summary>
    public DateTimeOffset? RemindedForStart { get; init; }

    /// <summary>What the Teams meeting's attendance report proposes (online sessions, after the end); null until read.</summary>
    public TeamsAttendance? TeamsAttendance { get; init; }

    /// <summary>1 when created; +1 with every change the workflow makes. "No change" results leave it alone.</summary>
    public int Version { get; init; } = 1;

    /// <summary>
    /// The <see cref="Version"/> of the last change a person made (on a card, in the tab, in Outlook). Versions after it
    /// are PartnerHub's own bookkeeping: the Outlook event's ids, a reminder sent, Teams' attendance report read.
    /// 0 in rows written before it was kept, which makes every later version count as a person's.
    /// </summary>
    public int DecidedVersion { get; init; }

    /// <summary>Made by the coordinator in Outlook (with <see cref="OutlookCategory"/>) and adopted; Outlook stays where she edits it.</summary>
    public bool FromOutlook { get; init; }

    /// <summary>
    /// Names of people invited in Outlook who are not in the project's directory (e.g. a colleague from the health
    /// visitors). Shown to the coordinator only; they get no card. Empty for sessions made in PartnerHub.
    /// </summary>
    public IReadOnlyList<string> OutsideAttendees { get; init; } = [];

    /// <summary>
    /// Whether a change made from <paramref name="version"/> is made from what is current: nobody changed the session
    /// since. Bookkeeping since then does not make it stale; a person should not lose a race nobody else ran.
    /// </summary>
    public bool IsCurrentFor(int version) => DecidedVersions.IsCurrent(version, Version, DecidedVersion);

    /// <summary>This state as the next version, a change a person made.</summary>
    public SupervisionSession NextDecided() => this with { Version = Version + 1, DecidedVersion = Version + 1 };

    /// <summary>This state as the next version, PartnerHub's own bookkeeping (see <see cref="DecidedVersion"/>).</summary>
    public SupervisionSession NextBookkept() => this with { Version = Version + 1 };

    public DateTimeOffset LocalStart => CopenhagenTime.ToLocal(Start);
    public DateTimeOffset LocalEnd => CopenhagenTime.ToLocal(End);
    public DateOnly LocalDate => CopenhagenTime.DateOf(Start);

    public Invitee? InviteeOf(string? objectId) =>
        objectId is null ? null : Invitees.FirstOrDefault(i => string.Equals(i.ObjectId, objectId, StringComparison.Ordinal));

    public bool IsInvited(string? objectId) => InviteeOf(objectId) is not null;

    /// <summary>
    /// A new session, organised by the coordinator who creates it. The form has already checked the invitees against
    /// the project's members and the times against <c>now</c>.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">Only a coordinator creates sessions (her own project's).</exception>
    /// <exception cref="ArgumentException">The id is not a plain id (<see cref="IsValidId"/>).</exception>
    public static SupervisionSession Create(string id, Actor organizer, ValidSessionForm form, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(organizer);
        ArgumentNullException.ThrowIfNull(form);
        if (!IsValidId(id))
        {
            throw new ArgumentException("Session ids are 1-64 letters, digits, hyphens or underscores.", nameof(id));
        }

        if (!SessionAccess.Allows(organizer, SessionAction.Create, null))
        {
            throw new UnauthorizedAccessException("The actor may not create sessions.");
        }

        return new SupervisionSession
        {
            Id = id,
            ProjectId = organizer.ProjectId,
            Kind = form.Kind,
            Title = form.Title,
            Agenda = form.Agenda,
            Place = form.IsOnline ? null : form.Place,
            IsOnline = form.IsOnline,
            Start = form.Start.ToUniversalTime(),
            End = form.End.ToUniversalTime(),
            OrganizerObjectId = organizer.ObjectId,
            Invitees = [.. form.Invitees.Select(i => new Invitee(i.ObjectId, i.Role, Rsvp.None, null, null))],
            State = SessionState.Scheduled,
            History = [new SessionEvent(SessionEventKind.Created, now, organizer.Role)],
            CreatedAt = now,
            RsvpResetAt = now,
            DecidedVersion = 1,
        };
    }

    /// <summary>
    /// Session ids become row keys (<c>session|{id}</c>), URL segments and part of the minutes' file name, so they are
    /// plain: 1-64 ASCII letters, digits, hyphens and underscores, starting with a letter or digit.
    /// </summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    public bool Equals(SupervisionSession? other) =>
        other is not null
        && Id == other.Id && ProjectId == other.ProjectId && Kind == other.Kind && Title == other.Title && Agenda == other.Agenda
        && Place == other.Place && IsOnline == other.IsOnline && Start == other.Start && End == other.End
        && OrganizerObjectId == other.OrganizerObjectId && State == other.State
        && CalendarEventId == other.CalendarEventId && CalendarICalUId == other.CalendarICalUId && OnlineJoinUrl == other.OnlineJoinUrl
        && MinutesUrl == other.MinutesUrl && MinutesDocumentName == other.MinutesDocumentName && CancellationComment == other.CancellationComment
        && CreatedAt == other.CreatedAt && RsvpResetAt == other.RsvpResetAt && RemindedForStart == other.RemindedForStart && Version == other.Version
        && DecidedVersion == other.DecidedVersion
        && FromOutlook == other.FromOutlook && OutsideAttendees.SequenceEqual(other.OutsideAttendees)
        && Equals(TeamsAttendance, other.TeamsAttendance)
        && Invitees.SequenceEqual(other.Invitees) && History.SequenceEqual(other.History);

    public override int GetHashCode() => HashCode.Combine(Id, ProjectId, State, Start, End, Version, Invitees.Count, History.Count);

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex IdPattern();
}
