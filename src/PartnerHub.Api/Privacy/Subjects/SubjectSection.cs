namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// One feature's part of an export: a named section ("referral", "sessions", …; its heading is
/// <c>subjectExport.sections.{Name}</c> in the strings) with one entry per stored record.
/// </summary>
public sealed record SubjectSection(string Name, IReadOnlyList<SubjectRecord> Records)
{
    /// <summary>The audit's records (type, id) whose readers and changes belong in the export: her referral, its onward referrals.</summary>
    public IReadOnlyList<(string RecordType, string RecordId)> AuditedAs { get; init; } = [];

    /// <summary>When the oldest of those records was made: the audit is read from then (at most <see cref="Storage.AuditQuery.MaxMonths"/> months).</summary>
    public DateTimeOffset? Since { get; init; }
}

/// <summary>One stored record (a referral, a session, a booking) and the fields it holds about her.</summary>
public sealed record SubjectRecord(string Id, IReadOnlyList<SubjectField> Fields);

/// <summary>How a field's value is shown in the readable document; the JSON file has the value as stored.</summary>
public enum SubjectValueKind
{
    /// <summary>Text a person typed or chose: always escaped, never interpreted.</summary>
    Text,

    /// <summary>A calendar date, "yyyy-MM-dd".</summary>
    Date,

    /// <summary>An instant, ISO 8601 ("o").</summary>
    Instant,

    /// <summary>A person's Entra object id: shown with her first name where the project's directory has her.</summary>
    PersonId,
}

/// <summary>A field by its name in the code ("FirstName"; its label is <c>subjectExport.fields.{Name}</c>) and its value.</summary>
public sealed record SubjectField(string Name, string? Value, SubjectValueKind Kind = SubjectValueKind.Text)
{
    /// <summary>
    /// For a code (an enum's name, a language code, a list of them joined by ", "): the strings group that names each
    /// in people's words ("states", "consent.givenBy"), as the cards show it; the code itself where the group has none.
    /// </summary>
    public string? Group { get; init; }

    public static SubjectField Text(string name, string? value) => new(name, value);

    public static SubjectField Code(string name, string? value, string group) => new(name, value) { Group = group };

    public static SubjectField Date(string name, DateOnly? value) =>
        new(name, value?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), SubjectValueKind.Date);

    public static SubjectField Instant(string name, DateTimeOffset? value) =>
        new(name, value?.ToUniversalTime().ToString("o", System.Globalization.CultureInfo.InvariantCulture), SubjectValueKind.Instant);

    public static SubjectField Person(string name, string? objectId) => new(name, objectId, SubjectValueKind.PersonId);

    public static SubjectField List(string name, IEnumerable<string> values) => new(name, string.Join(", ", values));

    public static SubjectField Codes(string name, IEnumerable<string> values, string group) => List(name, values) with { Group = group };
}
