using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>One published number: <c>value</c> null and <c>hidden</c> true when suppressed. Never the raw count.</summary>
public sealed record CellResponse(int? Value, bool Hidden)
{
    public static CellResponse Of(ReportCell cell) => new(cell.Count, cell.IsSuppressed);
}

/// <summary>A figure: kind <c>count</c> (value = basis), <c>medianDays</c> or <c>percent</c>; <c>basis</c> the number of cases it stands on.</summary>
public sealed record FigureResponse(string Id, string Kind, CellResponse Basis, double? Value, bool Hidden);

/// <summary>
/// A table: <c>cells[row][column]</c> under <c>rowKeys</c> × <c>columnKeys</c>; row totals when it has more than one
/// column, column totals when it has more than one row, and the grand total. Chart: <c>none</c>, <c>bars</c>, <c>lines</c>.
/// </summary>
public sealed record TableResponse(
    string Id,
    IReadOnlyList<string> RowKeys,
    IReadOnlyList<string> ColumnKeys,
    string Chart,
    bool CountsMentions,
    IReadOnlyList<IReadOnlyList<CellResponse>> Cells,
    IReadOnlyList<CellResponse>? RowTotals,
    IReadOnlyList<CellResponse>? ColumnTotals,
    CellResponse GrandTotal);

/// <summary>The funder report as JSON: aggregates only, already suppressed with <c>threshold</c>.</summary>
public sealed record FunderReportResponse(
    IReadOnlyList<string> ProjectIds,
    IReadOnlyList<string> ProjectNames,
    string Period,
    DateOnly FirstMonth,
    DateOnly LastMonth,
    int Threshold,
    DateTimeOffset MadeAt,
    IReadOnlyList<FigureResponse> Figures,
    IReadOnlyList<TableResponse> Tables)
{
    public static FunderReportResponse Of(FunderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            report.ProjectIds,
            report.ProjectNames,
            report.Period.ToString(),
            report.Period.FirstMonth,
            report.Period.LastMonth,
            report.Rule.Threshold,
            report.MadeAt,
            report.Figures.Select(f => new FigureResponse(f.Id, Camel(f.Kind.ToString()), CellResponse.Of(f.Basis), f.Kind == ReportFigureKind.Count ? f.Basis.Count : f.Value, f.IsSuppressed)).ToList(),
            report.Tables.Select(Table).ToList());
    }

    private static TableResponse Table(ReportTable table)
    {
        var cells = table.Cells;
        return new(
            table.Id,
            table.RowKeys,
            table.ColumnKeys,
            Camel(table.Chart.ToString()),
            table.CountsMentions,
            Enumerable.Range(0, cells.Rows).Select(r => (IReadOnlyList<CellResponse>)Enumerable.Range(0, cells.Columns).Select(c => CellResponse.Of(cells[r, c])).ToList()).ToList(),
            cells.HasRowTotals ? Enumerable.Range(0, cells.Rows).Select(r => CellResponse.Of(cells.RowTotal(r))).ToList() : null,
            cells.HasColumnTotals ? Enumerable.Range(0, cells.Columns).Select(c => CellResponse.Of(cells.ColumnTotal(c))).ToList() : null,
            CellResponse.Of(cells.GrandTotal));
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>The project's report settings; <c>etag</c> is what a change sends in <c>If-Match</c> (absent: never set, send <c>If-None-Match: *</c>).</summary>
public sealed record ReportSettingsResponse(int Threshold, string? ETag);

/// <summary>A new threshold: a whole number, at least 2 (default 5).</summary>
public sealed record ReportSettingsRequest(int? Threshold);

/// <summary>A programme lead's appointment: the projects (of the administrator's tenant) and the first name shown to her.</summary>
public sealed record ProgrammeLeadRequest(IReadOnlyList<string?>? ProjectIds, string? FirstName);

public sealed record ProgrammeLeadResponse(string ObjectId, string FirstName, IReadOnlyList<string> ProjectIds, string ETag);
