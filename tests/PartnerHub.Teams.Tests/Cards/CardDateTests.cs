using System.Text.Json.Nodes;
using PartnerHub.Core.Localization;
using PartnerHub.Teams.Cards;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>
/// What a Danish (or English) reader sees: every sample of every card, in each language, shows its dates and times in
/// that language's house style; and the check itself fails on each kind of wrong date.
/// </summary>
public sealed class CardDateTests
{
    public static TheoryData<string> CardIds => new(Referee.Cases.Keys.Where(k => k.StartsWith("card:", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(CardIds))]
    public void Every_date_is_in_the_cards_language(string id)
    {
        var c = Referee.Cases[id];
        var language = id[(id.LastIndexOf('.') + 1)..];
        CardAssert.Wellformed(CardTemplate.Parse(c.Template.ToJsonString()).Expand(c.Data), language, id);
    }

    [Theory]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"{{DATE(2026-11-20T10:00:00Z, SHORT)}}"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"x"}],"actions":[{"type":"Action.Execute","data":{"at":"{{TIME(2026-11-20T10:00:00Z)}}"}}]}""", "en", "$.actions[0].data.at")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Sendt 20 Nov 2026"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Sent Nov 20, 2026"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"FactSet","facts":[{"title":"Dato","value":"Fri, 20. november 2026"}]}]}""", "da", "$.body[0].facts[0].value")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"kl. 9:30 AM"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"at 2 pm"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"RichTextBlock","inlines":["Sendt ",{"type":"TextRun","text":"11/20/2026"}]}]}""", "da", "$.body[0].inlines[1].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"RichTextBlock","inlines":["Sendt 19.11.2026"]}]}""", "da", "$.body[0].inlines[0]")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Opdateret 2026-11-19"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Updated 19-11-26"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"fredag 20. november 2026"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Updated 20. november 2026"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Updated 20 marts 2026"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Friday 20. november 2026"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"fredag 20 November 2026"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"fredag 20. October 2026"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"fredag 20. november 2026 kl. 14:00"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Friday 20 November 2026, 14.00"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Friday 20 November 2026 kl. 14"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"Input.Text","id":"x","label":"Senest 20.11.2026"}]}""", "da", "$.body[0].label")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"Input.Text","id":"x","placeholder":"f.eks. 14:00"}]}""", "da", "$.body[0].placeholder")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"Input.ChoiceSet","id":"x","choices":[{"title":"Fri 20","value":"a"}]}]}""", "en", "$.body[0].choices[0].title")]
    [InlineData("""{"type":"AdaptiveCard","body":[],"actions":[{"type":"Action.ShowCard","title":"Show","card":{"type":"AdaptiveCard","body":[],"actions":[{"type":"Action.Submit","title":"Move to 11/20/26"}]}}]}""", "en", "$.actions[0].card.actions[0].title")]
    [InlineData("""{"attachments":[{"content":{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"9:30 PM"}]}}]}""", null, "$.attachments[0].content.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Sendt torsdag 20. november 2026"}]}""", "da", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Sent Thursday 20 November 2026"}]}""", "en", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"mandag 31. november 2026"}]}""", "da", "$.body[0].text")]
    public void Names_each_wrong_date_by_its_path(string json, string? language, string path)
    {
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => CardAssert.DatesInLanguage(JsonNode.Parse(json), language));
        Assert.Contains(path + ":", ex.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string> BothLanguages => new(Languages.Danish, Languages.English);

    [Theory]
    [MemberData(nameof(BothLanguages))]
    public void Passes_every_day_and_time_of_a_year_as_Core_writes_it_and_fails_it_in_the_other_language(string language)
    {
        var other = language == Languages.Danish ? Languages.English : Languages.Danish;
        var start = new DateTimeOffset(2026, 1, 1, 8, 5, 0, TimeSpan.Zero);
        for (var day = 0; day < 365; day++)
        {
            // Walk the clock through every hour too, so one- and two-digit hours and both offsets are covered.
            var at = start.AddDays(day).AddHours(day % 24);
            var text = CopenhagenDates.Range(at, at.AddMinutes(110), language);
            var card = Card(text, language);
            Assert.Empty(CardAssert.DateOffences(card, language));
            Assert.NotEmpty(CardAssert.DateOffences(Card(text, other), other));
        }
    }

    [Fact]
    public void Passes_iso_dates_where_they_belong_and_numbers_that_are_not_dates()
    {
        var card = JsonNode.Parse("""
            {"type":"AdaptiveCard","body":[
              {"type":"Input.Date","id":"date","label":"Dato","value":"2026-11-19","min":"2026-01-01"},
              {"type":"TextBlock","text":"Telefon 12 34 56 78, 3 af 12 henvisninger, side 2/5, 14.00–16.00"},
              {"type":"TextBlock","text":"Henvisning H-27PM og H-3AM7"},
              {"type":"FactSet","facts":[{"title":"Tid","value":"kl. 09.40"}]},
              {"type":"Input.ChoiceSet","id":"slot","choices":[{"title":"torsdag 3. december 2026","value":"2026-12-03T13:00:00Z"}]}],
             "actions":[{"type":"Action.Execute","title":"Gem","verb":"x","data":{"language":"da","date":"2026-11-19","title":"11/19/2026"}},
                        {"type":"Action.OpenUrl","title":"Åbn","url":"https://x.test/2026-11-19"}]}
            """);
        CardAssert.Wellformed(card, Languages.Danish);
        CardAssert.Wellformed(card);
    }

    [Fact]
    public void Reads_the_language_off_the_actions_data_but_not_off_a_language_switch()
    {
        Assert.Equal("en", CardAssert.LanguageOf(Card("x", "en")));
        Assert.Null(CardAssert.LanguageOf(JsonNode.Parse("""{"type":"AdaptiveCard","body":[]}""")));
        var help = JsonNode.Parse("""
            {"type":"AdaptiveCard","body":[],"actions":[{"type":"Action.Execute","verb":"help.language","data":{"language":"da"}}]}
            """);
        Assert.Null(CardAssert.LanguageOf(help));

        // Read off the card, the language still decides: a Danish date on a card whose buttons answer in English fails.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => CardAssert.Wellformed(Card("fredag 20. november 2026", "en")));
    }

    [Fact]
    public void The_recognisers_follow_Cores_formatter()
    {
        Assert.Equal("januar", HouseDateStyle.Months(Languages.Danish)[0]);
        Assert.Equal("Sunday", HouseDateStyle.Days(Languages.English)[0]);
        Assert.Equal('.', HouseDateStyle.TimeSeparator(Languages.Danish));
        Assert.Equal(':', HouseDateStyle.TimeSeparator(Languages.English));
        Assert.Equal(" kl. ", HouseDateStyle.DateTimeGlue(Languages.Danish));
        Assert.Equal(", ", HouseDateStyle.DateTimeGlue(Languages.English));
    }

    private static JsonObject Card(string text, string language) => new JsonObject
    {
        ["type"] = "AdaptiveCard",
        ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = text }),
        ["actions"] = new JsonArray(new JsonObject
        {
            ["type"] = "Action.Execute",
            ["title"] = "OK",
            ["verb"] = "x.ok",
            ["data"] = new JsonObject { ["language"] = language },
        }),
    };
}
