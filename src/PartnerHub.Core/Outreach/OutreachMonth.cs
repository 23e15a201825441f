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
    public OutreachMonth Add(OutreachEntry entry) => Counted(entry, +1);

    /// <summary>
    /// These counts with an entry corrected: <paramref name="before"/> counted out, <paramref name="after"/> counted in,
    /// by the same rule as <see cref="Add"/>, so the month is what it would be had the entry been logged as corrected.
    /// Throws unless both are the same entry of this month.
    /// </summary>
    public OutreachMonth Corrected(OutreachEntry before, OutreachEntry after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Id != after.Id || before.MotherObjectId != after.MotherObjectId || MonthOf(before.Date) != MonthOf(after.Date))
        {
            throw new ArgumentException("A correction keeps the entry, its mother and its month.", nameof(after));
        }

        return Counted(before, -1).Counted(after, +1);
    }

    /// <summary>
    /// The one counting rule: every counter the entry touches moves by <paramref name="sign"/>, and a counter that comes
    /// to zero is dropped (as if never counted). The mother stays active when an entry is counted out: she is counted in
    /// again by the corrected one.
    /// </summary>
    private OutreachMonth Counted(OutreachEntry entry, int sign)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (MonthOf(entry.Date) != Month)
        {
            throw new ArgumentException("The entry belongs to another month.", nameof(entry));
        }

        var mothers = new HashSet<string>(Mothers, StringComparer.Ordinal);
        if (sign > 0)
        {
            mothers.Add(entry.MotherObjectId);
        }

        return this with
        {
            Entries = Entries + sign,
            Women = Women + (sign * entry.Women),
            ByKind = Moved<OutreachKind>(ByKind, [entry.Kind], sign),
            ByTopic = Moved(ByTopic, entry.Topics.Distinct(StringComparer.Ordinal), sign, StringComparer.Ordinal),
            ByService = Moved(ByService, entry.Services.Distinct(), sign),
            Mothers = mothers,
        };
    }

    private static Dictionary<TKey, int> Moved<TKey>(IReadOnlyDictionary<TKey, int> counts, IEnumerable<TKey> keys, int sign, IEqualityComparer<TKey>? comparer = null)
        where TKey : notnull
    {
        var moved = new Dictionary<TKey, int>(counts, comparer);
        foreach (var key in keys)
        {
            var count = moved.GetValueOrDefault(key) + sign;
            if (count == 0)
            {
                moved.Remove(key);
            }
            else
            {
                moved[key] = count;
            }
        }

        return moved;
    }
}
