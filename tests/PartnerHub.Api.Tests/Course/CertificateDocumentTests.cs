using PartnerHub.Api.Course;
using PartnerHub.Core.Course;
using PartnerHub.Core.Localization;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Tokens;

namespace PartnerHub.Api.Tests.Course;

/// <summary>The certificate read back with PdfPig: the text a reader (or a screen reader) gets, and the fonts inside.</summary>
public sealed class CertificateDocumentTests
{
    private static readonly CertificateContent Danish = new(
        Languages.Danish,
        "Åse Ørsted",
        "Bydelsmødre Vollsmose",
        "tirsdag 5. januar 2027 – tirsdag 4. maj 2027",
        ["Bydelsmødrekonceptet", "Dansk og arabisk børneopdragelse", "Sundhed, kost og motion", "Ekskursion til kvindecenteret"],
        "Mette Kjær");

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(1, document.NumberOfPages);
        return string.Join('\n', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private static string Words(string text) => text.Replace('\n', ' ');

    [Fact]
    public void Her_name_the_project_period_themes_and_coordinator_come_back_out_with_æøå()
    {
        var text = Words(Text(CertificateDocument.Create(Danish)));

        Assert.Contains("Bydelsmødre-bevis", text);
        Assert.Contains("Åse Ørsted", text);
        Assert.Contains("har gennemført bydelsmødrekurset i", text);
        Assert.Contains("Bydelsmødre Vollsmose", text);
        Assert.Contains("tirsdag 5. januar 2027 – tirsdag 4. maj 2027", text);
        Assert.Contains("Dansk og arabisk børneopdragelse", text);
        Assert.Contains("Ekskursion til kvindecenteret", text);
        Assert.Contains("Mette Kjær", text);
        Assert.Contains("Koordinator", text);
    }

    [Fact]
    public void In_English_when_chosen()
    {
        var english = Danish with { Language = Languages.English, Period = "Tuesday 5 January 2027 – Tuesday 4 May 2027", Themes = ["The Bydelsmødre concept"] };

        var text = Words(Text(CertificateDocument.Create(english)));

        Assert.Contains("Bydelsmødre certificate", text);
        Assert.Contains("has completed the neighbourhood mothers' course in", text);
        Assert.Contains("Tuesday 5 January 2027 – Tuesday 4 May 2027", text);
        Assert.Contains("Coordinator", text);
        Assert.DoesNotContain("Koordinator", text);
    }

    [Fact]
    public void Every_font_is_embedded()
    {
        using var document = PdfDocument.Open(CertificateDocument.Create(Danish));
        var page = document.GetPage(1);
        var resources = Resolve<DictionaryToken>(document, page.Dictionary.Data[NameToken.Resources.Data]);
        var fonts = Resolve<DictionaryToken>(document, resources.Data[NameToken.Font.Data]);

        Assert.NotEmpty(fonts.Data);
        foreach (var reference in fonts.Data.Values)
        {
            var font = Resolve<DictionaryToken>(document, reference);

            // A composite (Type0) font keeps its descriptor on its descendant CID font.
            if (font.TryGet(NameToken.DescendantFonts, out var descendants))
            {
                font = Resolve<DictionaryToken>(document, Resolve<ArrayToken>(document, descendants).Data[0]);
            }

            var descriptor = Resolve<DictionaryToken>(document, font.Data[NameToken.FontDescriptor.Data]);
            Assert.True(
                descriptor.Data.ContainsKey(NameToken.FontFile2.Data) || descriptor.Data.ContainsKey(NameToken.FontFile.Data) || descriptor.Data.ContainsKey(NameToken.FontFile3.Data),
                $"Font {font.Data.GetValueOrDefault(NameToken.BaseFont.Data)} is not embedded.");
            Assert.Contains("DejaVu Sans", Resolve<NameToken>(document, font.Data[NameToken.BaseFont.Data]).Data, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Her_name_is_not_in_the_metadata()
    {
        using var document = PdfDocument.Open(CertificateDocument.Create(Danish));

        Assert.Equal("Bydelsmødre-bevis", document.Information.Title);
        Assert.DoesNotContain("Ørsted", document.Information.Title ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain("Ørsted", document.Information.Subject ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public void A_thirty_week_course_and_a_long_name_still_fit_on_one_page()
    {
        var themes = Enumerable.Range(1, 30).Select(i => $"Tema {i}: Om redskaber til det opsøgende arbejde").ToList();
        var content = Danish with { Themes = themes, ParticipantName = "Åse " + new string('Ø', 60) };

        var text = Text(CertificateDocument.Create(content));

        Assert.Contains("Tema 30:", Words(text));
        using var document = PdfDocument.Open(CertificateDocument.Create(content));
        var page = document.GetPage(1);
        Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Bottom, 0, page.Height));
        Assert.All(page.Letters, l => Assert.InRange(l.BoundingBox.Right, 0, page.Width));
    }

    private static T Resolve<T>(PdfDocument document, IToken token)
        where T : class, IToken
    {
        var resolved = token is IndirectReferenceToken reference ? document.Structure.GetObject(reference.Data).Data : token;
        return Assert.IsType<T>(resolved);
    }
}
