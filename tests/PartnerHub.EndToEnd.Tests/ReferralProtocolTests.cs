using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.EndToEnd.Tests.Infrastructure;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The referral workflow's closed loop through the Agents Playground, without a browser: a kindergarten refers,
/// the coordinator assigns, the neighbourhood mother contacts and closes, and the referrer's card follows in place.
/// The Playground has one personal chat that all its mock users share, so every card lands there; they are told
/// apart by the verbs they offer and the woman's first name.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class ReferralProtocolTests(TeamsEmulatorFixture fixture)
{
    /// <summary>A name none of the demo referrals uses, so no demo card can be mistaken for this one.</summary>
    private const string FirstName = "Yasmin";

    [Fact]
    public async Task Referral_happy_path_through_the_Playground()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        await using var client = await PlaygroundClient.ConnectAsync(playground.BaseAddress);

        var config = await client.GetConfigAsync();
        var conversationId = Required(config, "config", "personalChat", "id");
        var botId = Required(config, "config", "bot", "id");
        Assert.Equal(BotTexts.PlaygroundTenant, config.StringAt("config", "tenantId"));
        var users = UsersById(config);
        Assert.Equal(BotTexts.AlexObjectId, users[BotTexts.Alex]);
        Assert.Equal(BotTexts.MeganObjectId, users[BotTexts.Megan]);
        Assert.Equal(BotTexts.AdeleObjectId, users[BotTexts.Adele]);

        // Install as Alex (the page's current user), as the page does on load; the coordinator's chat is now known.
        await client.InstallAsync(conversationId);
        AssertStatus(200, await client.WaitForBotAnswerAsync("installationUpdate"));
        AssertStatus(200, await client.WaitForBotAnswerAsync("conversationUpdate"));
        var megan = new MockUser(BotTexts.Megan, BotTexts.MeganObjectId);
        var adele = new MockUser(BotTexts.Adele, BotTexts.AdeleObjectId);
        // Proactive cards go to the personal chat the bot has seen each person in: Adele says hello once, as in Teams.
        await SayAsync(client, conversationId, adele, "hjælp");

        // 1. Megan (kindergarten) asks for the form.
        await SayAsync(client, conversationId, megan, BotTexts.ReferCommand);
        var formMessage = await client.WaitForBotMessageAsync(conversationId, botId, m => TitleOf(m) == BotTexts.ReferralFormTitle, "the referral form");
        var formMessageId = Required(formMessage, "messageId");
        var form = AdaptiveCardJson.CardOf(formMessage);
        Assert.Contains(BotTexts.ReferralFormAreas[0], OptionValues(form, "area"));

        // 2. She fills it in and presses "Send henvisning": the client merges the inputs into the action's own data.
        var submit = Assert.Single(AdaptiveCardJson.ExecuteActions(form), a => a.StringAt("verb") == BotTexts.ReferralSubmitVerb);
        Assert.Equal(BotTexts.ReferralSubmit, submit.StringAt("title"));
        Assert.Equal(BotTexts.ProjectId, submit.StringAt("data", "projectId"));
        Assert.False(string.IsNullOrEmpty(submit.StringAt("data", "requestId")));
        var inputs = FormInputs();
        Assert.Empty(inputs.Select(i => i.Key).Except(InputIds(form)));
        var submitted = await ActAsync(client, conversationId, megan, formMessageId, WithInputs(submit, inputs));

        // Her card is now the status card, with a thank-you notice above it.
        var status = CardOfAnswer(submitted);
        Assert.Equal(BotTexts.SubmittedNotice, AdaptiveCardJson.Title(status));
        Assert.Contains(BotTexts.ReferralStatusKicker, AdaptiveCardJson.Texts(status));
        Assert.Contains(FirstName, AdaptiveCardJson.Texts(status));
        Assert.Contains(BotTexts.StateSubmitted, AdaptiveCardJson.Texts(status));

        // 3. The coordinator's triage card arrives by itself, from the outbox.
        var triageMessage = await client.WaitForBotMessageAsync(
            conversationId, botId, m => Offers(m, BotTexts.ReferralAssignVerb) && Mentions(m, FirstName), "the coordinator's triage card");
        var triageMessageId = Required(triageMessage, "messageId");
        var triage = AdaptiveCardJson.CardOf(triageMessage);
        // Proactive cards speak each person's chosen language, else the project's (Danish); never the Teams locale (en-US here).
        Assert.StartsWith(BotTexts.TriageKicker + " · ", AdaptiveCardJson.Title(triage), StringComparison.Ordinal);
        Assert.Contains(BotTexts.AdeleObjectId, OptionValues(triage, "motherId"));

        // 4. Alex assigns Adele, with the triage card's own data (its version included).
        var assign = Action(triage, BotTexts.ReferralAssignVerb);
        Assert.False(string.IsNullOrEmpty(assign.StringAt("data", "version")));
        var assigned = CardOfAnswer(await client.ExecuteAsync(
            conversationId, BotTexts.Alex, triageMessageId, WithInputs(assign, new() { ["motherId"] = BotTexts.AdeleObjectId })));
        // His invoke says en-US (the Playground's), but the answer follows the language rule: Danish.
        Assert.Contains(BotTexts.StateAssigned, AdaptiveCardJson.Texts(assigned));
        Assert.Contains(BotTexts.SavedNotice, AdaptiveCardJson.Texts(assigned));

        // 5. Adele's assignment card arrives, and the referrer's card follows in place.
        var assignmentMessage = await client.WaitForBotMessageAsync(
            conversationId, botId, m => Offers(m, BotTexts.ReferralContactVerb) && Mentions(m, FirstName), "Adele's assignment card");
        var assignmentMessageId = Required(assignmentMessage, "messageId");
        var assignment = AdaptiveCardJson.CardOf(assignmentMessage);
        // Adele's mock activities carry no locale, so her cards are in the default language, Danish.
        Assert.StartsWith(BotTexts.AssignmentKicker + " · ", AdaptiveCardJson.Title(assignment), StringComparison.Ordinal);
        await WaitForReferrerCardAsync(client, conversationId, formMessageId, BotTexts.StateAssigned);

        // 6. Adele records the contact, then closes with an outcome: each time with the version of the card she got back.
        var contacted = CardOfAnswer(await ActAsync(
            client, conversationId, adele, assignmentMessageId, Action(assignment, BotTexts.ReferralContactVerb)));
        Assert.Contains(BotTexts.StateContacted, AdaptiveCardJson.Texts(contacted));
        var close = Action(contacted, BotTexts.ReferralCloseVerb);
        Assert.NotEqual(Action(assignment, BotTexts.ReferralCloseVerb).StringAt("data", "version"), close.StringAt("data", "version"));
        await WaitForReferrerCardAsync(client, conversationId, formMessageId, BotTexts.StateContacted);

        var closed = CardOfAnswer(await ActAsync(
            client, conversationId, adele, assignmentMessageId, WithInputs(close, new() { ["outcome"] = BotTexts.OutcomeJoinedActivities })));
        Assert.Contains(BotTexts.StateClosed, AdaptiveCardJson.Texts(closed));
        Assert.DoesNotContain(BotTexts.StaleNotice, AdaptiveCardJson.Texts(closed));

        // 7. The loop closes for the referrer: the message the form was on now says "Afsluttet", in her (referrer's) view.
        var final = await WaitForReferrerCardAsync(client, conversationId, formMessageId, BotTexts.StateClosed);
        var referrerCard = AdaptiveCardJson.CardOf(final);
        Assert.Equal(BotTexts.ReferralStatusKicker, AdaptiveCardJson.Title(referrerCard));
        Assert.Contains(FirstName, AdaptiveCardJson.Texts(referrerCard));
        Assert.DoesNotContain(AdaptiveCardJson.ExecuteActions(referrerCard), a => a.StringAt("verb") == BotTexts.ReferralCloseVerb);

        // The update was the bot's PUT of that same activity to the Playground's connector, and it was accepted.
        var put = await client.WaitForBotCallAsync(
            "message",
            l => l.StringAt("request", "body", "id") == formMessageId && Texts(l.At("request", "body")).Contains(BotTexts.StateClosed));
        AssertStatus(200, put);
        Assert.Equal(formMessageId, put.StringAt("response", "body", "id"));
        // Updates replace messages; they never add one: exactly one card per role for this referral.
        Assert.Single(client.BotMessages(conversationId, botId), m => Offers(m, BotTexts.ReferralAssignVerb) && Mentions(m, FirstName));
        Assert.Single(client.BotMessages(conversationId, botId), m => Offers(m, BotTexts.ReferralContactVerb) && Mentions(m, FirstName));
    }

    /// <summary>What Megan enters, by input id, as the card's inputs would send it (choice values, yyyy-MM-dd, the toggle's valueOn).</summary>
    private static Dictionary<string, string> FormInputs() => new()
    {
        ["firstName"] = FirstName,
        ["languages"] = "ar,da",
        ["area"] = BotTexts.ReferralFormAreas[0],
        ["contactChannel"] = "ThroughReferrer",
        ["bestTime"] = "Morning",
        ["phone"] = string.Empty,
        ["needs"] = "Children,Network",
        ["note"] = "Har en søn i børnehaven og vil gerne møde andre mødre.",
        ["consentGivenBy"] = "Herself",
        ["consentMethod"] = "Verbal",
        // The form's own default and maximum is "today" in Copenhagen; the bot refuses a later date.
        ["consentDate"] = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, CopenhagenTime()).DateTime)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["consentLanguage"] = "ar",
        ["consentConfirmed"] = "true",
    };

    private static TimeZoneInfo CopenhagenTime() => TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    private static async Task<JsonNode> WaitForReferrerCardAsync(PlaygroundClient client, string conversationId, string formMessageId, string state) =>
        await client.WaitForMessageUpdateAsync(
            conversationId,
            formMessageId,
            m => AdaptiveCardJson.Texts(AdaptiveCardJson.CardOf(m)).Contains(state),
            $"the referrer's card (message {formMessageId}) to be updated to \"{state}\"");

    /// <summary>
    /// A mock user other than the page's current one types a message. The Playground's personal chat has one member, its
    /// current user (Alex): its message and invoke endpoints answer 400 UserNotFound for anyone else. So the others speak
    /// through "Mock an activity": the Playground's own activity for the personal chat, sent from them.
    /// </summary>
    private static async Task SayAsync(PlaygroundClient client, string conversationId, MockUser user, string text)
    {
        var activity = await client.ActivityTemplateAsync(conversationId);
        var id = Required(activity, "id");
        activity["type"] = "message";
        activity["text"] = text;
        activity["textFormat"] = "plain";
        activity["from"] = user.Account();
        await client.SendCustomActivityAsync(activity);
        AssertStatus(200, await client.WaitForBotAnswerAsync("message", l => l.StringAt("request", "body", "id") == id));
    }

    /// <summary>
    /// A mock user other than the current one presses an Action.Execute on the card in message <paramref name="messageId"/>
    /// (see <see cref="SayAsync"/>); returns the bot's invoke answer as the Playground logged it ({statusCode, type, value}).
    /// </summary>
    private static async Task<JsonNode> ActAsync(PlaygroundClient client, string conversationId, MockUser user, string messageId, JsonNode action)
    {
        var activity = await client.ActivityTemplateAsync(conversationId);
        var id = Required(activity, "id");
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = action.DeepClone(), ["trigger"] = "manual" };
        activity["replyToId"] = messageId;
        activity["from"] = user.Account();
        await client.SendCustomActivityAsync(activity);
        var answer = await client.WaitForBotAnswerAsync("invoke", l => l.StringAt("request", "body", "id") == id);
        AssertStatus(200, answer);
        var body = answer.At("response", "body") ?? throw new InvalidOperationException($"No invoke answer in {answer.ToJsonString()}");
        Assert.Equal(200, body.IntAt("statusCode"));
        return body;
    }

    /// <summary>A copy of the action with the inputs merged into its data, as a Teams client sends Action.Execute (associatedInputs auto).</summary>
    private static JsonNode WithInputs(JsonNode action, Dictionary<string, string> inputs)
    {
        var copy = action.DeepClone();
        var data = copy["data"] as JsonObject ?? throw new InvalidOperationException($"No data on {action.ToJsonString()}");
        foreach (var (id, value) in inputs)
        {
            data[id] = value;
        }

        return copy;
    }

    private static JsonNode Action(JsonNode? card, string verb) =>
        Assert.Single(AdaptiveCardJson.ExecuteActions(card), a => a.StringAt("verb") == verb);

    private static JsonNode CardOfAnswer(JsonNode answer)
    {
        Assert.Equal(AdaptiveCardJson.ContentType, answer.StringAt("type"));
        return answer.At("value") ?? throw new InvalidOperationException($"No card in {answer.ToJsonString()}");
    }

    private static bool Offers(JsonNode message, string verb) =>
        AdaptiveCardJson.ExecuteActions(AdaptiveCardJson.CardOf(message)).Any(a => a.StringAt("verb") == verb);

    private static bool Mentions(JsonNode message, string text) => AdaptiveCardJson.Texts(AdaptiveCardJson.CardOf(message)).Contains(text);

    private static IReadOnlyList<string> Texts(JsonNode? activity) => AdaptiveCardJson.Texts(AdaptiveCardJson.CardOf(activity ?? new JsonObject()));

    private static List<string> InputIds(JsonNode? card) => AdaptiveCardJson.Inputs(card).Select(i => i.StringAt("id") ?? string.Empty).ToList();

    private static List<string> OptionValues(JsonNode? card, string inputId) =>
        (Assert.Single(AdaptiveCardJson.Inputs(card), i => i.StringAt("id") == inputId).At("choices") as JsonArray ?? [])
            .Select(c => c.StringAt("value") ?? string.Empty)
            .ToList();

    private static string? TitleOf(JsonNode message) => AdaptiveCardJson.Title(AdaptiveCardJson.CardOf(message));

    private sealed record MockUser(string Id, string ObjectId)
    {
        public JsonObject Account() => new() { ["id"] = Id, ["aadObjectId"] = ObjectId };
    }

    private static Dictionary<string, string> UsersById(JsonNode config)
    {
        var users = (config.At("config", "users") as JsonArray ?? []).Append(config.At("config", "currentUser"));
        return users.Where(u => u.StringAt("id") is not null)
            .ToDictionary(u => u.StringAt("id")!, u => u.StringAt("aadObjectId") ?? string.Empty, StringComparer.Ordinal);
    }

    private static void AssertStatus(int expected, JsonNode logEntry) =>
        Assert.True(
            logEntry.IntAt("response", "statusCode") == expected,
            $"Expected {expected}; the Playground logged {logEntry.ToJsonString()}");

    private static string Required(JsonNode node, params string[] path) =>
        node.StringAt(path) ?? throw new InvalidOperationException($"No {string.Join('.', path)} in {node.ToJsonString()}");
}
