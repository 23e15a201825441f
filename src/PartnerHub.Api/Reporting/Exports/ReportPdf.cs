using PartnerHub.Api.Documents;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Reporting;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace PartnerHub.Api.Reporting.Exports;

/// <summary>
/// The report on one A4 page (PDFsharp 6) to attach to the funder's form: title, projects, period, the key figures,
/// as many of the charts as fit below them (in the report's order), the legend and the date it was made. The font
/// is the certificate's embedded DejaVu Sans (PDFsharp has one process-wide font resolver). Nothing is ever drawn on
/// a second page: a chart that would not fit is left out, the tables are in the xlsx and the CSV.
/// </summary>
public static class ReportPdf
{
    public const string ContentType = "application/pdf";

    private const double Margin = 42;
    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double FooterHeight = 46;


    public static byte[] Create(FunderReport report, ReportText text)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(text);
        PdfFonts.EnsureResolver();
        using var document = new PdfDocument();
        document.Info.Title = text["title"] + " " + text.Period(report.Period);
        document.Info.Creator = "PartnerHub";
        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(gfx, report, text);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Draw(XGraphics gfx, FunderReport report, ReportText text)
    {
        var width = PageWidth - (2 * Margin);
        var y = Margin;
        y = Line(gfx, text["title"], PdfFonts.Font(18, bold: true), y, width) + 4;
        y = Line(gfx, text[report.ProjectNames.Count > 1 ? "projects" : "project"] + ": " + string.Join(", ", report.ProjectNames), PdfFonts.Font(11), y, width);
        y = Line(gfx, text["period"] + ": " + text.Period(report.Period), PdfFonts.Font(11), y, width) + 10;

        y = Line(gfx, text["figuresHeading"], PdfFonts.Font(12, bold: true), y, width) + 2;
        y = Figures(gfx, report, text, y, width) + 10;

        var bottom = PageHeight - Margin - FooterHeight;
        foreach (var table in report.Tables.Where(ReportCharts.HasChart))
        {
            var png = ReportCharts.Png(table, text);
            using var image = XImage.FromStream(new MemoryStream(png));
            var height = width * image.PixelHeight / image.PixelWidth;
            if (y + height > bottom)
            {
                continue;
            }

            gfx.DrawImage(image, Margin, y, width, height);
            y += height + 6;
        }

        var footer = PageHeight - Margin - FooterHeight + 8;
        footer = Line(gfx, text.Mark + "  " + text.Legend(report.Rule.Threshold), PdfFonts.Font(8.5), footer, width);
        footer = Line(gfx, text.Format("threshold", report.Rule.Threshold), PdfFonts.Font(8.5), footer, width);
        Line(gfx, text.Format("madeAt", CopenhagenDates.Date(report.MadeAt, text.Language)), PdfFonts.Font(8.5), footer, width);
    }

    /// <summary>The figures in two columns of label and value; returns the y below them.</summary>
    private static double Figures(XGraphics gfx, FunderReport report, ReportText text, double y, double width)
    {
        var font = PdfFonts.Font(9);
        var bold = PdfFonts.Font(9, bold: true);
        var columnWidth = (width - 16) / 2;
        var half = (report.Figures.Count + 1) / 2;
        var rowHeight = 14.0;
        for (var i = 0; i < report.Figures.Count; i++)
        {
            var figure = report.Figures[i];
            var x = Margin + (i < half ? 0 : columnWidth + 16);
            var top = y + ((i < half ? i : i - half) * rowHeight);
            var value = text.Figure(figure, report.Rule.Threshold);
            var valueWidth = gfx.MeasureString(value, bold).Width;
            gfx.DrawString(Fit(gfx, text.FigureTitle(figure.Id), font, columnWidth - valueWidth - 8), font, XBrushes.Black, new XPoint(x, top + 10));
            gfx.DrawString(value, bold, XBrushes.Black, new XPoint(x + columnWidth - valueWidth, top + 10));
        }

        return y + (half * rowHeight);
    }

    private static double Line(XGraphics gfx, string value, XFont font, double y, double width)
    {
        var fitted = Fit(gfx, value, font, width);
        var height = gfx.MeasureString(fitted, font).Height;
        gfx.DrawString(fitted, font, XBrushes.Black, new XRect(Margin, y, width, height), XStringFormats.TopLeft);
        return y + height;
    }

    /// <summary>Shortens a text with "…" until it fits; labels are ours, a long project list is the one that needs it.</summary>
    private static string Fit(XGraphics gfx, string value, XFont font, double width)
    {
        if (gfx.MeasureString(value, font).Width <= width)
        {
            return value;
        }

        var cut = value;
        while (cut.Length > 1 && gfx.MeasureString(cut + "…", font).Width > width)
        {
            cut = cut[..^1];
        }

        return cut.TrimEnd() + "…";
    }

}
