using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Teams.Tests.Cards;

public sealed class CardTemplateTests
{
    [Theory]
    [InlineData("""{"text":"${frobnicate(x)}"}""", "frobnicate")]
    [InlineData("""{"body":[{"text":"Hej ${name"}]}""", "$.body[0].text")]
    [InlineData("""{"text":"${a b}"}""", "$.text")]
    [InlineData("""{"text":"${x ^ 2}"}""", "^")]
    [InlineData("""{"text":"${substring('abc')}"}""", "substring('abc')")]
    [InlineData("""{"text":"${replace('a', 'b')}"}""", "replace('a', 'b')")]
    [InlineData("""{"text":"${mod(7)}"}""", "(7)")]
    [InlineData("""{"text":"${count()}"}""", "count()")]
    [InlineData("""{"text":"${toUpper(5)}"}""", "toUpper")]
    [InlineData("""{"text":"a`b ${x}"}""", "backtick")]
    [InlineData("""{"text":"${{a:1}}"}""", "object literals")]
    [InlineData("""{"$data":[{"t":"${x}"}]}""", "$data")]
    public void Rejects_at_load_what_is_outside_the_subset(string template, string mentioned)
    {
        var ex = Assert.Throws<CardTemplateException>(() => CardTemplate.Parse(template));
        Assert.Contains(mentioned, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"AdaptiveCard","text":"${name}"}""", """{"name":"a","name":"b"}""")]
    [InlineData("""{"type":"AdaptiveCard","text":"${name}"}""", """{"name":"a","outer":{"k":1},"name":"b"}""")]
    [InlineData("""{"type":"AdaptiveCard","text":"${outer.k}"}""", """{"outer":{"k":1,"k":2}}""")]
    [InlineData("""{"type":"AdaptiveCard","text":"Hej ${outer.k}"}""", """{"outer":{"k":1,"k":2}}""")]
    [InlineData("""{"type":"AdaptiveCard","text":"${list[1].k}"}""", """{"list":[{"k":1},{"k":1,"k":2}]}""")]
    [InlineData("""{"type":"AdaptiveCard","all":"${outer}"}""", """{"outer":{"k":1,"k":2}}""")]
    [InlineData("""{"type":"AdaptiveCard","n":"${count(outer.inner)}"}""", """{"outer":{"inner":{"a":1,"a":2}}}""")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"$data":"${list}","type":"TextBlock","text":"${k}"}]}""", """{"list":[{"k":1},{"k":1,"k":2}]}""")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"$data":"${list}","$when":"${k == 1}","type":"TextBlock"}]}""", """{"list":[{"k":1,"k":2}]}""")]
    public void Data_the_card_reads_with_a_key_twice_is_a_template_error_not_an_argument_exception(string template, string data)
    {
        var card = CardTemplate.Parse(template);

        var ex = Assert.Throws<CardTemplateException>(() => card.Expand(JsonNode.Parse(data)));

        Assert.Contains("duplicate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Data_with_a_key_twice_fails_every_expansion_that_reads_it()
    {
        var card = CardTemplate.Parse("""{"type":"AdaptiveCard","text":"${outer.k}"}""");
        var data = JsonNode.Parse("""{"outer":{"k":1,"k":2}}""");

        Assert.Throws<CardTemplateException>(() => card.Expand(data));
        Assert.Throws<CardTemplateException>(() => card.Expand(data));
    }

    [Fact]
    public void Data_the_card_never_reads_is_not_looked_at()
    {
        // Only what a card reads is converted (and checked); the card's output is npm's, which never sees the rest.
        var card = CardTemplate.Parse("""{"type":"AdaptiveCard","text":"${name}","items":"${count(list)}"}""");

        var result = card.Expand(JsonNode.Parse("""{"name":"Amina","list":[{"k":1,"k":2}],"unread":{"k":1,"k":2}}"""));

        Assert.Equal("""{"type":"AdaptiveCard","text":"Amina","items":1}""", result.ToJsonString());
    }

    [Theory]
    [InlineData("""{"type":"AdaptiveCard","text":"a","text":"b"}""")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"${x}","text":"y"}]}""")]
    public void Template_with_a_duplicate_key_is_rejected_at_load(string template)
    {
        Assert.Throws<CardTemplateException>(() => CardTemplate.Parse(template));
    }

    [Fact]
    public void Data_is_never_evaluated()
    {
        var card = CardTemplate.Parse("""{"type":"AdaptiveCard","text":"${note}","t2":"x ${note}"}""");
        var result = card.Expand(new JsonObject { ["note"] = "${$root.secret}", ["secret"] = "LEAK" });
        Assert.Equal("${$root.secret}", result["text"]!.GetValue<string>());
        Assert.Equal("x ${$root.secret}", result["t2"]!.GetValue<string>());
    }

    [Fact]
    public void Root_dropped_by_when_is_a_clear_error_from_Expand()
    {
        var card = CardTemplate.Parse("""{"type":"AdaptiveCard","$when":"${false}"}""");
        Assert.Null(card.ExpandNode(new JsonObject()));
        Assert.Throws<CardTemplateException>(() => card.Expand(new JsonObject()));
    }
}

