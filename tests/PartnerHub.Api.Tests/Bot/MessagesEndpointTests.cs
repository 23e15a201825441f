using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>/api/messages end to end inside the host: valid activities are answered (refusals: MessagesEndpointRefusalTests).</summary>
/// <remarks>
/// A host per test: these tests share one sender (aad-user-1), whose project and language choice some of them change,
/// and count every Connector call.
/// </remarks>
public sealed class MessagesEndpointTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly BotHost _host = new();

    public void Dispose() => _host.Dispose();

    /// <summary>Makes the activities' sender (aad-user-1) a member of a project: someone in none gets the newcomer card (NewcomerTests).</summary>
    private Task JoinProjectAsync() =>
        _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(
            BotHost.TenantId, new ProjectMember("aad-user-1", "messages-project", ProjectRole.PartnerStaff, null, "Mette"), CancellationToken.None);

    [Fact]
    public async Task Help_message_is_answered_in_Danish_through_the_Connector_with_the_apps_token()
    {
        await JoinProjectAsync();
        var activity = _host.Activity("message", "a:conv-help", "hjælp", locale: "en-US");

        using var response = await _host.PostSignedAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var call = Assert.Single(_host.ConnectorCalls());
        Assert.Equal("POST", call.Method);
        Assert.Equal($"/teams/v3/conversations/a:conv-help/activities/{activity["id"]}", call.Path);
        Assert.Equal("Bearer " + BotHost.AppToken, call.Authorization);
        var reply = call.Body!;
        Assert.Equal("message", (string?)reply["type"]);
        Assert.Equal((string?)activity["id"], (string?)reply["replyToId"]);
        Assert.Equal("29:user-1", (string?)reply["recipient"]!["id"]);
        var attachment = reply["attachments"]!.AsArray().Single()!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        // "hjælp" is a Danish word: the card answers in Danish even on an English Teams.
        Assert.Equal("Hvad kan PartnerHub?", (string?)attachment["content"]!["body"]![0]!["text"]);
    }

    [Fact]
    public async Task Unknown_text_gets_not_understood_in_Danish_whatever_the_Teams_locale()
    {
        using var response = await _host.PostSignedAsync(_host.Activity("message", "a:conv-unknown", "what now?", locale: "en-GB"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = Assert.Single(_host.ConnectorCalls()).Body!;
        Assert.Null(reply["attachments"]);
        Assert.StartsWith("Jeg forstod ikke", (string?)reply["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Welcome_card_goes_once_per_conversation_on_install_in_Danish_on_an_English_Teams()
    {
        await JoinProjectAsync();
        const string conversationId = "a:conv-welcome";
        var install = _host.Activity("installationUpdate", conversationId, locale: "en-US");
        install["action"] = "add";
        var added = _host.Activity("conversationUpdate", conversationId);
        added["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:" + BotHost.AppId });
        var userAdded = _host.Activity("conversationUpdate", conversationId);
        userAdded["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "29:someone-else" });

        foreach (var activity in new[] { added, install, added, install, userAdded })
        {
            using var response = await _host.PostSignedAsync(activity.DeepClone().AsObject());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var call = Assert.Single(_host.ConnectorCalls());
        Assert.Equal($"/teams/v3/conversations/{conversationId}/activities", call.Path);
        Assert.Equal("Velkommen til PartnerHub", (string?)call.Body!["attachments"]![0]!["content"]!["body"]![0]!["text"]);

        // A second conversation gets its own welcome.
        var other = _host.Activity("installationUpdate", "a:conv-welcome-2");
        other["action"] = "add";
        using var second = await _host.PostSignedAsync(other);
        Assert.Equal(2, _host.ConnectorCalls().Count);
    }

    [Fact]
    public async Task Card_action_answers_with_the_next_card_in_the_invoke_response()
    {
        await JoinProjectAsync();
        var invoke = CardAction("help.language", new JsonObject { ["language"] = "en" });

        using var response = await _host.PostSignedAsync(invoke);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(200, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("What can PartnerHub do?", (string?)body["value"]!["body"]![0]!["text"]);
        Assert.Equal("Vis på dansk", (string?)body["value"]!["actions"]![0]!["title"]);
        // The answer is the invoke response itself: nothing goes through the Connector.
        Assert.Empty(_host.ConnectorCalls());
    }

    [Theory]
    [InlineData("de")]
    [InlineData("${strings.common.language}")]
    [InlineData("")]
    public async Task Card_action_with_bad_data_answers_with_an_error_that_says_what_was_wrong(string language)
    {
        using var response = await _host.PostSignedAsync(CardAction("help.language", new JsonObject { ["language"] = language }, locale: "da-DK"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(400, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("invalidLanguage", (string?)body["value"]!["code"]);
        Assert.Equal("Sproget kendes ikke. Vælg dansk eller engelsk.", (string?)body["value"]!["message"]);
    }

    [Fact]
    public async Task Unknown_verb_answers_with_an_error_card_that_leads_back_to_help()
    {
        await JoinProjectAsync();
        using var response = await _host.PostSignedAsync(CardAction("referral.teleport", new JsonObject()));

        var body = await response.JsonAsync();
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)body["type"]);
        Assert.Equal("Det gik ikke", (string?)body["value"]!["body"]![0]!["text"]);
        Assert.Equal("help.show", (string?)body["value"]!["actions"]![0]!["verb"]);
    }

    [Fact]
    public async Task Card_action_without_a_verb_is_an_error_not_a_crash()
    {
        var invoke = CardAction("x", new JsonObject());
        invoke["value"]!["action"]!.AsObject().Remove("verb");

        using var response = await _host.PostSignedAsync(invoke);

        var body = await response.JsonAsync();
        Assert.Equal(400, (int?)body["statusCode"]);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
    }

    [Fact]
    public async Task Other_invokes_get_501()
    {
        var invoke = _host.Activity("invoke", "a:conv-invoke");
        invoke["name"] = "composeExtension/query";
        invoke["value"] = new JsonObject();

        using var response = await _host.PostSignedAsync(invoke);

        Assert.Equal(HttpStatusCode.NotImplemented, response.StatusCode);
    }

    [Fact]
    public async Task Unknown_activity_types_and_properties_are_tolerated()
    {
        var activity = _host.Activity("somethingNew", "a:conv-new");
        activity["brandNewField"] = new JsonObject { ["nested"] = new JsonArray(1, 2, 3) };
        activity["from"]!["futureProperty"] = true;

        using var response = await _host.PostSignedAsync(activity);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.ConnectorCalls());
    }

    [Fact]
    public async Task Card_action_with_a_token_for_this_bot_and_another_app_is_401_and_does_not_run()
    {
        var invoke = CardAction("help.language", new JsonObject { ["language"] = "en" });

        using var response = await _host.PostActivityAsync(invoke, "Bearer " + _host.Token(audiences: [BotHost.AppId, "another-app"]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("What can PartnerHub do?", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private JsonObject CardAction(string verb, JsonObject data, string locale = "da-DK")
    {
        var invoke = _host.Activity("invoke", "a:conv-card", locale: locale);
        invoke["name"] = "adaptiveCard/action";
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = "manual",
        };
        return invoke;
    }
}
