using System.Text;
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
    public const string ContentType = "text/csv; charset=utf-8";

    private const char Separator = ';';
    private const string NewLine = "\r\n";

    public static byte[] Create(FunderReport report, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        var csv = new StringBuilder();
        Line(csv, text["title"]);
        Line(csv, text[report.ProjectNames.Count > 1 ? "projects" : "project"], string.Join(", ", report.ProjectNames));
        Line(csv, text["period"], text.Period(report.Period));
        Line(csv, text.Format("threshold", report.Rule.Threshold));
        Line(csv, text.Mark, text.Legend(report.Rule.Threshold));
        Line(csv, text.Format("madeAt", CopenhagenDates.Date(report.MadeAt, text.Language)));
        csv.Append(NewLine);

        Line(csv, text["figuresHeading"]);
        Line(csv, text["figure"], text["value"]);
        foreach (var figure in report.Figures)
        {
            Line(csv, text.FigureTitle(figure.Id), figure is { Kind: ReportFigureKind.Count, Basis.Count: { } count } ? count.ToString(text.Culture) : text.Figure(figure, report.Rule.Threshold));
        }

        foreach (var table in report.Tables)
        {
            csv.Append(NewLine);
            Table(csv, table, text);
        }

        var preamble = Encoding.UTF8.GetPreamble();
        var body = Encoding.UTF8.GetBytes(csv.ToString());
        return [.. preamble, .. body];
    }

    private static void Table(StringBuilder csv, ReportTable table, ReportText text)
    {
        var cells = table.Cells;
        Line(csv, text.TableTitle(table.Id));
        var header = new List<string> { string.Empty };
        header.AddRange(table.ColumnKeys.Select(text.Key));
        if (cells.HasRowTotals)
        {
            header.Add(text.Total(table));
        }

        Line(csv, [.. header]);
        for (var row = 0; row < cells.Rows; row++)
        {
            var line = new List<string> { text.Key(table.RowKeys[row]) };
            line.AddRange(Enumerable.Range(0, cells.Columns).Select(column => Cell(cells[row, column], text)));
            if (cells.HasRowTotals)
            {
                line.Add(Cell(cells.RowTotal(row), text));
            }

            Line(csv, [.. line]);
        }

        if (cells.HasColumnTotals)
        {
            var totals = new List<string> { text.Total(table) };
            totals.AddRange(Enumerable.Range(0, cells.Columns).Select(column => Cell(cells.ColumnTotal(column), text)));
            if (cells.HasRowTotals)
            {
                totals.Add(Cell(cells.GrandTotal, text));
            }

            Line(csv, [.. totals]);
        }

        if (table.CountsMentions)
        {
            Line(csv, text["mentionsNote"]);
        }
    }

    // Plain digits, no thousands separator: Danish Excel reads "1234" as a number, and "1.234" would be ambiguous elsewhere.
    private static string Cell(ReportCell cell, ReportText text) =>
        cell.Count is { } count ? count.ToString(System.Globalization.CultureInfo.InvariantCulture) : text.Mark;

    private static void Line(StringBuilder csv, params string[] fields)
    {
        csv.AppendJoin(Separator, fields.Select(Field));
        csv.Append(NewLine);
    }

    /// <summary>
    /// Quoted when it holds a separator, a quote or a line break; a field Excel would run as a formula (=, +, -, @ first,
    /// e.g. in a project's name) gets a leading apostrophe.
    /// </summary>
    internal static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
