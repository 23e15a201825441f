using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Teams.Tests.Protocol;

public class ActivitySerializationTests
{
    // Shaped like a Teams invoke, with fields Teams may add tomorrow that our model doesn't know.
    private const string TeamsInvoke = """
    {
      "name": "adaptiveCard/action",
      "type": "invoke",
      "timestamp": "2026-11-26T09:00:00.123Z",
      "localTimestamp": "2026-11-26T10:00:00.123+01:00",
      "id": "f:1234",
      "channelId": "msteams",
      "serviceUrl": "https://smba.trafficmanager.net/emea/",
      "from": { "id": "29:abc", "name": "Mette", "aadObjectId": "aad-1", "futureField": { "x": 1 } },
      "conversation": { "conversationType": "personal", "tenantId": "tenant-1", "id": "a:conv" },
      "recipient": { "id": "28:bot", "name": "PartnerHub" },
      "entities": [ { "locale": "da-DK", "country": "DK", "platform": "Web", "timezone": "Europe/Copenhagen", "type": "clientInfo" } ],
      "channelData": { "tenant": { "id": "tenant-1" }, "source": { "name": "message" }, "legacy": { "replyToId": "1:x" } },
      "replyToId": "1700000000000",
      "value": { "action": { "type": "Action.Execute", "title": "Vis", "verb": "help.language", "data": { "language": "en", "n": 2 } }, "trigger": "manual" },
      "locale": "da-DK",
      "localTimezone": "Europe/Copenhagen",
      "brandNewTopLevel": [1, "two", { "three": 3 }]
    }
    """;

    [Fact]
    public void Unknown_properties_survive_a_round_trip_untouched()
    {
        var activity = JsonSerializer.Deserialize(TeamsInvoke, ProtocolJsonContext.Default.Activity)!;
        var written = JsonNode.Parse(JsonSerializer.Serialize(activity, ProtocolJsonContext.Default.Activity))!.AsObject();
        var original = JsonNode.Parse(TeamsInvoke)!.AsObject();

        // Timestamps are the same instants, written in ISO 8601 with an offset instead of "Z".
        foreach (var field in new[] { "timestamp", "localTimestamp" })
        {
            Assert.Equal(DateTimeOffset.Parse((string)original[field]!, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse((string)written[field]!, System.Globalization.CultureInfo.InvariantCulture));
            original.Remove(field);
            written.Remove(field);
        }

        // Everything else, known or not, comes back exactly — and nothing is added (no computed properties leak out).
        Assert.True(JsonNode.DeepEquals(original, written), written.ToJsonString());
    }

    [Fact]
    public void Invoke_value_reads_as_a_universal_action()
    {
        var activity = JsonSerializer.Deserialize(TeamsInvoke, ProtocolJsonContext.Default.Activity)!;
        var value = activity.Value.Deserialize(ProtocolJsonContext.Default.AdaptiveCardInvokeValue)!;

        Assert.Equal(ActivityTypes.Invoke, activity.Type);
        Assert.Equal(AdaptiveCardInvokeValue.InvokeName, activity.Name);
        Assert.Equal("Action.Execute", value.Action!.Type);
        Assert.Equal("help.language", value.Action.Verb);
        Assert.Equal("en", (string?)value.Action.Data!["language"]);
        Assert.Equal("manual", value.Trigger);
        Assert.Equal("tenant-1", activity.TenantId);
    }

    [Fact]
    public void Tenant_comes_from_channel_data_when_the_conversation_lacks_it()
    {
        var activity = new Activity { ChannelData = JsonNode.Parse("""{"tenant":{"id":"t-2"}}"""), Conversation = new ConversationAccount { Id = "c" } };
        Assert.Equal("t-2", activity.TenantId);
    }

    [Fact]
    public void A_reply_is_addressed_back_into_the_conversation_to_the_sender()
    {
        var activity = JsonSerializer.Deserialize(TeamsInvoke, ProtocolJsonContext.Default.Activity)!;

        var reply = activity.CreateReply("hej");

        Assert.Equal(ActivityTypes.Message, reply.Type);
        Assert.Equal("28:bot", reply.From!.Id);
        Assert.Equal("29:abc", reply.Recipient!.Id);
        Assert.Equal("a:conv", reply.Conversation!.Id);
        Assert.Equal("f:1234", reply.ReplyToId);
        Assert.Equal("https://smba.trafficmanager.net/emea/", reply.ServiceUrl);
        Assert.Equal("hej", reply.Text);
    }

    [Theory]
    [InlineData("card", 200, "application/vnd.microsoft.card.adaptive")]
    [InlineData("error", 400, "application/vnd.microsoft.error")]
    [InlineData("message", 200, "application/vnd.microsoft.activity.message")]
    public void Invoke_responses_have_the_universal_actions_shape(string kind, int statusCode, string type)
    {
        var response = kind switch
        {
            "card" => InvokeResponse.Card(new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5" }),
            "error" => InvokeResponse.Error(400, "invalidLanguage", "Sproget kendes ikke."),
            _ => InvokeResponse.Message("Gemt."),
        };

        var body = JsonNode.Parse(JsonSerializer.Serialize(response.Body, ProtocolJsonContext.Default.Options))!;

        Assert.Equal(200, response.Status);
        Assert.Equal(statusCode, (int)body["statusCode"]!);
        Assert.Equal(type, (string?)body["type"]);
        Assert.NotNull(body["value"]);
        if (kind == "error")
        {
            Assert.Equal("invalidLanguage", (string?)body["value"]!["code"]);
            Assert.Equal("Sproget kendes ikke.", (string?)body["value"]!["message"]);
        }
    }
}
