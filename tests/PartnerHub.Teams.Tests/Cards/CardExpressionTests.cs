using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>No card leaves a template expression behind: every sample of every card, da and en, as our engine expands it.</summary>
public sealed class CardExpressionTests
{
    public static TheoryData<string> CardIds => new(Referee.Cases.Keys.Where(k => k.StartsWith("card:", StringComparison.Ordinal)));

    [Theory]
    [MemberData(nameof(CardIds))]
    public void Every_expression_is_resolved(string id)
    {
        var c = Referee.Cases[id];
        CardAssert.NoUnresolvedExpressions(CardTemplate.Parse(c.Template.ToJsonString()).Expand(c.Data), id);
    }

    [Theory]
    [InlineData("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Hej ${name}"}]}""", "$.body[0].text")]
    [InlineData("""{"type":"AdaptiveCard","actions":[{"type":"Action.Execute","data":{"language":"${strings.common.language}"}}]}""", "$.actions[0].data.language")]
    [InlineData("""{"type":"AdaptiveCard","actions":[{"type":"Action.OpenUrl","url":"https://x.test/?id=${id}"}]}""", "$.actions[0].url")]
    [InlineData("""{"type":"AdaptiveCard","actions":[{"type":"Action.ShowCard","card":{"type":"AdaptiveCard","body":[{"type":"TextBlock","$when":"${x}"}]}}]}""", "$.actions[0].card.body[0].$when")]
    [InlineData("""{"attachments":[{"content":{"type":"AdaptiveCard","body":[{"type":"Container","$data":"${items}"}]}}]}""", "$.attachments[0].content.body[0].$data")]
    public void Names_each_leftover_by_its_path(string json, string path)
    {
        var ex = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => CardAssert.NoUnresolvedExpressions(JsonNode.Parse(json)));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Passes_expanded_cards_and_ignores_json_that_is_not_a_card()
    {
        CardAssert.NoUnresolvedExpressions(JsonNode.Parse("""{"type":"AdaptiveCard","body":[{"type":"TextBlock","text":"Hej Åse, 5 $"}]}"""));
        CardAssert.NoUnresolvedExpressions(JsonNode.Parse("""{"manifest":{"botId":"${{BOT_ID}}"}}"""));
    }
}
