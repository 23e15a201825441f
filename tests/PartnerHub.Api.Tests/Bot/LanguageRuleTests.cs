using System.Text.Json.Nodes;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// The card catalogue (Teams) and the domain (Core) each read a language from a Teams locale, because Teams may not
/// reference Core. Here, where both meet, they must agree on every kind of locale Teams sends.
/// </summary>
public sealed partial class LanguageRuleTests
{
    [Theory]
    [InlineData(null, "da")]
    [InlineData("", "da")]
    [InlineData("da", "da")]
    [InlineData("da-DK", "da")]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData("en-US", "en")]
    [InlineData("en-gb", "en")]
    [InlineData("eng", "da")]
    [InlineData("ar-SA", "da")]
    [InlineData("so", "da")]
    [InlineData("tr-TR", "da")]
    public void Cards_and_domain_pick_the_same_language(string? locale, string expected)
    {
        Assert.Equal(expected, Languages.FromLocale(locale));
        Assert.Equal(expected, CardCatalog.ResolveLanguage(locale));
    }

    // The cards the host loads (copied beside the assembly from cards/).
    private static string CardsDirectory() => Path.Combine(AppContext.BaseDirectory, "cards");

    public static TheoryData<string> CardFiles() => [.. Directory.GetFiles(CardsDirectory(), "*.card.json").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(CardFiles))]
    public void No_card_leaves_a_date_to_the_Teams_clients_locale(string file)
    {
        // {{DATE()}} and {{TIME()}} follow the client's locale and zone, not the card's language: the server formats dates.
        var text = File.ReadAllText(Path.Combine(CardsDirectory(), file));
        Assert.DoesNotContain("{{DATE(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{TIME(", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(CardFiles))]
    public void Inside_a_repeated_element_strings_are_read_from_the_root(string file)
    {
        // In a $data loop, ${strings.x} looks for strings on the item and is never filled: it must be $root.strings.x.
        var card = JsonNode.Parse(File.ReadAllText(Path.Combine(CardsDirectory(), file)))!;
        Assert.Empty(UnrootedStringsInLoops(card, inLoop: false));
    }

    [Fact]
    public void The_loop_check_finds_an_unrooted_string()
    {
        var card = JsonNode.Parse("""{ "body": [ { "$data": "${items}", "data": { "language": "${strings.common.language}" } } ] }""")!;
        Assert.Single(UnrootedStringsInLoops(card, inLoop: false));
    }

    private static IEnumerable<string> UnrootedStringsInLoops(JsonNode? node, bool inLoop) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "$data"
            ? []
            : UnrootedStringsInLoops(p.Value, inLoop || o.ContainsKey("$data"))),
        JsonArray a => a.SelectMany(item => UnrootedStringsInLoops(item, inLoop)),
        JsonValue v when inLoop && v.TryGetValue<string>(out var text) && UnrootedStrings().IsMatch(text) => [text],
        _ => [],
    };

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![.$\w])strings\.", System.Text.RegularExpressions.RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial System.Text.RegularExpressions.Regex UnrootedStrings();
}
