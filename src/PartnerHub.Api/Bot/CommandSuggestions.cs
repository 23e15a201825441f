namespace PartnerHub.Api.Bot;

/// <summary>
/// Which known words a mistyped message was probably meant as: a word she started typing ("hen" → "henvis"), a word
/// followed by more ("henvis en kvinde"), or a word within a few typos (optimal string alignment distance, so a swapped
/// pair of letters counts as one: "henvsi"). Pure: no I/O, no culture.
/// </summary>
public static class CommandSuggestions
{
    /// <summary>The keys of the closest words, best first, each key once.</summary>
    public static IReadOnlyList<TKey> Closest<TKey>(string? input, IEnumerable<(string Word, TKey Key)> words, int max)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(words);
        var typed = (input ?? string.Empty).Trim().ToLowerInvariant();
        if (typed.Length == 0 || max <= 0)
        {
            return [];
        }

        var best = new Dictionary<TKey, int>();
        var order = new Dictionary<TKey, int>();
        foreach (var (word, key) in words)
        {
            order.TryAdd(key, order.Count);
            var score = Score(typed, word.ToLowerInvariant());
            if (score is { } s && (!best.TryGetValue(key, out var current) || s < current))
            {
                best[key] = s;
            }
        }

        return best.OrderBy(b => b.Value).ThenBy(b => order[b.Key]).Take(max).Select(b => b.Key).ToList();
    }

    /// <summary>0 for a prefix either way, the edit distance when within tolerance, null when not close.</summary>
    private static int? Score(string typed, string word)
    {
        if ((typed.Length >= 2 && word.StartsWith(typed, StringComparison.Ordinal)) || typed.StartsWith(word + " ", StringComparison.Ordinal))
        {
            return 0;
        }

        // Short words tolerate one typo, longer ones two or three: "hej" must not become "henvis".
        var tolerance = word.Length <= 4 ? 1 : word.Length <= 8 ? 2 : 3;
        if (Math.Abs(typed.Length - word.Length) > tolerance)
        {
            return null;
        }

        var distance = Distance(typed, word);
        return distance <= tolerance ? distance : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent transpositions.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
