using System.Security;
using PartnerHub.Api.Documents;
using PartnerHub.Core.Reporting;
using ScottPlot;

namespace PartnerHub.Api.Reporting.Exports;

/// <summary>
/// Draws a report table with <see cref="ReportChart.Bars"/> or <see cref="ReportChart.Lines"/> on the server with
/// ScottPlot: SVG for the tab, PNG for the PDF. A hidden cell gets no bar and no point, and its category label carries
/// the mark; no number is ever written on the chart except the value axis' scale. Only shown cells are plotted, never
/// totals, so the chart holds nothing the table beside it does not.
/// </summary>
public static class ReportCharts
{
    public const int Width = 720;

    // Dark enough on white for text-level contrast (each ≥ 4.5:1), and told apart by more than hue in the legend order.
    private static readonly string[] Palette = ["#0F5A8C", "#A8431A", "#2E6B30", "#6A2C91"];

    public static bool HasChart(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        return table.Chart != ReportChart.None && table.RowKeys.Count > 0 && table.ColumnKeys.Count > 0;
    }

    /// <summary>The chart as an SVG document with a &lt;title&gt; and role="img", for an &lt;img&gt; or inline use.</summary>
    public static string Svg(ReportTable table, ReportText text)
    {
        var (plot, height) = Draw(table, text);
        var svg = plot.GetSvgXml(Width, height);
        return Accessible(svg, text.Format("chartOf", text.TableTitle(table.Id)), table.Id, height);
    }

    /// <summary>The chart as PNG at twice the pixels, for print.</summary>
    public static byte[] Png(ReportTable table, ReportText text, int width = Width, int? height = null)
    {
        var (plot, drawnHeight) = Draw(table, text);
        plot.ScaleFactor = 2;
        return plot.GetImageBytes(width * 2, (height ?? drawnHeight) * 2, ImageFormat.Png);
    }

    private static (Plot Plot, int Height) Draw(ReportTable table, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(text);
        if (!HasChart(table))
        {
            throw new ArgumentException($"Table '{table.Id}' has no chart.", nameof(table));
        }

        var plot = new Plot();
        plot.Font.Set(PdfFonts.Family);
        plot.Title(text.TableTitle(table.Id), size: 15);
        var height = table.Chart == ReportChart.Lines ? Lines(plot, table, text) : Bars(plot, table, text);
        // A legend with no items makes ScottPlot's SVG empty, chart and all: only when something was drawn.
        if (table.ColumnKeys.Count > 1 && plot.PlottableList.Count > 0)
        {
            plot.ShowLegend(Edge.Bottom);
        }

        return (plot, height);
    }

    /// <summary>Horizontal bars, first row at the top; several columns side by side within a row.</summary>
    private static int Bars(Plot plot, ReportTable table, ReportText text)
    {
        var rows = table.RowKeys.Count;
        var columns = table.ColumnKeys.Count;
        var slot = 1.0 / (columns + 1);
        for (var column = 0; column < columns; column++)
        {
            var color = Color.FromHex(Palette[column % Palette.Length]);
            var bars = new List<Bar>();
            for (var row = 0; row < rows; row++)
            {
                // A zero is drawn as no bar: the axis starts at zero, and an empty bar would only add an outline.
                if (table.Cells[row, column].Count is { } count and > 0)
                {
                    var position = rows - 1 - row + ((column - ((columns - 1) / 2.0)) * slot);
                    bars.Add(new Bar { Position = position, Value = count, FillColor = color, Size = slot * 0.9, LineWidth = 0 });
                }
            }

            if (bars.Count == 0)
            {
                continue;
            }

            var plottable = plot.Add.Bars(bars);
            plottable.Horizontal = true;
            plottable.Color = color;
            if (columns > 1)
            {
                // ScottPlot shows a legend as soon as anything has legend text; one column needs none.
                plottable.LegendText = text.Key(table.ColumnKeys[column]);
            }
        }

        var positions = Enumerable.Range(0, rows).Select(row => (double)(rows - 1 - row)).ToArray();
        plot.Axes.Left.SetTicks(positions, Enumerable.Range(0, rows).Select(row => CategoryLabel(table, text, row)).ToArray());
        plot.Axes.Bottom.Label.Text = text.Key("count");
        // Fixed limits: autoscaling to the drawn bars would cut off a first or last row whose cells are all hidden.
        plot.Axes.SetLimitsX(0, Math.Max(1, MaxShown(table)) * 1.1);
        plot.Axes.SetLimitsY(-0.6, rows - 0.4);
        return Math.Max(240, 110 + (rows * (columns > 1 ? 44 : 30)) + (columns > 1 ? 30 : 0));
    }

    /// <summary>One line per column over the rows (months); a hidden cell breaks the line.</summary>
    private static int Lines(Plot plot, ReportTable table, ReportText text)
    {
        var rows = table.RowKeys.Count;
        for (var column = 0; column < table.ColumnKeys.Count; column++)
        {
            var color = Color.FromHex(Palette[column % Palette.Length]);
            var run = new List<(double X, double Y)>();
            var first = true;
            void Flush()
            {
                if (run.Count == 0)
                {
                    return;
                }

                var line = plot.Add.Scatter(run.Select(p => p.X).ToArray(), run.Select(p => p.Y).ToArray(), color);
                line.LineWidth = 2.5f;
                line.MarkerSize = 7;
                line.LegendText = first && table.ColumnKeys.Count > 1 ? text.Key(table.ColumnKeys[column]) : string.Empty;
                first = false;
                run.Clear();
            }

            for (var row = 0; row < rows; row++)
            {
                if (table.Cells[row, column].Count is { } count)
                {
                    run.Add((row, count));
                }
                else
                {
                    Flush();
                }
            }

            Flush();
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, rows).Select(row => (double)row).ToArray(), Enumerable.Range(0, rows).Select(row => CategoryLabel(table, text, row)).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = rows > 6 ? -45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = rows > 6 ? Alignment.MiddleRight : Alignment.UpperCenter;
        plot.Axes.Left.Label.Text = text.Key("count");
        plot.Axes.SetLimitsY(0, Math.Max(1, MaxShown(table)) * 1.15);
        plot.Axes.SetLimitsX(-0.5, rows - 0.5);
        return rows > 6 ? 400 : 340;
    }

    private static string CategoryLabel(ReportTable table, ReportText text, int row)
    {
        var label = text.Key(table.RowKeys[row]);
        var hidden = Enumerable.Range(0, table.ColumnKeys.Count).Any(column => table.Cells[row, column].IsSuppressed);
        return hidden ? label + " (" + text.Mark + ")" : label;
    }

    private static int MaxShown(ReportTable table)
    {
        var max = 0;
        for (var row = 0; row < table.RowKeys.Count; row++)
        {
            for (var column = 0; column < table.ColumnKeys.Count; column++)
            {
                max = Math.Max(max, table.Cells[row, column].Count ?? 0);
            }
        }

        return max;
    }

    /// <summary>A &lt;title&gt; first inside the root, named by aria-labelledby, so screen readers announce the chart; a viewBox so it scales.</summary>
    private static string Accessible(string svg, string title, string tableId, int height)
    {
        var start = svg.IndexOf("<svg", StringComparison.Ordinal);
        var end = svg.IndexOf('>', start);
        var id = "chart-title-" + tableId;
        var open = svg[start..end].Replace("<svg", $"<svg role=\"img\" aria-labelledby=\"{id}\" viewBox=\"0 0 {Width} {height}\"", StringComparison.Ordinal);
        return open + ">" + $"<title id=\"{id}\">{SecurityElement.Escape(title)}</title>" + svg[(end + 1)..];
    }
}
