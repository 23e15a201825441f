using System.Text.Json.Nodes;
using PartnerHub.EndToEnd.Tests.Infrastructure;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The same exchange without a browser, through the HTTP calls and websockets the Playground's page uses:
/// what exactly went over the wire between the Playground and the bot.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class PlaygroundProtocolTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task Help_message_and_language_invoke_round_trip_through_the_Playground()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        await using var client = await PlaygroundClient.ConnectAsync(playground.BaseAddress);

        var config = await client.GetConfigAsync();
        Assert.Equal("msteams", config.StringAt("internalConfig", "channelId"));
        var conversationId = Required(config, "config", "personalChat", "id");
        var userId = Required(config, "config", "currentUser", "id");
        var botId = Required(config, "config", "bot", "id");

        await client.InstallAsync(conversationId);
        AssertStatus(200, await client.WaitForBotAnswerAsync("installationUpdate"));
        AssertStatus(200, await client.WaitForBotAnswerAsync("conversationUpdate"));
        await client.WaitForBotMessageAsync(conversationId, botId, IsWelcome, "the welcome card");

        await client.SendTextAsync(conversationId, userId, "hjælp");
        var delivered = await client.WaitForBotAnswerAsync("message", l => l.StringAt("request", "body", "text") == "hjælp");
        AssertStatus(200, delivered);
        var help = await client.WaitForBotMessageAsync(conversationId, botId, m => TitleOf(m) == BotTexts.HelpTitleDanish, "the help card");
        var helpId = Required(help, "messageId");

        // The bot posted the card to the Playground's connector as a reply to the user's activity.
        var reply = await client.WaitForBotCallAsync("message", l => l.StringAt("response", "body", "id") == helpId);
        Assert.Equal(delivered.StringAt("request", "body", "id"), reply.StringAt("request", "body", "replyToId"));
        Assert.Equal(conversationId, reply.StringAt("request", "body", "conversation", "id"));
        // Install plus a full round trip: a duplicate welcome (one per install activity, say) would be here by now.
        Assert.Single(client.BotMessages(conversationId, botId), IsWelcome);

        var action = Assert.Single(
            AdaptiveCardJson.ExecuteActions(AdaptiveCardJson.CardOf(help)),
            a => a.StringAt("title") == BotTexts.ShowInEnglish);
        Assert.Equal(BotTexts.HelpLanguageVerb, action.StringAt("verb"));
        Assert.Equal("en", action.StringAt("data", "language"));

        // Exactly what the page posts when the button is clicked: the card's action object as it is.
        var answer = await client.ExecuteAsync(conversationId, userId, helpId, action);

        Assert.Equal(AdaptiveCardJson.ContentType, answer.StringAt("type"));
        var english = answer.At("value");
        Assert.Equal(BotTexts.HelpTitleEnglish, AdaptiveCardJson.Title(english));
        var back = Assert.Single(AdaptiveCardJson.ExecuteActions(english), a => a.StringAt("title") == BotTexts.ShowInDanish);
        Assert.Equal(BotTexts.HelpLanguageVerb, back.StringAt("verb"));
        Assert.Equal("da", back.StringAt("data", "language"));

        // And what the bot itself answered over HTTP: 200 with an adaptiveCard/action response body.
        var invoke = await client.WaitForBotAnswerAsync("invoke", l => l.StringAt("request", "body", "replyToId") == helpId);
        Assert.Equal("adaptiveCard/action", invoke.StringAt("request", "body", "name"));
        AssertStatus(200, invoke);
        var body = invoke.At("response", "body");
        Assert.Equal(200, body.IntAt("statusCode"));
        Assert.Equal(AdaptiveCardJson.ContentType, body.StringAt("type"));

        // The choice is remembered for Alex in the API all tests share: choose Danish again, so later tests see his default.
        var danish = await client.ExecuteAsync(conversationId, userId, helpId, back);
        Assert.Equal(BotTexts.HelpTitleDanish, AdaptiveCardJson.Title(danish.At("value")));
    }

    private static bool IsWelcome(JsonNode message) => BotTexts.WelcomeTitles.Contains(TitleOf(message));

    private static string? TitleOf(JsonNode message) => AdaptiveCardJson.Title(AdaptiveCardJson.CardOf(message));

    private static void AssertStatus(int expected, JsonNode logEntry) =>
        Assert.True(
            logEntry.IntAt("response", "statusCode") == expected,
            $"Expected the bot to answer {expected}; the Playground logged {logEntry.ToJsonString()}");

    private static string Required(JsonNode node, params string[] path) =>
        node.StringAt(path) ?? throw new InvalidOperationException($"No {string.Join('.', path)} in {node.ToJsonString()}");
}
