namespace PartnerHub.Core.Reporting;

/// <summary>
/// Small-number suppression for one project: counts from 1 to <see cref="Threshold"/> − 1 are never shown
/// (threshold 5: "any count from 1 to 4"). Zero is shown – it names nobody.
/// </summary>
public sealed record SuppressionRule
{
    public const int DefaultThreshold = 5;

    public SuppressionRule(int threshold = DefaultThreshold)
    {
        // Threshold 1 would suppress nothing; a project cannot switch privacy off this way.
        ArgumentOutOfRangeException.ThrowIfLessThan(threshold, 2);
        Threshold = threshold;
    }

    public static SuppressionRule Default { get; } = new();

    public int Threshold { get; }

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
