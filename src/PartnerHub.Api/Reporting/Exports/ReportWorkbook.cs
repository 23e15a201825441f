using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting.Exports;

/// <summary>
/// The report as an .xlsx workbook (DocumentFormat.OpenXml; README.md says why): a summary sheet with the period, the
/// projects, the threshold, the legend and the figures, then one sheet per table. Counts are numeric cells, hidden
/// cells the mark as text. No formulas anywhere: a SUM over a hidden cell's line would give it back.
/// </summary>
public static class ReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private const uint BoldStyle = 1;
    private const uint DecimalStyle = 2;

    public static byte[] Create(FunderReport report, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new Workbook();
            AddStyles(workbookPart);
            var sheets = workbookPart.Workbook.AppendChild(new Sheets());
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            AddSheet(workbookPart, sheets, SheetName(text["summarySheet"], names), Summary(report, text), 1);
            foreach (var table in report.Tables)
            {
                AddSheet(workbookPart, sheets, SheetName(text.TableTitle(table.Id), names), TableRows(report, table, text), 2 + sheets.Count());
            }

            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static List<List<Value>> Summary(FunderReport report, ReportText text)
    {
        var rows = new List<List<Value>>
        {
            new() { Value.Bold(text["title"]) },
            new() { Value.Text(text[report.ProjectNames.Count > 1 ? "projects" : "project"]), Value.Text(string.Join(", ", report.ProjectNames)) },
            new() { Value.Text(text["period"]), Value.Text(text.Period(report.Period)) },
            new() { Value.Text(text.Format("threshold", report.Rule.Threshold)) },
            new() { Value.Text(text.Mark), Value.Text(text.Legend(report.Rule.Threshold)) },
            new() { Value.Text(text.Format("madeAt", CopenhagenDates.Date(report.MadeAt, text.Language))) },
            new(),
            new() { Value.Bold(text["figure"]), Value.Bold(text["value"]) },
        };
        foreach (var figure in report.Figures)
        {
            rows.Add([Value.Text(text.FigureTitle(figure.Id)), FigureValue(figure, report.Rule.Threshold, text)]);
        }

        return rows;
    }

    /// <summary>A shown count is a number; anything with a unit, or hidden, is its text as read in the tab.</summary>
    private static Value FigureValue(ReportFigure figure, int threshold, ReportText text) =>
        figure is { Kind: ReportFigureKind.Count, Basis.Count: { } count } ? Value.Number(count) : Value.Text(text.Figure(figure, threshold));

    private static List<List<Value>> TableRows(FunderReport report, ReportTable table, ReportText text)
    {
        var cells = table.Cells;
        var header = new List<Value> { Value.Bold(string.Empty) };
        header.AddRange(table.ColumnKeys.Select(key => Value.Bold(text.Key(key))));
        if (cells.HasRowTotals)
        {
            header.Add(Value.Bold(text.Total(table)));
        }

        var rows = new List<List<Value>>
        {
            new() { Value.Bold(text.TableTitle(table.Id)) },
            new() { Value.Text(text.Period(report.Period)) },
            new(),
            header,
        };
        for (var row = 0; row < cells.Rows; row++)
        {
            var line = new List<Value> { Value.Text(text.Key(table.RowKeys[row])) };
            line.AddRange(Enumerable.Range(0, cells.Columns).Select(column => Cell(cells[row, column], text)));
            if (cells.HasRowTotals)
            {
                line.Add(Cell(cells.RowTotal(row), text));
            }

            rows.Add(line);
        }

        if (cells.HasColumnTotals)
        {
            var totals = new List<Value> { Value.Bold(text.Total(table)) };
            totals.AddRange(Enumerable.Range(0, cells.Columns).Select(column => Cell(cells.ColumnTotal(column), text)));
            if (cells.HasRowTotals)
            {
                totals.Add(Cell(cells.GrandTotal, text));
            }

            rows.Add(totals);
        }

        rows.Add([]);
        rows.Add([Value.Text(text.Mark), Value.Text(text.Legend(report.Rule.Threshold))]);
        if (table.CountsMentions)
        {
            rows.Add([Value.Text(text["mentionsNote"])]);
        }

        return rows;
    }

    private static Value Cell(ReportCell cell, ReportText text) => cell.Count is { } count ? Value.Number(count) : Value.Text(text.Mark);

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, string name, List<List<Value>> rows, int sheetId)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)(r + 1) };
            for (var c = 0; c < rows[r].Count; c++)
            {
                row.AppendChild(rows[r][c].ToCell(ColumnName(c) + (r + 1)));
            }

            data.AppendChild(row);
        }

        var columns = new Columns(
            new Column { Min = 1, Max = 1, Width = 48, CustomWidth = true },
            new Column { Min = 2, Max = 16, Width = 18, CustomWidth = true });
        part.Worksheet = new Worksheet(columns, data);
        sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)sheetId, Name = name });
    }

    private static void AddStyles(WorkbookPart workbookPart)
    {
        // Excel needs the two default fills and a border; then plain, bold, and one decimal.
        var formats = new CellFormats(
            new CellFormat(),
            new CellFormat { FontId = 1, ApplyFont = true },
            new CellFormat { NumberFormatId = 164, ApplyNumberFormat = true });
        formats.Count = 3;
        var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "0.0" }) { Count = 1 },
            new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
            new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
            new Borders(new Border()) { Count = 1 },
            formats);
    }

    /// <summary>Excel's rules: at most 31 characters, none of []:*?/\, unique regardless of case.</summary>
    private static string SheetName(string title, HashSet<string> taken)
    {
        var clean = new string(title.Select(ch => "[]:*?/\\".Contains(ch, StringComparison.Ordinal) ? ' ' : ch).ToArray()).Trim();
        var name = clean.Length > 31 ? clean[..31].TrimEnd() : clean;
        for (var n = 2; !taken.Add(name); n++)
        {
            var suffix = " " + n;
            name = (clean.Length > 31 - suffix.Length ? clean[..(31 - suffix.Length)].TrimEnd() : clean) + suffix;
        }

        return name;
    }

    internal static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>One cell's content: a number, or text (inline, so the workbook needs no shared-string table).</summary>
    private readonly record struct Value(string? Words, double? Amount, bool IsBold)
    {
        public static Value Text(string text) => new(text, null, false);

        public static Value Bold(string text) => new(text, null, true);

        public static Value Number(double number) => new(null, number, false);

        public Cell ToCell(string reference)
        {
            if (Amount is { } number)
            {
                var style = number == Math.Floor(number) ? 0u : DecimalStyle;
                return new Cell { CellReference = reference, DataType = CellValues.Number, CellValue = new CellValue(number), StyleIndex = style };
            }

            return new Cell
            {
                CellReference = reference,
                DataType = CellValues.InlineString,
                InlineString = new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(Words ?? string.Empty) { Space = SpaceProcessingModeValues.Preserve }),
                StyleIndex = IsBold ? BoldStyle : 0u,
            };
        }
    }
}
