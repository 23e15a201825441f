using System.Globalization;
using System.Text.RegularExpressions;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Supervision;

/// <summary>
/// The session form exactly as a card or REST call sends it: strings, unvalidated. Date and times are Copenhagen
/// wall-clock time; invitees are comma-separated Entra object ids, as Input.ChoiceSet (multi-select) sends them.
/// </summary>
public sealed record SessionFormInput
{
    public string? Kind { get; init; }
    public string? Title { get; init; }
    public string? Agenda { get; init; }
    public string? Place { get; init; }

    /// <summary>"true" or "false" (Input.Toggle); empty means false.</summary>
    public string? Online { get; init; }

    /// <summary>yyyy-MM-dd (Input.Date).</summary>
    public string? Date { get; init; }

    /// <summary>HH:mm (Input.Time).</summary>
    public string? StartTime { get; init; }

    /// <summary>HH:mm, the same day.</summary>
    public string? EndTime { get; init; }

    public string? Invitees { get; init; }
}

/// <summary>A valid form: what a new session is made of, or what an edit changes it to. Times are UTC.</summary>
/// <param name="Place">The place typed, or the project's fixed place when none was; null when online.</param>
/// <param name="Invitees">Distinct, in the order given, each with the role the directory gives them.</param>
public sealed record ValidSessionForm(
    SessionKind Kind,
    string Title,
    string Agenda,
    string? Place,
    bool IsOnline,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<SessionInvitation> Invitees)
{
    public bool Equals(ValidSessionForm? other) =>
        other is not null && Kind == other.Kind && Title == other.Title && Agenda == other.Agenda && Place == other.Place
        && IsOnline == other.IsOnline && Start == other.Start && End == other.End && Invitees.SequenceEqual(other.Invitees);

    public override int GetHashCode() => HashCode.Combine(Kind, Title, Start, End, Invitees.Count);
}

/// <summary>
/// Validates the session form at the edge. Errors are codes keyed by field id (the card's input ids), one per field,
/// so the card can show each beside its field and REST can return them in problem details, in the user's language.
/// </summary>
public static partial class SessionForm
{
    public const int MaxTitleLength = 100;
    public const int MaxAgendaLength = 1000;
    public const int MaxPlaceLength = 200;
    public const int MaxInvitees = 60;

    /// <summary>
    /// How many invitees one edit may add plus remove. An edit commits in one storage transaction of at most 100
    /// operations, and every invitee added or removed is one of them (her index row); the rest of the worst case is
    /// fixed (session, idempotency row, the time index moved: 2, four outbox rows, the acting card's location and its
    /// property in the session's holders row): 100 − 10 = 90, even, so swaps come whole. So 45 of 60 people can be swapped in one go; more is refused with a
    /// form error rather than half-saved. SessionStore checks the sum.
    /// </summary>
    public const int MaxInviteeChangesPerEdit = 90;

    public static readonly TimeSpan MaxDuration = TimeSpan.FromHours(8);

    /// <summary>How far ahead a session may be planned.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    public static class Fields
    {
        public const string Kind = "kind";
        public const string Title = "title";
        public const string Agenda = "agenda";
        public const string Place = "place";
        public const string Online = "online";
        public const string Date = "date";
        public const string StartTime = "startTime";
        public const string EndTime = "endTime";
        public const string Invitees = "invitees";
    }

    public static class Errors
    {
        public const string Required = "required";
        public const string TooLong = "tooLong";
        public const string UnknownValue = "unknownValue";
        public const string InvalidDate = "invalidDate";
        public const string InvalidTime = "invalidTime";

        /// <summary>The time does not exist on that day (clocks go forward: 02:00-02:59 on the last Sunday of March).</summary>
        public const string NonexistentTime = "nonexistentTime";

        public const string EndNotAfterStart = "endNotAfterStart";
        public const string DurationTooLong = "durationTooLong";
        public const string InPast = "inPast";
        public const string TooFarAhead = "tooFarAhead";

        /// <summary>An invitee who is not a neighbourhood mother or partner staff member of the project.</summary>
        public const string NotEligible = "notEligible";

