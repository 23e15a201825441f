using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PartnerHub.Teams.Protocol;

/// <summary>The value of an <c>adaptiveCard/action</c> invoke (Universal Actions).</summary>
public sealed class AdaptiveCardInvokeValue
{
    public const string InvokeName = "adaptiveCard/action";

    [JsonPropertyName("action")] public AdaptiveCardInvokeAction? Action { get; set; }
    [JsonPropertyName("trigger")] public string? Trigger { get; set; }
    [JsonPropertyName("authentication")] public JsonNode? Authentication { get; set; }
    [JsonPropertyName("state")] public string? State { get; set; }
}

public sealed class AdaptiveCardInvokeAction
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("verb")] public string? Verb { get; set; }
    [JsonPropertyName("data")] public JsonNode? Data { get; set; }
}

/// <summary>The HTTP answer to an invoke activity: a status and a body that Teams reads synchronously.</summary>
public sealed class InvokeResponse
{
    public int Status { get; init; }

    /// <summary>The Universal Actions answer, or null for a bare status (an invoke this bot does not handle).</summary>
    public AdaptiveCardInvokeResponse? Body { get; init; }

    /// <summary>Replace the card the user acted on with <paramref name="card"/>.</summary>
    public static InvokeResponse Card(JsonObject card) => new()
    {
        Status = 200,
        Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.CardType, Value = card },
    };

    /// <summary>Tell the user the action failed, with a message Teams shows beside the card.</summary>
    public static InvokeResponse Error(int statusCode, string code, string message) => new()
    {
        Status = 200,
        Body = new AdaptiveCardInvokeResponse
        {
            StatusCode = statusCode,
            Type = AdaptiveCardInvokeResponse.ErrorType,
            Value = new JsonObject { ["code"] = code, ["message"] = message },
        },
    };

    /// <summary>Answer with a plain message shown in place of the card action's result.</summary>
    public static InvokeResponse Message(string text) => new()
    {
        Status = 200,
        Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.MessageType, Value = JsonValue.Create(text) },
    };
}

public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string ErrorType = "application/vnd.microsoft.error";
    public const string MessageType = "application/vnd.microsoft.activity.message";

    [JsonPropertyName("statusCode")] public int StatusCode { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("value")] public JsonNode? Value { get; set; }
}
