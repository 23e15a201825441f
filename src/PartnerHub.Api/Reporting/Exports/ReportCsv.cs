using PartnerHub.Api.Documents;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting.Exports;

/// <summary>
/// The report as CSV that Danish Excel opens by double-click: UTF-8 with a byte order mark (or æøå turn to mojibake),
/// semicolons (Danish Excel's list separator, since the comma is the decimal mark), CRLF, decimals with a comma. The
/// header lines, the figures, then one block per table with its title on a line of its own and a blank line after.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = ExcelCsv.ContentType;

    public static byte[] Create(FunderReport report, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        var csv = new ExcelCsv();
        csv.Line(text["title"]);
        csv.Line(text[report.ProjectNames.Count > 1 ? "projects" : "project"], string.Join(", ", report.ProjectNames));
        csv.Line(text["period"], text.Period(report.Period));
        csv.Line(text.Format("threshold", report.Rule.Threshold));
        csv.Line(text.Mark, text.Legend(report.Rule.Threshold));
        csv.Line(text.Format("madeAt", CopenhagenDates.Date(report.MadeAt, text.Language)));
        csv.BlankLine();

        csv.Line(text["figuresHeading"]);
        csv.Line(text["figure"], text["value"]);
        foreach (var figure in report.Figures)
        {
            csv.Line(text.FigureTitle(figure.Id), figure is { Kind: ReportFigureKind.Count, Basis.Count: { } count } ? count.ToString(text.Culture) : text.Figure(figure, report.Rule.Threshold));
        }

        foreach (var table in report.Tables)
        {
            csv.BlankLine();
            Table(csv, table, text);
        }

        return csv.ToBytes();
    }

    private static void Table(ExcelCsv csv, ReportTable table, ReportText text)
    {
        var cells = table.Cells;
        csv.Line(text.TableTitle(table.Id));
        var header = new List<string> { string.Empty };
        header.AddRange(table.ColumnKeys.Select(text.Key));
        if (cells.HasRowTotals)
        {
            header.Add(text.Total(table));
        }

        csv.Line([.. header]);
        for (var row = 0; row < cells.Rows; row++)
        {
            var line = new List<string> { text.Key(table.RowKeys[row]) };
            line.AddRange(Enumerable.Range(0, cells.Columns).Select(column => Cell(cells[row, column], text)));
            if (cells.HasRowTotals)
            {
                line.Add(Cell(cells.RowTotal(row), text));
            }

            csv.Line([.. line]);
        }

        if (cells.HasColumnTotals)
        {
            var totals = new List<string> { text.Total(table) };
            totals.AddRange(Enumerable.Range(0, cells.Columns).Select(column => Cell(cells.ColumnTotal(column), text)));
            if (cells.HasRowTotals)
            {
                totals.Add(Cell(cells.GrandTotal, text));
            }

            csv.Line([.. totals]);
        }

        if (table.CountsMentions)
        {
            csv.Line(text["mentionsNote"]);
        }
    }

    // Plain digits, no thousands separator: Danish Excel reads "1234" as a number, and "1.234" would be ambiguous elsewhere.
    private static string Cell(ReportCell cell, ReportText text) =>
        cell.Count is { } count ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : text.Mark;

    /// <summary>The one CSV field rule: <see cref="ExcelCsv.Field"/>.</summary>
    internal static string Field(string value) => ExcelCsv.Field(value);
}
