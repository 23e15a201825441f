using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace PartnerHub.Api.Documents;

/// <summary>
/// The one font of every PDF PartnerHub makes (the course certificate, the funder report): DejaVu Sans, embedded in this
/// assembly (Documents/Fonts, with its licence) and in each PDF, so the result is the same on any machine, fonts
/// installed or not. Unicode (Identity-H with a ToUnicode map): æ, ø, å and every other script's letters come back out as text.
/// </summary>
public static class PdfFonts
{
    /// <summary>The one family name PDFsharp asks the resolver for.</summary>
    public const string Family = "DejaVu Sans";

    private static readonly Lock ResolverLock = new();

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);

    /// <summary>A font of the family; call <see cref="EnsureResolver"/> once before the first.</summary>
    public static XFont Font(double size, bool bold = false) => new(Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);

    /// <summary>PDFsharp's font resolver is process-wide and may be set once, before the first font is used.</summary>
    public static void EnsureResolver()
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
            var name = $"PartnerHub.Api.Documents.Fonts.{faceName}.ttf";
            using var stream = typeof(PdfFonts).Assembly.GetManifestResourceStream(name)
                ?? throw new InvalidOperationException($"{name} is not embedded.");
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
    }
}