public sealed class CardCatalogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cards-").FullName;

    public CardCatalogTests()
    {
        File.WriteAllText(Path.Combine(_dir, "help.card.json"), """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"${strings.help.title}, ${name}"}]}""");
        File.WriteAllText(Path.Combine(_dir, "strings.da.json"), """{"help":{"title":"Hjælp"}}""");
        File.WriteAllText(Path.Combine(_dir, "strings.en.json"), """{"help":{"title":"Help"}}""");
    }

    public void Dispose() => Directory.Delete(_dir, true);

    private string Text(string? language) =>
        CardCatalog.Load(_dir).Render("help", new JsonObject { ["name"] = "Åse" }, language!)["body"]![0]!["text"]!.GetValue<string>();

    [Theory]
    [InlineData("da", "Hjælp, Åse")]
    [InlineData("en", "Help, Åse")]
    [InlineData("en-GB", "Help, Åse")]
    [InlineData("ar", "Hjælp, Åse")]
    [InlineData(null, "Hjælp, Åse")]
    public void Merges_the_language_strings_with_Danish_default(string? language, string expected) =>
        Assert.Equal(expected, Text(language));

    [Fact]
    public void Unknown_card_names_the_known_ones()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => CardCatalog.Load(_dir).Render("nope", [], "da"));
        Assert.Contains("help", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_template_fails_the_load_naming_the_file()
    {
        File.WriteAllText(Path.Combine(_dir, "bad.card.json"), """{"text":"${nope(1)}"}""");
        var ex = Assert.Throws<CardTemplateException>(() => CardCatalog.Load(_dir));
        Assert.Contains("bad.card.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_card_without_data_is_what_the_engine_expands_and_each_caller_gets_its_own_copy()
    {
        var catalog = CardCatalog.Load(_dir);
        var template = CardTemplate.Parse(File.ReadAllText(Path.Combine(_dir, "help.card.json")));
        var first = catalog.Render("help", [], "da");
        Assert.True(JsonNode.DeepEquals(template.Expand(catalog.DataFor([], "da")), first));

        // One caller changing its card (as a handler may) changes neither the next card nor the other language.
        first["body"]![0]!["text"] = "ændret";
        first["extra"] = true;
        var english = catalog.Render("help", [], "en");
        var second = catalog.Render("help", [], "da");
        Assert.NotSame(first, second);
        Assert.True(JsonNode.DeepEquals(template.Expand(catalog.DataFor([], "da")), second));
        Assert.True(JsonNode.DeepEquals(template.Expand(catalog.DataFor([], "en")), english));
        Assert.Equal("Help, ${name}", english["body"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Caller_data_is_not_mutated()
    {
        var data = new JsonObject { ["name"] = "x" };
        CardCatalog.Load(_dir).Render("help", data, "da");
        Assert.False(data.ContainsKey("strings"));
    }
}
