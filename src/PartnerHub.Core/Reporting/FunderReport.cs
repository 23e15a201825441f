namespace PartnerHub.Core.Reporting;

/// <summary>How a table is best looked at; <see cref="None"/> when reading is better.</summary>
public enum ReportChart
{
    None,
    Bars,
    Lines,
}

/// <summary>
/// One published table. Rows and columns are keys, not text ("need.Health", "month.2026-10", "kind.HomeVisit"):
/// the labels come from the strings files in the reader's language. Cells are already suppressed.
/// </summary>
public sealed record ReportTable(
    string Id,
    IReadOnlyList<string> RowKeys,
    IReadOnlyList<string> ColumnKeys,
    SuppressedTable Cells,
    ReportChart Chart)
{
    /// <summary>
    /// True when a row can count the same referral or contact more than once (a referral with two needs), so the
    /// column total is a number of mentions, not of referrals.
    /// </summary>
    public bool CountsMentions { get; init; }
}

public enum ReportFigureKind
{
    /// <summary>A count; <see cref="ReportFigure.Basis"/> is the count itself.</summary>
    Count,

    /// <summary>A median number of days over <see cref="ReportFigure.Basis"/> cases.</summary>
    MedianDays,

    /// <summary>A percentage over <see cref="ReportFigure.Basis"/> cases (e.g. attendance).</summary>
    Percent,
}

/// <summary>
/// One number outside a table. A median or a rate over fewer cases than the threshold is hidden with its basis:
/// the median of three women's waits is nearly their waits.
/// </summary>
public sealed record ReportFigure(string Id, ReportFigureKind Kind, ReportCell Basis, double? Value)
{
    public bool IsSuppressed => Basis.IsSuppressed;

    public static ReportFigure Count(string id, int count, SuppressionRule rule) =>
        new(id, ReportFigureKind.Count, Cell(count, rule), null);

    public static ReportFigure Of(string id, ReportFigureKind kind, int basis, double? value, SuppressionRule rule)
    {
        var cell = Cell(basis, rule);
        return new(id, kind, cell, cell.IsSuppressed || basis == 0 ? null : value);
    }

    private static ReportCell Cell(int count, SuppressionRule rule) =>
        rule.IsTooSmall(count) ? ReportCell.Suppressed : ReportCell.Shown(count);
}

/// <summary>
/// The funder report: aggregates only, every number already suppressed, nothing about a person. One project, or a
/// programme lead's projects combined (<see cref="ProjectIds"/> has several).
/// </summary>
public sealed record FunderReport(
    IReadOnlyList<string> ProjectIds,
    IReadOnlyList<string> ProjectNames,
    ReportPeriod Period,
    SuppressionRule Rule,
    IReadOnlyList<ReportFigure> Figures,
    IReadOnlyList<ReportTable> Tables,
    DateTimeOffset MadeAt);
