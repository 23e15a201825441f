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
            var events = CardChecks.Failures(npm, npm["expanded"]);
            Assert.True(events.Count == 0, $"{id}: adaptivecards reported:\n{string.Join("\n", events.Select(e => e.ToJsonString()))}");
        }
    }

    [Fact]
    public void A_people_picker_passes_the_check_with_no_choices()
    {
        var npm = Referee.Results["case:people-picker"];

        // The renderer does warn: the check accepts exactly that warning on exactly that input.
        var warning = Assert.Single(npm["validationEvents"]!.AsArray());
        Assert.Equal("person", (string?)warning!["sourceId"]);
        Assert.Empty(CardChecks.Failures(npm, npm["expanded"]));
    }

    [Fact]
    public void A_choice_set_without_choices_fails_the_check_unless_it_is_a_people_picker()
    {
        var npm = Referee.Results["case:choice-set-without-choices"];

        var failures = CardChecks.Failures(npm, npm["expanded"]);

        // "role" has no choices and no query, "kind" a query of another type: both still fail, "person" does not.
        var empty = failures.Where(e => (string?)e["event"] == CardChecks.EmptyChoicesEvent).ToList();
        Assert.Equal(["kind", "role"], empty.Select(e => (string?)e["sourceId"]).Order(StringComparer.Ordinal));
        Assert.All(empty, e => Assert.Equal(CardChecks.EmptyChoicesMessage, (string?)e["message"]));
        // The renderer itself refuses a query type it does not know; that stays a failure too.
        Assert.Equal(3, failures.Count);
        Assert.Equal(["person"], CardChecks.PeoplePickerIds(npm["expanded"]));
    }

    [Fact]
    public void The_accepted_warning_is_matched_by_its_text_too()
    {
        var npm = (JsonObject)Referee.Results["case:people-picker"].DeepClone();
        npm["validationEvents"]![0]!["message"] = "An Input.ChoiceSet must have a label.";

        Assert.Single(CardChecks.Failures(npm, npm["expanded"]));
    }

    [Fact]
    public void The_person_card_adding_someone_is_a_people_picker_without_fixed_choices()
    {
        var npm = Referee.Results["card:directory-member.add.da"];

        Assert.Equal(["objectId"], CardChecks.PeoplePickerIds(npm["expanded"]));
        Assert.Contains(npm["validationEvents"]!.AsArray(), e => (string?)e!["sourceId"] == "objectId");
        Assert.Empty(CardChecks.Failures(npm, npm["expanded"]));
    }
}
