using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Outreach;

/// <summary>
/// The outreach rows in a project's partition and their JSON: the entry, her index row (the entry again, so her list
/// is one prefix read), the dedupe row and the month's counters.
/// </summary>
internal static class OutreachRows
{
    public const string EntryPrefix = "outreach|";
    public const string OwnPrefix = "outreach-of|";
    public const string DedupePrefix = "outreach-dedupe|";
    public const string MonthPrefix = "outreach-month|";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string EntryKey(string id) => EntryPrefix + id;

    public static string OwnListPrefix(string objectId) => OwnPrefix + TableKeys.Escape(objectId) + "|";

    /// <summary>Newest first: the later the day (then the later she logged it), the smaller the key.</summary>
    public static string OwnKey(OutreachEntry entry)
    {
        var sortTicks = entry.Date.ToDateTime(TimeOnly.MinValue).Ticks + entry.RecordedAt.UtcDateTime.TimeOfDay.Ticks;
        var inverted = (DateTime.MaxValue.Ticks - sortTicks).ToString("D19", CultureInfo.InvariantCulture);
        return OwnListPrefix(entry.MotherObjectId) + inverted + "|" + entry.Id;
    }

    /// <summary>Her retry key, hashed with her id: neither is readable from the row, and no key can widen a range.</summary>
    public static string DedupeKey(string objectId, string idempotencyKey) =>
        DedupePrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(objectId + "\n" + idempotencyKey)))[..32];

    public static string MonthKey(DateOnly month) => MonthPrefix + ReportPeriod.MonthKey(month);

    public static TableEntity EntryRow(string rowKey, OutreachEntry entry) => new(entry.ProjectId, rowKey)
    {
        ["Data"] = JsonSerializer.Serialize(EntryJson.From(entry), Json),
    };

    public static OutreachEntry? ReadEntry(TableEntity row) =>
        JsonSerializer.Deserialize<EntryJson>(row.GetString("Data") ?? "null", Json)?.ToEntry(row.PartitionKey);

    public static TableEntity MonthRow(string projectId, OutreachMonth month) => new(projectId, MonthKey(month.Month))
    {
        ["Data"] = JsonSerializer.Serialize(MonthJson.From(month), Json),
    };

    public static OutreachMonth ReadMonth(DateOnly month, TableEntity row) =>
        JsonSerializer.Deserialize<MonthJson>(row.GetString("Data") ?? "null", Json)?.ToMonth(month) ?? OutreachMonth.Empty(month);

    /// <param name="Version">Absent from entries stored before corrections existed: they are version 1.</param>
    internal sealed record EntryJson(string Id, string Mother, string Date, string Kind, int Women, List<string> Topics, List<string> Services, DateTimeOffset RecordedAt, int Version = 1)
    {
        public static EntryJson From(OutreachEntry e) => new(
            e.Id,
            e.MotherObjectId,
            e.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            e.Kind.ToString(),
            e.Women,
            [.. e.Topics],
            [.. e.Services.Select(s => s.ToString())],
            e.RecordedAt,
            e.Version);

        public OutreachEntry ToEntry(string projectId) => new(
            Id,
            projectId,
            Mother,
            DateOnly.ParseExact(Date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Enum.Parse<OutreachKind>(Kind),
            Women,
            Topics,
            [.. Services.Select(Enum.Parse<OutreachService>)],
            RecordedAt,
            Version);
    }

    internal sealed record MonthJson(
        int Entries,
        int Women,
        Dictionary<string, int> Kinds,
        Dictionary<string, int> Topics,
        Dictionary<string, int> Services,
        List<string> Mothers)
    {
        public static MonthJson From(OutreachMonth m) => new(
            m.Entries,
            m.Women,
            m.ByKind.ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal),
            new Dictionary<string, int>(m.ByTopic, StringComparer.Ordinal),
            m.ByService.ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal),
            [.. m.Mothers.Order(StringComparer.Ordinal)]);

        public OutreachMonth ToMonth(DateOnly month) => new(
            OutreachMonth.MonthOf(month),
            Entries,
            Women,
            Kinds.ToDictionary(p => Enum.Parse<OutreachKind>(p.Key), p => p.Value),
            new Dictionary<string, int>(Topics, StringComparer.Ordinal),
            Services.ToDictionary(p => Enum.Parse<OutreachService>(p.Key), p => p.Value),
            new HashSet<string>(Mothers, StringComparer.Ordinal));
    }
}
