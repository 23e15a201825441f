using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace PartnerHub.Teams.Protocol;

/// <summary>
/// A Bot Framework activity: the subset of the schema PartnerHub reads and writes.
/// Everything else a channel sends is kept in <see cref="AdditionalProperties"/> and written back
/// unchanged, so new Teams fields never break the endpoint.
/// </summary>
public sealed class Activity
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("timestamp")] public DateTimeOffset? Timestamp { get; set; }
    [JsonPropertyName("localTimestamp")] public DateTimeOffset? LocalTimestamp { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
    [JsonPropertyName("channelId")] public string? ChannelId { get; set; }
    [JsonPropertyName("from")] public ChannelAccount? From { get; set; }
    [JsonPropertyName("conversation")] public ConversationAccount? Conversation { get; set; }
    [JsonPropertyName("recipient")] public ChannelAccount? Recipient { get; set; }
    [JsonPropertyName("textFormat")] public string? TextFormat { get; set; }
    [JsonPropertyName("locale")] public string? Locale { get; set; }
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("summary")] public string? Summary { get; set; }
    [JsonPropertyName("inputHint")] public string? InputHint { get; set; }
    [JsonPropertyName("attachmentLayout")] public string? AttachmentLayout { get; set; }
    [JsonPropertyName("attachments")] public IList<Attachment>? Attachments { get; set; }
    [JsonPropertyName("membersAdded")] public IList<ChannelAccount>? MembersAdded { get; set; }
    [JsonPropertyName("membersRemoved")] public IList<ChannelAccount>? MembersRemoved { get; set; }
    [JsonPropertyName("replyToId")] public string? ReplyToId { get; set; }
    [JsonPropertyName("action")] public string? Action { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("value")] public JsonNode? Value { get; set; }
    [JsonPropertyName("channelData")] public JsonNode? ChannelData { get; set; }
    [JsonPropertyName("entities")] public IList<JsonNode?>? Entities { get; set; }

    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>A reply addressed back into this activity's conversation, as the Connector expects it.</summary>
    public Activity CreateReply(string? text = null) => new()
    {
        Type = ActivityTypes.Message,
        Timestamp = DateTimeOffset.UtcNow,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name, AadObjectId = From.AadObjectId },
        Conversation = Conversation is null ? null : new ConversationAccount
        {
            Id = Conversation.Id,
            Name = Conversation.Name,
            ConversationType = Conversation.ConversationType,
            TenantId = Conversation.TenantId,
            IsGroup = Conversation.IsGroup,
        },
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
    };

    /// <summary>The tenant: Teams puts it in channelData.tenant.id and, usually, conversation.tenantId.</summary>
    [JsonIgnore]
    public string? TenantId =>
        Conversation?.TenantId ?? (ChannelData?["tenant"]?["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null);
}

public static class ActivityTypes
{
    public const string Message = "message";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Invoke = "invoke";
    public const string MessageReaction = "messageReaction";
    public const string Typing = "typing";
    public const string Event = "event";
}

public sealed class ChannelAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("aadObjectId")] public string? AadObjectId { get; set; }
    [JsonPropertyName("role")] public string? Role { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed class ConversationAccount
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonPropertyName("conversationType")] public string? ConversationType { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("isGroup")] public bool? IsGroup { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}

public sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("contentType")] public string? ContentType { get; set; }
    [JsonPropertyName("contentUrl")] public string? ContentUrl { get; set; }
    [JsonPropertyName("content")] public JsonNode? Content { get; set; }
    [JsonPropertyName("name")] public string? Name { get; set; }
    [JsonExtensionData] public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    public static Attachment AdaptiveCard(JsonObject card) => new() { ContentType = AdaptiveCardContentType, Content = card };
}

/// <summary>The Connector's answer to a send: the new activity's id.</summary>
public sealed class ResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
}

/// <summary>Parameters to create a 1:1 conversation for a proactive message.</summary>
public sealed class ConversationParameters
{
    [JsonPropertyName("isGroup")] public bool IsGroup { get; set; }
    [JsonPropertyName("bot")] public ChannelAccount? Bot { get; set; }
    [JsonPropertyName("members")] public IList<ChannelAccount>? Members { get; set; }
    [JsonPropertyName("tenantId")] public string? TenantId { get; set; }
    [JsonPropertyName("channelData")] public JsonNode? ChannelData { get; set; }
    [JsonPropertyName("activity")] public Activity? Activity { get; set; }
}

public sealed class ConversationResourceResponse
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("activityId")] public string? ActivityId { get; set; }
    [JsonPropertyName("serviceUrl")] public string? ServiceUrl { get; set; }
}
