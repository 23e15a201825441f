using System.Text.Json.Nodes;
using PartnerHub.EndToEnd.Tests.Infrastructure;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The local demo's "act as" through the Agents Playground, without a browser: the page's one user (Alex, the coordinator)
/// types "demo: Megan", and from then on the bot treats his messages as Megan's, until "demo: mig".
/// The referral list shows whose messages they are: its title and rows depend on who asks.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class DemoPersonaProtocolTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task Demo_Megan_switches_the_actor_and_demo_mig_switches_back()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        await using var client = await PlaygroundClient.ConnectAsync(playground.BaseAddress);
        var config = await client.GetConfigAsync();
        var conversationId = config.StringAt("config", "personalChat", "id") ?? throw new InvalidOperationException("No personal chat.");
        var botId = config.StringAt("config", "bot", "id") ?? throw new InvalidOperationException("No bot.");
        await client.InstallAsync(conversationId);
        await client.WaitForBotAnswerAsync("conversationUpdate");
        // The welcome comes first; each wait below then looks only at what comes after the last message.
        await client.WaitForBotMessageAsync(
            conversationId, botId, m => BotTexts.WelcomeTitles.Contains(AdaptiveCardJson.Title(AdaptiveCardJson.CardOf(m)) ?? string.Empty), "the welcome card");

        // Who he acts as is remembered in the API all tests share: start as himself (in his language, maybe still English).
        await SayAsync(client, conversationId, botId, "demo: mig", string.Empty);
        await ChooseDanishAsync(client, conversationId, botId);

        // Alex, the coordinator, sees the project's list: every referral, Amina's (submitted, unassigned) among them.
        var own = await ListAsync(client, conversationId, botId, "alex-1");
        Assert.Equal(BotTexts.ListTitleProject, AdaptiveCardJson.Title(own));
        Assert.Contains("Amina", AdaptiveCardJson.Texts(own));

        // "demo: Megan": the answer names her and her organisation, in Danish although the Playground says en-US.
        var switched = await SayAsync(client, conversationId, botId, "demo: Megan", BotTexts.DemoSwitchedPrefix + "Megan");
        Assert.Contains(BotTexts.MeganOrganisation, switched, StringComparison.Ordinal);
        var megans = await ListAsync(client, conversationId, botId, "megan");
        Assert.Equal(BotTexts.ListTitleMine, AdaptiveCardJson.Title(megans));
        Assert.Contains("Amina", AdaptiveCardJson.Texts(megans));

        // "demo: skift til Adele": a neighbourhood mother sees only the referrals assigned to her (Hodan, Zahra), not Amina's.
        await SayAsync(client, conversationId, botId, "demo: skift til Adele", BotTexts.DemoSwitchedPrefix + "Adele");
        var adeles = await ListAsync(client, conversationId, botId, "adele");
        Assert.Equal(BotTexts.ListTitleAssigned, AdaptiveCardJson.Title(adeles));
        Assert.Contains("Hodan", AdaptiveCardJson.Texts(adeles));
        Assert.DoesNotContain("Amina", AdaptiveCardJson.Texts(adeles));

        // "demo: mig": Alex again, and the project's list again.
        await SayAsync(client, conversationId, botId, "demo: mig", BotTexts.DemoSelfAlex);
        var again = await ListAsync(client, conversationId, botId, "alex-2");
        Assert.Equal(BotTexts.ListTitleProject, AdaptiveCardJson.Title(again));
        Assert.Contains("Amina", AdaptiveCardJson.Texts(again));
    }

    /// <summary>
    /// Alex reads Danish unless he chose English, and the choice is remembered per person in the API that all tests share
    /// (the help card test presses "Show in English"). So he chooses Danish on the help card first, as a user would.
    /// </summary>
    private static async Task ChooseDanishAsync(PlaygroundClient client, string conversationId, string botId)
    {
        var before = Seen(client, conversationId, botId);
        await client.SendTextAsync(conversationId, BotTexts.Alex, "hjælp");
        var help = await client.WaitForBotMessageAsync(conversationId, botId, m => !before.Contains(m) && AdaptiveCardJson.CardOf(m) is not null, "the help card");
        var card = AdaptiveCardJson.CardOf(help);
        if (AdaptiveCardJson.Title(card) == BotTexts.HelpTitleEnglish)
        {
            var toDanish = Assert.Single(AdaptiveCardJson.ExecuteActions(card), a => a.StringAt("title") == BotTexts.ShowInDanish);
            card = (await client.ExecuteAsync(conversationId, BotTexts.Alex, help.StringAt("messageId")!, toDanish)).At("value");
        }

        Assert.Equal(BotTexts.HelpTitleDanish, AdaptiveCardJson.Title(card));
    }

    /// <summary>Alex types; waits for the bot's first new text message after it and returns its text.</summary>
    private static async Task<string> SayAsync(PlaygroundClient client, string conversationId, string botId, string text, string expectedStart)
    {
        var before = Seen(client, conversationId, botId);
        await client.SendTextAsync(conversationId, BotTexts.Alex, text);
        var reply = await client.WaitForBotMessageAsync(
            conversationId, botId, m => !before.Contains(m) && !string.IsNullOrEmpty(m.StringAt("text")), $"the answer to \"{text}\"");
        var answer = reply.StringAt("text") ?? string.Empty;
        Assert.StartsWith(expectedStart, answer, StringComparison.Ordinal);
        return answer;
    }

    /// <summary>"mine henvisninger"; returns the list card answering it.</summary>
    private static async Task<JsonNode?> ListAsync(PlaygroundClient client, string conversationId, string botId, string who)
    {
        var before = Seen(client, conversationId, botId);
        await client.SendTextAsync(conversationId, BotTexts.Alex, BotTexts.MyReferralsCommand);
        var reply = await client.WaitForBotMessageAsync(
            conversationId, botId, m => !before.Contains(m) && AdaptiveCardJson.CardOf(m) is not null, $"the referral list ({who})");
        return AdaptiveCardJson.CardOf(reply);
    }

    /// <summary>The bot's messages so far, by reference: a wait then looks only at what comes next (one command at a time).</summary>
    private static HashSet<JsonNode> Seen(PlaygroundClient client, string conversationId, string botId) =>
        client.BotMessages(conversationId, botId).ToHashSet<JsonNode>(ReferenceEqualityComparer.Instance);
}
