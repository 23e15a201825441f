using System.Text.Json;
using System.Text.Json.Serialization;

namespace PartnerHub.Teams.Protocol;

/// <summary>Source-generated serialization for the activity model: no reflection on the hot path.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(AdaptiveCardInvokeValue))]
[JsonSerializable(typeof(AdaptiveCardInvokeResponse))]
[JsonSerializable(typeof(ResourceResponse))]
[JsonSerializable(typeof(ConversationParameters))]
[JsonSerializable(typeof(ConversationResourceResponse))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

public static class ProtocolJson
{
    public static JsonSerializerOptions Options => ProtocolJsonContext.Default.Options;
}
