namespace PartnerHub.Core.Outreach;

/// <summary>
/// One project's outreach counts for one Copenhagen calendar month: kept beside the entries and changed in the same
/// transaction, so a report reads a few rows instead of the log. The active mothers are kept as their object ids only,
/// so a period's active mothers are counted once across its months.
/// </summary>
public sealed record OutreachMonth(
    DateOnly Month,
    int Entries,
    int Women,
    IReadOnlyDictionary<OutreachKind, int> ByKind,
    IReadOnlyDictionary<string, int> ByTopic,
    IReadOnlyDictionary<OutreachService, int> ByService,
    IReadOnlySet<string> Mothers)
{
    public static OutreachMonth Empty(DateOnly month) => new(
        new DateOnly(month.Year, month.Month, 1),
        0,
        0,
        new Dictionary<OutreachKind, int>(),
        new Dictionary<string, int>(StringComparer.Ordinal),
        new Dictionary<OutreachService, int>(),
        new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The first day of the month an entry counts in.</summary>
    public static DateOnly MonthOf(DateOnly date) => new(date.Year, date.Month, 1);

    /// <summary>These counts with one more entry; throws when the entry belongs to another month.</summary>
    public OutreachMonth Add(OutreachEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (MonthOf(entry.Date) != Month)
        {
            throw new ArgumentException("The entry belongs to another month.", nameof(entry));
        }

        var byTopic = new Dictionary<string, int>(ByTopic, StringComparer.Ordinal);
        foreach (var topic in entry.Topics.Distinct(StringComparer.Ordinal))
        {
            byTopic[topic] = byTopic.GetValueOrDefault(topic) + 1;
        }

        var byService = new Dictionary<OutreachService, int>(ByService);
        foreach (var service in entry.Services.Distinct())
        {
            byService[service] = byService.GetValueOrDefault(service) + 1;
        }

        var byKind = new Dictionary<OutreachKind, int>(ByKind) { [entry.Kind] = ByKind.GetValueOrDefault(entry.Kind) + 1 };
        var mothers = new HashSet<string>(Mothers, StringComparer.Ordinal) { entry.MotherObjectId };
        return this with { Entries = Entries + 1, Women = Women + entry.Women, ByKind = byKind, ByTopic = byTopic, ByService = byService, Mothers = mothers };
    }
}
