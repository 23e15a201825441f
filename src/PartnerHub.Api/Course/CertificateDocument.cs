using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace PartnerHub.Api.Course;

/// <summary>
/// The neighbourhood mother's certificate as a one-page A4 PDF (PDFsharp 6): her name, the project, the course
/// period, the themes covered, the coordinator's name over a signature line. Pure bytes out: storing it (the project's
/// SharePoint folder through the document gateway) is the caller's. The font is DejaVu Sans, embedded in this assembly
/// (Course/Fonts, with its licence) and in every PDF, so the result is the same on any machine, fonts installed or not.
/// </summary>
public static class CertificateDocument
{
    /// <summary>The one family name PDFsharp asks <see cref="EmbeddedFontResolver"/> for.</summary>
    public const string FontFamily = "DejaVu Sans";

    private static readonly Lock ResolverLock = new();

    // PDFsharp's few words on the certificate itself; everything else arrives in the content's language.
    private static readonly Dictionary<string, (string Heading, string Completed, string Period, string Themes, string Coordinator)> Texts = new()
    {
        [Languages.Danish] = ("Bydelsmødre-bevis", "har gennemført bydelsmødrekurset i", "Kursusperiode", "Kursets temaer", "Koordinator"),
        [Languages.English] = ("Bydelsmødre certificate", "has completed the neighbourhood mothers' course in", "Course period", "Themes of the course", "Coordinator"),
    };

    public static byte[] Create(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        EnsureFontResolver();
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
        y = Centered(gfx, text.Heading, Font(26, bold: true), y, width, line) + 40;
        y = Centered(gfx, content.ParticipantName, Font(22, bold: true), y, width, line) + 14;
        y = Centered(gfx, text.Completed, Font(12), y, width, line) + 6;
        y = Centered(gfx, content.ProjectName, Font(16, bold: true), y, width, line) + 26;
        y = Centered(gfx, text.Period, Font(10), y, width, line) + 2;
        y = Centered(gfx, content.Period, Font(12), y, width, line) + 30;

        y = Centered(gfx, text.Themes, Font(12, bold: true), y, width, line) + 8;

        // Up to 30 weekly themes must fit above the signature: smaller type for a long course.
        var themeFont = Font(content.Themes.Count > 16 ? 8.5 : 11);
        foreach (var theme in content.Themes)
        {
            y = Centered(gfx, theme, themeFont, y, width, line) + 2;
        }

        var signatureY = Math.Max(y + 60, 700);
        var signatureLeft = (width / 2) - 120;
        gfx.DrawLine(new XPen(XColors.Black, 0.75), signatureLeft, signatureY, signatureLeft + 240, signatureY);
        var below = Centered(gfx, content.CoordinatorName, Font(11), signatureY + 6, width, line);
        Centered(gfx, text.Coordinator, Font(9), below + 1, width, line);
    }

    /// <summary>Draws one centred line, shrinking the type until it fits the width; returns the y below it.</summary>
    private static double Centered(XGraphics gfx, string value, XFont font, double y, double pageWidth, double maxWidth)
    {
        var size = font.Size;
        var fitted = font;
        while (gfx.MeasureString(value, fitted).Width > maxWidth && size > 6)
        {
            size -= 0.5;
            fitted = new XFont(FontFamily, size, font.Style, Unicode);
        }

        var height = gfx.MeasureString(value, fitted).Height;
        gfx.DrawString(value, fitted, XBrushes.Black, new XRect(0, y, pageWidth, height), XStringFormats.TopCenter);
        return y + height;
    }

    // Unicode (Identity-H with a ToUnicode map): æ, ø, å and every other script's letters come back out as text.
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    private static XFont Font(double size, bool bold = false) => new(FontFamily, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    /// <summary>PDFsharp's font resolver is process-wide and may be set once, before the first font is used (the report PDF uses it too).</summary>
    internal static void EnsureFontResolver()
    {
        lock (ResolverLock)
        {
            if (GlobalFontSettings.FontResolver is not EmbeddedFontResolver)
            {
                GlobalFontSettings.FontResolver = new EmbeddedFontResolver();
            }
        }
    }

    /// <summary>Serves DejaVu Sans regular and bold from this assembly's resources; every family asked for gets it.</summary>
    private sealed class EmbeddedFontResolver : IFontResolver
    {
        private const string Regular = "DejaVuSans";
        private const string Bold = "DejaVuSans-Bold";

        public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

        public byte[] GetFont(string faceName)
        {
            var name = $"PartnerHub.Api.Course.Fonts.{faceName}.ttf";
            using var stream = typeof(CertificateDocument).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"{name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
