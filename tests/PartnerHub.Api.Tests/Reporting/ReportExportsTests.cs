using System.Globalization;
using System.Text.RegularExpressions;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Reporting.Exports;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>Each export read back with the library a reader would use and compared cell by cell with the report.</summary>
public sealed partial class ReportExportsTests
{
    private static readonly ReportTexts Texts = new();

    [Theory]
    [InlineData("da")]
    [InlineData("en")]
    public void The_workbook_has_a_summary_and_one_sheet_per_table_with_every_cell_as_in_the_report(string language)
    {
        var report = ReportSamples.Typical();
        var text = Texts.For(language);
        var (sheets, anyFormula) = ExportReaders.Xlsx(ReportWorkbook.Create(report, text));

        Assert.False(anyFormula);
        Assert.Equal(report.Tables.Count + 1, sheets.Count);
        var summary = sheets[0].Cells;
        Assert.Equal(text["title"], summary[(0, 0)].Text);
        Assert.Equal(text.Period(report.Period), summary[(2, 1)].Text);
        Assert.Equal(text.Legend(5), summary[(4, 1)].Text);
        for (var i = 0; i < report.Figures.Count; i++)
        {
            var figure = report.Figures[i];
            Assert.Equal(text.FigureTitle(figure.Id), summary[(8 + i, 0)].Text);
            var value = summary[(8 + i, 1)];
            if (figure is { Kind: ReportFigureKind.Count, Basis.Count: { } count })
            {
                Assert.Equal(count, value.Number);
            }
            else
            {
                Assert.Equal(text.Figure(figure, 5), value.Text);
            }
        }

        foreach (var (table, sheet) in report.Tables.Zip(sheets.Skip(1)))
        {
            Assert.Equal(text.TableTitle(table.Id), sheet.Cells[(0, 0)].Text);
            Assert.Equal(Grid(table, text), SheetGrid(sheet.Cells, table));
        }
    }

    [Fact]
    public void The_csv_is_utf8_with_bom_semicolons_and_crlf_and_every_block_matches_the_report()
    {
        var report = ReportSamples.Typical(period: ReportPeriod.Custom(new DateOnly(2026, 1, 1), new DateOnly(2026, 6, 1)));
        var text = Texts.For("da");
        var records = ExportReaders.Csv(ReportCsv.Create(report, text));

        Assert.Equal(["Periode", "januar–juni 2026"], records[2]);
        var median = records.Single(r => r[0] == "Median antal dage fra henvisning til første kontakt");
        Assert.Equal("4,5 dage", median[1]);
        Assert.Equal("<5", records.Single(r => r[0] == "Aktive bydelsmødre")[1]);
        foreach (var table in report.Tables)
        {
            Assert.Equal(Grid(table, text), CsvBlock(records, table, text));
        }
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("-Nord", "'-Nord")]
    [InlineData("Nord; Syd", "\"Nord; Syd\"")]
    [InlineData("Øster \"Bro\"", "\"Øster \"\"Bro\"\"\"")]
    [InlineData("Vollsmose", "Vollsmose")]
    public void A_csv_field_is_quoted_where_needed_and_never_runs_as_a_formula(string value, string written)
    {
        Assert.Equal(written, ReportCsv.Field(value));
    }

