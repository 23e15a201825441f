using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>
/// The compiled template (CardTemplate.Builder.cs) against the reference tree expansion it replaces on the fast path,
/// and the catalog's render (data converted where read, strings converted once) against Expand(DataFor(...)).
/// None of these need node: CardConformanceTests hold the public path against npm.
/// </summary>
public sealed class CardCompiledTests
{
    public static TheoryData<string> CaseIds => new(Referee.Cases.Keys);

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void The_compiled_template_expands_every_case_as_the_reference_does(string id)
    {
        var c = Referee.Cases[id];
        if (Referee.ParsedOrRejected(c) is not { } template)
        {
            return; // rejected at load: nothing to expand
        }

        JsonNode? reference;
        try
        {
            reference = template.ExpandReference(CardTemplate.DataValue(c.Data));
        }
        catch (CardTemplateException)
        {
            // The compiled template must fail too (the public path then lets the reference report the error).
            Assert.ThrowsAny<Exception>(() => template.ExpandCompiled(CardTemplate.DataValue(c.Data)));
            return;
        }

        var written = template.ExpandCompiled(CardTemplate.DataValue(c.Data));
        Assert.True(JsonNode.DeepEquals(reference, written), $"{id}:\nreference {reference?.ToJsonString()}\ncompiled  {written?.ToJsonString()}");
    }

    [Fact]
    public void Render_gives_every_card_and_sample_what_Expand_gives_on_DataFor()
    {
        var catalog = CardCatalog.Load(CardsDirectory);
        var rendered = 0;
        foreach (var (card, data) in Samples())
        {
            foreach (var language in new[] { "da", "en" })
            {
                var template = CardTemplate.Parse(File.ReadAllText(Path.Combine(CardsDirectory, card + ".card.json")));
                var expected = template.Expand(catalog.DataFor(data, language));

                var actual = catalog.Render(card, data, language);

                Assert.True(JsonNode.DeepEquals(expected, actual), $"{card} ({language}) differs");
                rendered++;
            }
        }

        Assert.True(rendered > 100, $"only {rendered} renders");
    }

