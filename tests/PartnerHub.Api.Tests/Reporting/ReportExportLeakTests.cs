using System.Text.RegularExpressions;
using CsCheck;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Reporting.Exports;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>
/// Property: over random true counts and thresholds, no export gives a hidden cell away. Each export shows exactly
/// the suppressed report – the mark at every hidden place, the published number everywhere else, nothing more (no
/// formula, no extra total, no number on a chart) – and no line of the published grid has a single hidden cell, which
/// its total and shown cells would give back.
/// </summary>
public sealed class ReportExportLeakTests
{
    private static readonly ReportTexts Texts = new();

    [Fact]
    public void No_export_reveals_a_hidden_cell_or_figure()
    {
        Gen.Select(Gen.Int[0, 14].Array[80], Gen.Int[0, 14].Array[ReportSamples.FigureIds.Length], Gen.Int[3, 6], Gen.Bool)
            .Sample((cells, figures, threshold, english) => Check(cells, figures, threshold, english ? "en" : "da"), iter: 25, threads: 1);
    }

    private static void Check(int[] cells, int[] figures, int threshold, string language)
    {
        var next = 0;
        var (report, _, _) = ReportSamples.Build((_, _, _) => cells[next++ % cells.Length], i => figures[i], new SuppressionRule(threshold));
        var text = Texts.For(language);
        var (sheets, anyFormula) = ExportReaders.Xlsx(ReportWorkbook.Create(report, text));
        var records = ExportReaders.Csv(ReportCsv.Create(report, text));
        var pdf = ReportExportsTests.Flat(ExportReaders.PdfPages(ReportPdf.Create(report, text)).Single());

        Assert.False(anyFormula, "No formula: one over a hidden cell's line would compute it.");
        for (var t = 0; t < report.Tables.Count; t++)
        {
            var table = report.Tables[t];
            var published = ReportExportsTests.Grid(table, text);
            Assert.Equal(published, ReportExportsTests.SheetGrid(sheets[t + 1].Cells, table));
            Assert.Equal(published, ReportExportsTests.CsvBlock(records, table, text));
            OnlyTheTableHoldsNumbers(sheets[t + 1].Cells, table);
            NoLineHasASingleHiddenCell(table.Cells);
            if (ReportCharts.HasChart(table))
            {
                ChartShowsOnlyShownCells(table, text);
            }
        }

        foreach (var figure in report.Figures.Where(f => f.IsSuppressed))
        {
            Assert.Null(figure.Value);
            var hidden = text.Figure(figure, threshold);
            Assert.Contains(ReportExportsTests.Flat(hidden), pdf, StringComparison.Ordinal);
            Assert.Contains(records, r => r.Count == 2 && r[0] == text.FigureTitle(figure.Id) && r[1] == hidden);
            Assert.Contains(sheets[0].Cells, c => c.Value.Text == text.FigureTitle(figure.Id) && sheets[0].Cells[(c.Key.Row, 1)].Text == hidden);
        }
    }

    private static void OnlyTheTableHoldsNumbers(Dictionary<(int Row, int Column), ExportReaders.Read> cells, ReportTable table)
    {
        var lastRow = 3 + table.RowKeys.Count + (table.Cells.HasColumnTotals ? 1 : 0);
        Assert.All(cells.Where(c => c.Value.Number is not null), c => Assert.InRange(c.Key.Row, 4, lastRow));
    }

    /// <summary>Every line of the grid extended by its totals: cells plus the line's total.</summary>
    private static void NoLineHasASingleHiddenCell(SuppressedTable cells)
    {
        var width = cells.Columns + (cells.HasRowTotals ? 1 : 0);
        var height = cells.Rows + (cells.HasColumnTotals ? 1 : 0);
        ReportCell At(int row, int column) =>
            row < cells.Rows && column < cells.Columns ? cells[row, column]
            : row < cells.Rows ? cells.RowTotal(row)
            : column < cells.Columns ? cells.ColumnTotal(column)
            : cells.GrandTotal;
        if (width > 1)
        {
            for (var row = 0; row < height; row++)
            {
                Assert.NotEqual(1, Enumerable.Range(0, width).Count(column => At(row, column).IsSuppressed));
            }
        }

        if (height > 1)
        {
            for (var column = 0; column < width; column++)
            {
                Assert.NotEqual(1, Enumerable.Range(0, height).Count(row => At(row, column).IsSuppressed));
            }
        }
    }

    private static void ChartShowsOnlyShownCells(ReportTable table, ReportText text)
    {
        var svg = ReportCharts.Svg(table, text);
        var labels = ReportExportsTests.SvgTexts(svg);
        for (var row = 0; row < table.RowKeys.Count; row++)
        {
            var hidden = Enumerable.Range(0, table.ColumnKeys.Count).Any(column => table.Cells[row, column].IsSuppressed);
            var label = text.Key(table.RowKeys[row]);
            Assert.Contains(hidden ? label + " (–)" : label, labels);
        }

        if (table.Chart == ReportChart.Bars)
        {
            string[] palette = ["#0F5A8C", "#A8431A", "#2E6B30", "#6A2C91"];
            for (var column = 0; column < table.ColumnKeys.Count; column++)
            {
                var shown = Enumerable.Range(0, table.RowKeys.Count).Count(row => table.Cells[row, column].Count > 0);
                var drawn = Regex.Count(svg, $"<rect fill=\"{palette[column]}\"");
                // Several columns have a legend, whose swatch is one more rectangle of the colour.
                Assert.InRange(drawn, shown, table.ColumnKeys.Count > 1 ? shown + 1 : shown);
            }
        }
    }
}
