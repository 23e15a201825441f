using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Teams.Tests.Cards;

/// <summary>Our engine against adaptivecards-templating 2.3.1 and adaptivecards 3.0.6, case by case.</summary>
public sealed class CardConformanceTests
{
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public static TheoryData<string> CaseIds => new(Referee.Cases.Keys);

    [Fact]
    public void There_are_at_least_45_cases()
    {
        Assert.True(Referee.Cases.Keys.Count(k => k.StartsWith("case:", StringComparison.Ordinal)) >= 45);
    }

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Matches_the_npm_engines(string id)
    {
        var c = Referee.Cases[id];
        var npm = Referee.Results[id];
        JsonNode? ours;
        try
        {
            ours = CardTemplate.Parse(c.Template.ToJsonString()).ExpandNode(c.Data);
        }
        catch (CardTemplateException ex)
        {
            Assert.False(npm["ok"]!.GetValue<bool>(), $"{id}: ours threw but npm expanded it.\nours: {ex.Message}\nnpm: {npm["expanded"]?.ToJsonString(Pretty)}");
            return;
        }

        Assert.True(npm["ok"]!.GetValue<bool>(), $"{id}: npm threw ({npm["error"]}) but ours expanded to {ours?.ToJsonString(Pretty)}");
        var difference = Referee.FirstDifference(npm["expanded"], ours);
        Assert.True(difference is null, $"{id}: {difference}\n--- npm\n{npm["expanded"]?.ToJsonString(Pretty)}\n--- ours\n{ours?.ToJsonString(Pretty)}");
        if (c.Validate)
        {
            var events = npm["parseEvents"]!.AsArray().Concat(npm["validationEvents"]!.AsArray()).ToList();
            Assert.True(events.Count == 0, $"{id}: adaptivecards reported:\n{string.Join("\n", events.Select(e => e!.ToJsonString()))}");
        }
    }
}
