namespace PartnerHub.Core.Reporting;

/// <summary>
/// Small-number suppression for one project: counts from 1 to <see cref="Threshold"/> − 1 are never shown
/// (threshold 5: "any count from 1 to 4"). Zero is shown – it names nobody.
/// </summary>
public sealed record SuppressionRule
{
    public const int DefaultThreshold = 5;

    /// <summary>The lowest threshold a project may set: 1 would suppress nothing.</summary>
    public const int MinThreshold = 2;

    /// <summary>The highest: beyond it a small project's report would be all marks.</summary>
    public const int MaxThreshold = 100;

    public SuppressionRule(int threshold = DefaultThreshold)
    {
        // Threshold 1 would suppress nothing; a project cannot switch privacy off this way.
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, MinThreshold);
        Threshold = threshold;
    }

    public static SuppressionRule Default { get; } = new();

    public int Threshold { get; }

    /// <summary>Whether a coordinator may set this threshold (the tab and REST both ask here).</summary>
    public static bool IsValidThreshold(int? threshold) => threshold is >= MinThreshold and <= MaxThreshold;

    public bool IsTooSmall(int count) => count >= 1 && count < Threshold;

    /// <summary>Several projects in one view: the strictest (highest) threshold protects every one of them.</summary>
    public static SuppressionRule Strictest(IEnumerable<SuppressionRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var list = rules.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("At least one project's rule is needed.", nameof(rules));
        }

        return new SuppressionRule(list.Max(rule => rule.Threshold));
    }
}
