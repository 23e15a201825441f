using System.Globalization;
using System.Text.Json.Serialization;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Outreach;

/// <summary>A contact to log. Date yyyy-MM-dd (Copenhagen; default today), kind, 1-50 women, theme ids, services.</summary>
public sealed record LogOutreachRequest(string? Date, string? Kind, int? Women, IReadOnlyList<string>? Topics, IReadOnlyList<string>? Services)
{
    /// <summary>The body as the form reads it, the same strings a card sends.</summary>
    public OutreachFormInput FormInput(DateOnly today) => new()
    {
        Date = string.IsNullOrWhiteSpace(Date) ? today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Date,
        Kind = Kind,
        Women = Women?.ToString(CultureInfo.InvariantCulture),
        Topics = AsList(Topics),
        Services = AsList(Services),
    };

    /// <summary>The card's comma-joined form. A value with a comma in it would split into two: it becomes "?", refused as unknown.</summary>
    internal static string AsList(IReadOnlyList<string>? values) =>
        string.Join(',', (values ?? []).Select(value => value is null || value.Contains(',', StringComparison.Ordinal) ? "?" : value));
}

/// <summary>One of her entries: nothing about the women, by design. <paramref name="Version"/> is its ETag.</summary>
public sealed record OutreachEntryResponse(string Id, string Date, string Kind, int Women, IReadOnlyList<string> Topics, IReadOnlyList<string> Services, DateTimeOffset RecordedAt, int Version)
{
    public static OutreachEntryResponse From(OutreachEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(
            entry.Id,
            entry.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            entry.Kind.ToString(),
            entry.Women,
            entry.Topics,
            [.. entry.Services.Select(s => s.ToString())],
            entry.RecordedAt,
            entry.Version);
    }
}

/// <summary>An entry's corrected topics: theme ids of the project's catalogue, each once; an empty list removes them all.</summary>
public sealed record CorrectOutreachTopicsRequest([property: JsonRequired] IReadOnlyList<string>? Topics);

/// <summary>
/// An entry's topics and version (its ETag), for whoever may correct them. Nothing else of the entry: a coordinator
/// correcting them does not learn who logged it, when or how.
/// </summary>
public sealed record OutreachTopicsResponse(string Id, int Version, IReadOnlyList<string> Topics)
{
    public static OutreachTopicsResponse From(OutreachEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.Version, entry.Topics);
    }
}

public sealed record OutreachListResponse(IReadOnlyList<OutreachEntryResponse> Items);

/// <summary>A month's counts for the coordinator: aggregates only; the active mothers as a number, never who.</summary>
public sealed record OutreachMonthResponse(
    string Month,
    int Contacts,
    int Women,
    int ActiveMothers,
    IReadOnlyDictionary<string, int> ByKind,
    IReadOnlyDictionary<string, int> ByTopic,
    IReadOnlyDictionary<string, int> ByService)
{
    public static OutreachMonthResponse From(OutreachMonth month)
    {
        ArgumentNullException.ThrowIfNull(month);
        return new(
            ReportPeriod.MonthKey(month.Month),
            month.Entries,
            month.Women,
            month.Mothers.Count,
            month.ByKind.ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal),
            new Dictionary<string, int>(month.ByTopic, StringComparer.Ordinal),
            month.ByService.ToDictionary(p => p.Key.ToString(), p => p.Value, StringComparer.Ordinal));
    }
}