    [Fact]
    public void Renders_on_several_threads_at_once_give_the_cards_one_thread_gives()
    {
        var catalog = CardCatalog.Load(CardsDirectory);
        var samples = Samples().ToList();
        var expected = samples.Select(s => catalog.Render(s.Card, s.Data, "da").ToJsonString()).ToList();

        // Each thread has its own output buffer and every render its own data view; the strings are shared.
        var mismatches = 0;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, worker =>
        {
            for (var round = 0; round < 5; round++)
            {
                for (var i = 0; i < samples.Count; i++)
                {
                    var j = (i + worker) % samples.Count;
                    if (catalog.Render(samples[j].Card, samples[j].Data, "da").ToJsonString() != expected[j])
                    {
                        Interlocked.Increment(ref mismatches);
                    }
                }
            }
        });

        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void The_expanded_card_is_an_ordinary_JsonObject_the_caller_may_change()
    {
        var template = CardTemplate.Parse("""{"type":"AdaptiveCard","refresh":{"userIds":"${ids}"},"body":[{"type":"TextBlock","text":"${name}"}]}""");
        var card = template.Expand(new JsonObject { ["ids"] = new JsonArray("a", "b"), ["name"] = "Amina" });

        card.Remove("refresh");
        card["body"]!.AsArray().Add(new JsonObject { ["type"] = "TextBlock", ["text"] = "mere" });
        card["body"]![0]!["text"] = "Amina H.";

        Assert.Equal("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Amina H."},{"type":"TextBlock","text":"mere"}]}""", card.ToJsonString());
        var second = template.Expand(new JsonObject { ["ids"] = new JsonArray("c"), ["name"] = "Samira" });
        Assert.Equal("Samira", second["body"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Amina H.", card["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void An_expansion_that_fails_deep_inside_leaves_the_next_card_whole()
    {
        // The builder reuses one property list per depth; a card that throws half-way must not leave them taken.
        var failing = CardTemplate.Parse("""{"type":"AdaptiveCard","body":[{"type":"Container","items":[{"type":"TextBlock","text":"Hej ${name}!"}]}]}""");
        var good = CardTemplate.Parse("""{"type":"AdaptiveCard","body":[{"type":"Container","items":[{"type":"TextBlock","text":"${name}","wrap":true}]}],"version":"1.5"}""");
        for (var i = 0; i < 3; i++)
        {
            Assert.Throws<CardTemplateException>(() => failing.Expand(new JsonObject { ["name"] = null }));
        }

        var card = good.Expand(new JsonObject { ["name"] = "Amina" });

        Assert.Equal("""{"type":"AdaptiveCard","body":[{"type":"Container","items":[{"type":"TextBlock","text":"Amina","wrap":true}]}],"version":"1.5"}""", card.ToJsonString());
    }

    [Fact]
    public void A_lone_surrogate_in_the_data_comes_out_as_it_went_in()
    {
        var template = CardTemplate.Parse("""{"type":"AdaptiveCard","text":"${note}","list":"${notes}"}""");
        var lone = "før \uD800 efter";

        var card = template.Expand(new JsonObject { ["note"] = lone, ["notes"] = new JsonArray(lone) });

        Assert.Equal(lone, card["text"]!.GetValue<string>());
        Assert.Equal(lone, card["list"]![0]!.GetValue<string>());
    }

    [Fact]
    public void Strings_are_looked_up_case_insensitively_first_key_first()
    {
        using var dir = new TempCards();
        dir.Write("t.card.json", """{"type":"AdaptiveCard","a":"${strings.g.title}","b":"${strings.G.TITLE}","c":"${strings.g.missing}","d":"${strings.n.x}"}""");
        dir.Write("strings.da.json", """{"g":{"Title":"første","title":"anden"},"n":{"2":"to","X":"eks"}}""");
        var catalog = CardCatalog.Load(dir.Path);

        var card = catalog.Render("t", [], "da");

        Assert.Equal("første", card["a"]!.GetValue<string>());
        Assert.Equal("første", card["b"]!.GetValue<string>());
        Assert.Equal("${strings.g.missing}", card["c"]!.GetValue<string>());
        Assert.Equal("eks", card["d"]!.GetValue<string>());
    }

    [Fact]
    public void Strings_with_a_key_twice_stop_the_load()
    {
        using var dir = new TempCards();
        dir.Write("t.card.json", """{"type":"AdaptiveCard"}""");
        dir.Write("strings.da.json", """{"g":{"title":"a","title":"b"}}""");

        var ex = Assert.Throws<CardTemplateException>(() => CardCatalog.Load(dir.Path));

        Assert.Contains("duplicate", ex.Message, StringComparison.Ordinal);
    }

    internal static string CardsDirectory => Path.Combine(Referee.RepoRoot, "cards");

    internal static IEnumerable<(string Card, JsonObject Data)> Samples()
    {
        var samples = Path.Combine(CardsDirectory, "samples");
        foreach (var cardFile in Directory.EnumerateFiles(CardsDirectory, "*.card.json").Order(StringComparer.Ordinal))
        {
            var card = Path.GetFileName(cardFile)[..^".card.json".Length];
            foreach (var sampleFile in Directory.EnumerateFiles(samples, card + ".*.json").Order(StringComparer.Ordinal))
            {
                if (!Path.GetFileName(sampleFile)[(card.Length + 1)..^".json".Length].Contains('.', StringComparison.Ordinal))
                {
                    yield return (card, JsonNode.Parse(File.ReadAllText(sampleFile))!.AsObject());
                }
            }
        }
    }

    private sealed class TempCards : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "partnerhub-cards-" + Guid.NewGuid().ToString("N"));

        public TempCards() => Directory.CreateDirectory(Path);

        public void Write(string name, string text) => File.WriteAllText(System.IO.Path.Combine(Path, name), text);

        public void Dispose() => Directory.Delete(Path, true);
    }
}
