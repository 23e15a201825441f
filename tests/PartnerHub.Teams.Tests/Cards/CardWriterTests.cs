using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>
/// CardTemplate.WriteTo and CardCatalog.WriteTo (CardTemplate.Writer.cs) against the JsonObject path written out: the
/// same bytes, or the same exception, for every case and every card, sample and language, with the writer options a
/// caller may use. None of these need node: CardConformanceTests hold the JsonObject path against npm.
/// </summary>
public sealed class CardWriterTests
{
    private static readonly JsonWriterOptions[] WriterOptions =
    [
        default,
        new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
        new() { Indented = true },
    ];

    public static TheoryData<string> CaseIds => new(Referee.Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void WriteTo_writes_every_case_as_Expand_then_WriteTo_does(string id)
    {
        var c = Referee.Cases[id];
        if (Referee.ParsedOrRejected(c) is not { } template)
        {
            return; // rejected at load: nothing to expand
        }

        foreach (var options in WriterOptions)
        {
            var expected = Outcome(options, w => template.Expand(c.Data?.DeepClone()).WriteTo(w));

            var actual = Outcome(options, w => template.WriteTo(w, c.Data?.DeepClone()));

            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Catalog_WriteTo_writes_every_card_and_sample_as_Render_then_WriteTo_does()
    {
        var catalog = CardCatalog.Load(CardCompiledTests.CardsDirectory);
        var compared = 0;
        foreach (var (card, data) in CardCompiledTests.Samples())
        {
            foreach (var language in new[] { "da", "en" })
            {
                foreach (var options in WriterOptions)
                {
                    var expected = Outcome(options, w => catalog.Render(card, data, language).WriteTo(w));

                    var actual = Outcome(options, w => catalog.WriteTo(w, card, data, language));

                    Assert.Equal(expected, actual);
                    Assert.StartsWith("{", actual, StringComparison.Ordinal);
                    compared++;
                }
            }
        }

        Assert.True(compared > 300, $"only {compared} comparisons");
    }

    [Fact]
    public void A_card_written_inside_an_activity_is_the_card_Render_gives()
    {
        var catalog = CardCatalog.Load(CardCompiledTests.CardsDirectory);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", "message");
            writer.WriteStartArray("attachments");
            writer.WriteStartObject();
            writer.WritePropertyName("content");
            catalog.WriteTo(writer, "help", [], "en");
            writer.WriteEndObject();
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        var activity = JsonNode.Parse(buffer.WrittenSpan)!;

        Assert.True(JsonNode.DeepEquals(catalog.Render("help", [], "en"), activity["attachments"]![0]!["content"]));
    }

    [Fact]
    public void A_card_that_fails_throws_what_Expand_throws_and_writes_nothing()
    {
        var template = CardTemplate.Parse("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"${title}"},{"type":"TextBlock","text":"Hej ${name}!"}]}""");
        var data = new JsonObject { ["title"] = "Velkommen", ["name"] = null };
        var expected = Assert.Throws<CardTemplateException>(() => template.Expand(data));
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();

            var ex = Assert.Throws<CardTemplateException>(() => template.WriteTo(writer, data));

            Assert.Equal(expected.Message, ex.Message);
            writer.WriteStringValue("after");
            writer.WriteEndArray();
        }

        Assert.Equal("""["after"]""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }

    [Fact]
    public void A_template_that_is_no_card_throws_from_WriteTo_as_from_Expand()
    {
        var template = CardTemplate.Parse("""{"$data":"${items}","type":"AdaptiveCard","text":"${name}"}""");
        var data = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["name"] = "a" }, new JsonObject { ["name"] = "b" }) };
        var expected = Assert.Throws<CardTemplateException>(() => template.Expand(data));

        using var writer = new Utf8JsonWriter(new ArrayBufferWriter<byte>());

        var ex = Assert.Throws<CardTemplateException>(() => template.WriteTo(writer, data.DeepClone()));

        Assert.Equal(expected.Message, ex.Message);
    }

    /// <summary>The text written, or the exception's type and message (the writer's own output then discarded).</summary>
    private static string Outcome(JsonWriterOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, options);
            write(writer);
            writer.Flush();
        }
        catch (Exception ex) when (ex is CardTemplateException or ArgumentException or InvalidOperationException)
        {
            return $"throws {ex.GetType().Name}: {ex.Message}";
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
