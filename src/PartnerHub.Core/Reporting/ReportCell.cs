namespace PartnerHub.Core.Reporting;

/// <summary>
/// One published number: either shown or suppressed. A suppressed cell carries no count at all, so no export can leak
/// it by mistake; the display text ("&lt;5") belongs to the strings, built from the table's threshold.
/// </summary>
public readonly record struct ReportCell
{
    private ReportCell(int? count) => Count = count;

    public static ReportCell Suppressed { get; }

    public static ReportCell Shown(int count) => new(count);

    /// <summary>The count when shown; null when suppressed.</summary>
    public int? Count { get; }

    public bool IsSuppressed => Count is null;
}
