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

        var moved = new Dictionary<string, int>(load, StringComparer.Ordinal);
        if (from is not null && moved.TryGetValue(from, out var before))
        {
            if (before <= 1)
            {
                moved.Remove(from);
            }
            else
            {
                moved[from] = before - 1;
            }
        }

        if (to is not null)
        {
            moved[to] = moved.GetValueOrDefault(to) + 1;
        }

        return moved;
    }
}
