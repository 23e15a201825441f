using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// Every message gets an answer, through /api/messages with signed tokens: a greeting or thanks a short friendly text,
/// anything not understood "I didn't understand" with the closest commands in her language, never the help card.
/// Every activity comes from a Teams client set to en-US: the answer is Danish (the project's language) unless she
/// chose English on a card.
/// </summary>
/// <remarks>One host for the class: every answer is asked for by a new person in a new chat, so no test sees another's choice.</remarks>
public sealed class ChatAnswerTests(BotHostFixture fixture) : IClassFixture<AzuriteFixture>, IClassFixture<BotHostFixture>
{
    private const string DanishNotUnderstood = "Jeg forstod ikke din besked.";
    private const string EnglishNotUnderstood = "I didn't understand your message.";
    private readonly BotHost _host = fixture.Host;

    [Theory]
    [InlineData("henvsi", "da", "Jeg forstod ikke din besked. Mente du \"henvis\"? Skriv \"hjælp\" for at se alt, hvad PartnerHub kan.")]
    [InlineData("henvsi", "en", "I didn't understand your message. Did you mean \"refer\"? Type \"help\" to see everything PartnerHub can do.")]
    [InlineData("partner", "da", "Jeg forstod ikke din besked. Mente du \"partnere\"? Skriv \"hjælp\" for at se alt, hvad PartnerHub kan.")]
    [InlineData("my referals", "en", "I didn't understand your message. Did you mean \"my referrals\"? Type \"help\" to see everything PartnerHub can do.")]
    public async Task A_typo_is_answered_with_the_closest_command_in_her_language(string text, string language, string expected)
    {
        Assert.Equal(expected, await AnswerToAsync(text, language));
    }

    [Theory]
    [InlineData("hvad kan du?", "da")]
    [InlineData("👍", "da")]
    [InlineData("", "da")]
    [InlineData("what can you do?", "en")]
    [InlineData("🙂", "en")]
    [InlineData(" ", "en")]
    public async Task An_unknown_message_is_answered_with_every_command_not_the_help_card(string text, string language)
    {
        var answer = await AnswerToAsync(text, language);

        Assert.Equal(
            language == "da"
                ? DanishNotUnderstood + " Du kan skrive \"hjælp\", \"henvis\", \"mine henvisninger\", \"partnere\", \"møder\", \"nyt møde\", \"kursus\", \"mine bookinger\" eller \"kontakt\"."
                : EnglishNotUnderstood + " You can type \"help\", \"refer\", \"my referrals\", \"partners\", \"sessions\", \"new session\", \"course\", \"my bookings\" or \"outreach\".",
            answer);
    }

    [Theory]
    [InlineData("hej", "da", "Hej! Skriv \"hjælp\", så viser jeg, hvad PartnerHub kan.")]
    [InlineData("Godmorgen!", "da", "Hej! Skriv \"hjælp\", så viser jeg, hvad PartnerHub kan.")]
    [InlineData("tak", "da", "Selv tak! Skriv \"hjælp\", hvis du vil se, hvad PartnerHub ellers kan.")]
    [InlineData("hello", "en", "Hi! Type \"help\" and I'll show you what PartnerHub can do.")]
    [InlineData("thanks", "en", "You're welcome! Type \"help\" to see what else PartnerHub can do.")]
    public async Task Greetings_and_thanks_get_a_short_friendly_answer(string text, string language, string expected)
    {
        Assert.Equal(expected, await AnswerToAsync(text, language));
    }

    [Fact]
    public async Task With_real_tokens_demo_is_a_message_like_any_other()
    {
        var answer = await AnswerToAsync("demo", "da-DK");

        Assert.StartsWith(DanishNotUnderstood, answer, StringComparison.Ordinal);
    }

    /// <summary>Sends one message (after choosing English when asked to) and returns the text of the bot's one reply, which must carry no card.</summary>
    private async Task<string> AnswerToAsync(string text, string language)
    {
        var conversationId = "a:chat-" + UniqueIds.Next(8);
        var person = ("29:user-" + UniqueIds.Next(8), Guid.NewGuid().ToString());
        if (language == "en")
        {
            var choose = _host.ActivityFrom("invoke", conversationId, person, locale: "en-US");
            choose["name"] = "adaptiveCard/action";
            choose["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "help.language", ["data"] = new JsonObject { ["language"] = "en" } } };
            using var chosen = await _host.PostSignedAsync(choose);
            Assert.Equal(HttpStatusCode.OK, chosen.StatusCode);
        }

        _host.Connector.ResetLogEntries();
        using var response = await _host.PostSignedAsync(_host.ActivityFrom("message", conversationId, person, text, "en-US"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_host.ConnectorCalls()).Body!;
        Assert.Null(reply["attachments"]);
        return (string)reply["text"]!;
    }
}