        public const string TooMany = "tooMany";

        /// <summary>An edit that adds and removes more invitees than <see cref="MaxInviteeChangesPerEdit"/>.</summary>
        public const string TooManyChanges = "tooManyChanges";
        public const string LooksLikeCpr = "looksLikeCpr";
    }

    /// <summary>Invitees added plus invitees removed by an edit from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public static int InviteeChanges(SupervisionSession before, IEnumerable<SessionInvitation> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var old = before.Invitees.Select(i => i.ObjectId).ToHashSet(StringComparer.Ordinal);
        var now = after.Select(i => i.ObjectId).ToHashSet(StringComparer.Ordinal);
        return old.Count(id => !now.Contains(id)) + now.Count(id => !old.Contains(id));
    }

    /// <summary>The edit form's extra rule: errors by field (empty when the edit may be saved in one go).</summary>
    public static IReadOnlyDictionary<string, string> ValidateEdit(SupervisionSession before, ValidSessionForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        return InviteeChanges(before, form.Invitees) > MaxInviteeChangesPerEdit
            ? new Dictionary<string, string> { [Fields.Invitees] = Errors.TooManyChanges }
            : new Dictionary<string, string>();
    }

    /// <param name="members">The project's members; only its neighbourhood mothers and partner staff may be invited.</param>
    /// <param name="now">The time of the request: a session may not start before it.</param>
    public static (ValidSessionForm? Form, IReadOnlyDictionary<string, string> Errors) Validate(
        SessionFormInput input, Project project, IReadOnlyCollection<ProjectMember> members, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(members);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);

        SessionKind? kind = null;
        if (Clean(input.Kind) is not { } kindText)
        {
            errors[Fields.Kind] = Errors.Required;
        }
        else if (Array.Find(Enum.GetNames<SessionKind>(), n => string.Equals(n, kindText, StringComparison.OrdinalIgnoreCase)) is { } kindName)
        {
            kind = Enum.Parse<SessionKind>(kindName);
        }
        else
        {
            errors[Fields.Kind] = Errors.UnknownValue;
        }

        var title = Clean(input.Title);
        CheckText(title, Fields.Title, MaxTitleLength, required: true, errors);
        var agenda = Clean(input.Agenda) ?? string.Empty;
        CheckText(agenda, Fields.Agenda, MaxAgendaLength, required: false, errors);

        var isOnline = false;
        switch (Clean(input.Online))
        {
            case null:
                break;
            case var text when string.Equals(text, "true", StringComparison.OrdinalIgnoreCase):
                isOnline = true;
                break;
            case var text when string.Equals(text, "false", StringComparison.OrdinalIgnoreCase):
                break;
            default:
                errors[Fields.Online] = Errors.UnknownValue;
                break;
        }

        // Online: no place (a prefilled place field is ignored). Otherwise the place typed, or the project's fixed place.
        string? place = null;
        if (!isOnline)
        {
            place = Clean(input.Place) ?? Clean(project.FixedPlace);
            if (place is null)
            {
                errors[Fields.Place] = Errors.Required;
            }
            else
            {
                CheckText(place, Fields.Place, MaxPlaceLength, required: true, errors);
            }
        }

        var (start, end) = ValidateTimes(input, now, errors);
        var invitees = ValidateInvitees(input.Invitees, project, members, errors);

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ValidSessionForm(kind!.Value, title!, agenda, place, isOnline, start!.Value, end!.Value, invitees), errors);
    }

    private static (DateTimeOffset? Start, DateTimeOffset? End) ValidateTimes(SessionFormInput input, DateTimeOffset now, Dictionary<string, string> errors)
    {
        DateOnly? date = null;
        if (Clean(input.Date) is not { } dateText)
        {
            errors[Fields.Date] = Errors.Required;
        }
        else if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsedDate))
        {
            errors[Fields.Date] = Errors.InvalidDate;
        }
        else if (parsedDate < CopenhagenTime.DateOf(now))
        {
            errors[Fields.Date] = Errors.InPast;
        }
        else if (parsedDate > CopenhagenTime.DateOf(now + MaxAhead))
        {
            errors[Fields.Date] = Errors.TooFarAhead;
        }
        else
        {
            date = parsedDate;
        }

        var startTime = ParseTime(input.StartTime, Fields.StartTime, errors);
        var endTime = ParseTime(input.EndTime, Fields.EndTime, errors);
        if (date is null || startTime is null || endTime is null)
        {
            return (null, null);
        }

        var start = CopenhagenTime.FromLocal(date.Value, startTime.Value);
        var end = CopenhagenTime.FromLocal(date.Value, endTime.Value);
        if (start is null)
        {
            errors[Fields.StartTime] = Errors.NonexistentTime;
        }

        if (end is null)
        {
            errors[Fields.EndTime] = Errors.NonexistentTime;
        }

        if (start is null || end is null)
        {
            return (null, null);
        }

        if (start < now)
        {
            errors[Fields.StartTime] = Errors.InPast;
        }

        // Real elapsed time, not wall-clock difference: 01:00-04:00 on the spring-forward day is two hours.
        if (end <= start)
        {
            errors[Fields.EndTime] = Errors.EndNotAfterStart;
        }
        else if (end - start > MaxDuration)
        {
            errors[Fields.EndTime] = Errors.DurationTooLong;
        }

        return (start, end);
    }

    private static TimeOnly? ParseTime(string? raw, string field, Dictionary<string, string> errors)
    {
        if (Clean(raw) is not { } text)
        {
            errors[field] = Errors.Required;
            return null;
        }

        // Input.Time sends HH:mm; some clients add seconds.
        if (TimeOnly.TryParseExact(text, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return time;
        }

        errors[field] = Errors.InvalidTime;
        return null;
    }

    private static List<SessionInvitation> ValidateInvitees(string? raw, Project project, IReadOnlyCollection<ProjectMember> members, Dictionary<string, string> errors)
    {
        var ids = (raw ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (ids.Count == 0)
        {
            errors[Fields.Invitees] = Errors.Required;
            return [];
        }

        if (ids.Count > MaxInvitees)
        {
            errors[Fields.Invitees] = Errors.TooMany;
            return [];
        }

        var eligible = new Dictionary<string, ProjectRole>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (string.Equals(member.ProjectId, project.Id, StringComparison.Ordinal) && member.Role is ProjectRole.NeighbourhoodMother or ProjectRole.PartnerStaff)
            {
                eligible.TryAdd(member.ObjectId, member.Role);
            }
        }

        var invitees = new List<SessionInvitation>(ids.Count);
        foreach (var id in ids)
        {
            if (!eligible.TryGetValue(id, out var role))
            {
                errors[Fields.Invitees] = Errors.NotEligible;
                return [];
            }

            invitees.Add(new SessionInvitation(id, role));
        }

        return invitees;
    }

    private static void CheckText(string? text, string field, int maxLength, bool required, Dictionary<string, string> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors[field] = Errors.Required;
            }
        }
        else if (text.Length > maxLength)
        {
            errors[field] = Errors.TooLong;
        }
        else if (LooksLikeCpr(text))
        {
            // The title and agenda go to every invitee's Outlook: never a CPR number.
            errors[field] = Errors.LooksLikeCpr;
        }
    }

    /// <summary>True when the text holds something shaped like a CPR number (DDMMYY-XXXX), in any script's digits.</summary>
    public static bool LooksLikeCpr(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ascii = string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var digit = CharUnicodeInfo.GetDecimalDigitValue(source[i]);
                span[i] = digit >= 0 ? (char)('0' + digit) : source[i];
            }
        });
        return CprPattern().IsMatch(ascii);
    }

    private static string? Clean(string? raw) => string.IsNullOrWhiteSpace(raw) ? null : raw.Trim();

    [GeneratedRegex(@"(?<![0-9])(?:0[1-9]|[12][0-9]|3[01])(?:0[1-9]|1[0-2])[0-9]{2}[- ]?[0-9]{4}(?![0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex CprPattern();
}
