using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PdfSharp.Drawing;
using PartnerHub.Api.Documents;
using PdfSharp.Pdf;

namespace PartnerHub.Api.Course;

/// <summary>
/// The neighbourhood mother's certificate as a one-page A4 PDF (PDFsharp 6): her name, the project, the course
/// period, the themes covered, the coordinator's name over a signature line. Pure bytes out: storing it (the project's
/// SharePoint folder through the document gateway) is the caller's. The font is <see cref="PdfFonts"/>, embedded in every PDF.
/// </summary>
public static class CertificateDocument
{
    // PDFsharp's few words on the certificate itself; everything else arrives in the content's language.
    private static readonly Dictionary<string, (string Heading, string Completed, string Period, string Themes, string Coordinator)> Texts = new()
    {
        [Languages.Danish] = ("Bydelsmødre-bevis", "har gennemført bydelsmødrekurset i", "Kursusperiode", "Kursets temaer", "Koordinator"),
        [Languages.English] = ("Bydelsmødre certificate", "has completed the neighbourhood mothers' course in", "Course period", "Themes of the course", "Coordinator"),
    };

    public static byte[] Create(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        PdfFonts.EnsureResolver();
        var text = Texts[content.Language == Languages.English ? Languages.English : Languages.Danish];

        using var document = new PdfDocument();

        // No personal data in the metadata: her name is on the page only.
        document.Info.Title = text.Heading;
        document.Info.Creator = "PartnerHub";
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            Draw(gfx, page.Width.Point, content, text);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static void Draw(XGraphics gfx, double width, CertificateContent content, (string Heading, string Completed, string Period, string Themes, string Coordinator) text)
    {
        const double margin = 60;
        var line = width - (2 * margin);
        var y = 90.0;
        y = Centered(gfx, text.Heading, PdfFonts.Font(26, bold: true), y, width, line) + 40;
        y = Centered(gfx, content.ParticipantName, PdfFonts.Font(22, bold: true), y, width, line) + 14;
        y = Centered(gfx, text.Completed, PdfFonts.Font(12), y, width, line) + 6;
        y = Centered(gfx, content.ProjectName, PdfFonts.Font(16, bold: true), y, width, line) + 26;
        y = Centered(gfx, text.Period, PdfFonts.Font(10), y, width, line) + 2;
        y = Centered(gfx, content.Period, PdfFonts.Font(12), y, width, line) + 30;

        y = Centered(gfx, text.Themes, PdfFonts.Font(12, bold: true), y, width, line) + 8;

        // Up to 30 weekly themes must fit above the signature: smaller type for a long course.
        var themeFont = PdfFonts.Font(content.Themes.Count > 16 ? 8.5 : 11);
        foreach (var theme in content.Themes)
        {
            y = Centered(gfx, theme, themeFont, y, width, line) + 2;
        }

        var signatureY = Math.Max(y + 60, 700);
        var signatureLeft = (width / 2) - 120;
        gfx.DrawLine(new XPen(XColors.Black, 0.75), signatureLeft, signatureY, signatureLeft + 240, signatureY);
        var below = Centered(gfx, content.CoordinatorName, PdfFonts.Font(11), signatureY + 6, width, line);
        Centered(gfx, text.Coordinator, PdfFonts.Font(9), below + 1, width, line);
    }

    /// <summary>Draws one centred line, shrinking the type until it fits the width; returns the y below it.</summary>
    private static double Centered(XGraphics gfx, string value, XFont font, double y, double pageWidth, double maxWidth)
    {
        var size = font.Size;
        var fitted = font;
        while (gfx.MeasureString(value, fitted).Width > maxWidth && size > 6)
        {
            size -= 0.5;
            fitted = PdfFonts.Font(size, font.Bold);
        }

        var height = gfx.MeasureString(value, fitted).Height;
        gfx.DrawString(value, fitted, XBrushes.Black, new XRect(0, y, pageWidth, height), XStringFormats.TopCenter);
        return y + height;
    }

}
