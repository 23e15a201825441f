namespace PartnerHub.Api.Referrals;

/// <summary>The mothers' open load ("Samira – 2 aktive") after one referral moved from one mother's load to another's.</summary>
public static class OpenLoad
{
    /// <param name="from">The mother whose load it counted in before (null: none).</param>
    /// <param name="to">The mother whose load it counts in now (null: none).</param>
    public static IReadOnlyDictionary<string, int> Moved(IReadOnlyDictionary<string, int> load, string? from, string? to)
    {
        ArgumentNullException.ThrowIfNull(load);
        if (string.Equals(from, to, StringComparison.Ordinal))
        {
            return load;
        }

        // Signed: writes finishing out of order (CachedReads.ApplyAsync) may take one off before it was added.
        var moved = new Dictionary<string, int>(load, StringComparer.Ordinal);
        Add(moved, from, -1);
        Add(moved, to, 1);
        return moved;
    }

    /// <summary>What a mother's open load shows: a count briefly below zero (see <see cref="Moved"/>) is none.</summary>
    public static int Of(IReadOnlyDictionary<string, int> load, string motherId)
    {
        ArgumentNullException.ThrowIfNull(load);
        return Math.Max(0, load.GetValueOrDefault(motherId));
    }

    private static void Add(Dictionary<string, int> load, string? mother, int delta)
    {
        if (mother is null)
        {
            return;
        }

        var count = load.GetValueOrDefault(mother) + delta;
        if (count == 0)
        {
            load.Remove(mother);
        }
        else
        {
            load[mother] = count;
        }
    }
}