    [Theory]
    [InlineData("da")]
    [InlineData("en")]
    public void The_pdf_is_one_a4_page_with_the_period_every_figure_and_the_legend(string language)
    {
        var report = ReportSamples.Typical();
        var text = Texts.For(language);
        var pages = ExportReaders.PdfPages(ReportPdf.Create(report, text));

        var page = Assert.Single(pages);
        var flat = Flat(page);
        Assert.Contains(Flat(text.Period(report.Period)), flat, StringComparison.Ordinal);
        Assert.Contains(Flat(text.Legend(5)), flat, StringComparison.Ordinal);
        foreach (var figure in report.Figures)
        {
            Assert.Contains(Flat(text.Figure(figure, 5)), flat, StringComparison.Ordinal);
        }

        Assert.Contains(Flat(text.FigureTitle("referrals")), flat, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_stays_on_one_page_for_five_years_of_months_and_many_projects()
    {
        var period = ReportPeriod.Custom(new DateOnly(2022, 1, 1), new DateOnly(2026, 12, 1))!;
        var names = Enumerable.Range(1, 12).Select(i => "Bydelsmødre projekt nummer " + i).ToArray();
        var report = ReportSamples.Build((t, r, c) => 10 + r + c, i => 40 + i, period: period, projectNames: names).Report;

        Assert.Single(ExportReaders.PdfPages(ReportPdf.Create(report, Texts.For("da"))));
    }

    [Fact]
    public void A_bar_chart_is_an_svg_with_a_title_labelled_axes_and_no_bar_for_a_hidden_cell()
    {
        var report = ReportSamples.Typical();
        var text = Texts.For("da");
        var table = report.Tables.First(t => t.Id == "referralsByOrgKind");
        var svg = ReportCharts.Svg(table, text);

        Assert.StartsWith("<svg role=\"img\" aria-labelledby=\"chart-title-referralsByOrgKind\"", svg, StringComparison.Ordinal);
        Assert.Contains("<title id=\"chart-title-referralsByOrgKind\">Diagram: Henvisninger efter henvisende organisation</title>", svg, StringComparison.Ordinal);
        var texts = SvgTexts(svg);
        Assert.Contains("Antal", texts);
        for (var row = 0; row < table.RowKeys.Count; row++)
        {
            var label = text.Key(table.RowKeys[row]);
            Assert.Contains(table.Cells[row, 0].IsSuppressed ? label + " (–)" : label, texts);
        }

        var shownBars = Enumerable.Range(0, table.RowKeys.Count).Count(row => table.Cells[row, 0].Count > 0);
        Assert.Equal(shownBars, Regex.Count(svg, "<rect fill=\"#0F5A8C\""));
    }

    [Fact]
    public void A_line_chart_draws_the_months_in_the_readers_language()
    {
        var report = ReportSamples.Typical();
        var table = report.Tables.First(t => t.Id == "outreachByMonth");
        var texts = SvgTexts(ReportCharts.Svg(table, Texts.For("en")));

        Assert.Contains("July 2026", texts);
        Assert.Contains("September 2026", texts);
        Assert.Contains("Women", texts);
        Assert.NotEmpty(ReportCharts.Png(table, Texts.For("en")));
    }

    /// <summary>The table as it must be read: header, rows with their totals, the totals row; numbers as digits, hidden as the mark.</summary>
    internal static List<List<string>> Grid(ReportTable table, ReportText text)
    {
        var cells = table.Cells;
        string Cell(ReportCell cell) => cell.Count?.ToString(CultureInfo.InvariantCulture) ?? "–";
        var header = new List<string> { string.Empty };
        header.AddRange(table.ColumnKeys.Select(text.Key));
        if (cells.HasRowTotals)
        {
            header.Add(text.Total(table));
        }

        var grid = new List<List<string>> { header };
        for (var row = 0; row < cells.Rows; row++)
        {
            var line = new List<string> { text.Key(table.RowKeys[row]) };
            line.AddRange(Enumerable.Range(0, cells.Columns).Select(c => Cell(cells[row, c])));
            if (cells.HasRowTotals)
            {
                line.Add(Cell(cells.RowTotal(row)));
            }

            grid.Add(line);
        }

        if (cells.HasColumnTotals)
        {
            var totals = new List<string> { text.Total(table) };
            totals.AddRange(Enumerable.Range(0, cells.Columns).Select(c => Cell(cells.ColumnTotal(c))));
            if (cells.HasRowTotals)
            {
                totals.Add(Cell(cells.GrandTotal));
            }

            grid.Add(totals);
        }

        return grid;
    }

    /// <summary>The sheet's table part (from row 4), as <see cref="Grid"/> shapes it; a number must be a numeric cell.</summary>
    internal static List<List<string>> SheetGrid(Dictionary<(int Row, int Column), ExportReaders.Read> cells, ReportTable table)
    {
        var width = 1 + table.ColumnKeys.Count + (table.Cells.HasRowTotals ? 1 : 0);
        var height = 1 + table.RowKeys.Count + (table.Cells.HasColumnTotals ? 1 : 0);
        var grid = new List<List<string>>();
        for (var row = 3; row < 3 + height; row++)
        {
            var line = new List<string>();
            for (var column = 0; column < width; column++)
            {
                var read = cells[(row, column)];
                Assert.True(read.Number is not null || read.Text is not null);
                Assert.False(read.Text is { } t && int.TryParse(t, out _), "A count is a numeric cell, never text.");
                line.Add(read.ToString());
            }

            Assert.False(cells.ContainsKey((row, width)), "Nothing beside the table.");
            grid.Add(line);
        }

        return grid;
    }

    /// <summary>The block under the table's title line, as long as <see cref="Grid"/>.</summary>
    internal static List<List<string>> CsvBlock(List<List<string>> records, ReportTable table, ReportText text)
    {
        var start = records.FindIndex(r => r.Count == 1 && r[0] == text.TableTitle(table.Id));
        Assert.True(start >= 0, "The table has its title line.");
        var height = 1 + table.RowKeys.Count + (table.Cells.HasColumnTotals ? 1 : 0);
        var block = records.Skip(start + 1).Take(height).ToList();
        var after = records.Skip(start + 1 + height).FirstOrDefault();
        Assert.True(after is null || after.Count == 1, "Nothing but a note or a blank line follows the table.");
        return block;
    }

    internal static List<string> SvgTexts(string svg) =>
        TextElement().Matches(svg).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();

    internal static string Flat(string value) => new(value.Where(ch => !char.IsWhiteSpace(ch)).ToArray());

    [GeneratedRegex("<text[^>]*>([^<]*)</text>")]
    private static partial Regex TextElement();
}
