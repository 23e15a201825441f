using System.Globalization;
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
    private static string AsList(IReadOnlyList<string>? values) =>
        string.Join(',', (values ?? []).Select(value => value is null || value.Contains(',', StringComparison.Ordinal) ? "?" : value));
}

/// <summary>One of her entries: nothing about the women, by design.</summary>
public sealed record OutreachEntryResponse(string Id, string Date, string Kind, int Women, IReadOnlyList<string> Topics, IReadOnlyList<string> Services, DateTimeOffset RecordedAt)
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
            entry.RecordedAt);
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
