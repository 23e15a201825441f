using System.Security.Claims;

namespace PartnerHub.Teams.Protocol;

/// <summary>Validates the bearer token on an inbound activity (Bot Framework or Entra issued).</summary>
public interface IBotTokenValidator
{
    /// <param name="authorizationHeader">The raw Authorization header, or null when absent.</param>
    /// <param name="activityServiceUrl">The activity's serviceUrl; must equal the token's serviceurl claim.</param>
    Task<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, CancellationToken cancellationToken);

    /// <summary>
    /// As above, and checks the Bot Framework key endorsements against the activity's channelId
    /// (null means the configured default, "msteams"). Prefer this overload; the default body
    /// exists so test doubles written against the first overload keep compiling.
    /// </summary>
    Task<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, string? activityChannelId, CancellationToken cancellationToken) =>
        ValidateAsync(authorizationHeader, activityServiceUrl, cancellationToken);
}

/// <summary>The verdict on an inbound token. <see cref="FailureReason"/> is for logs: it never echoes token contents.</summary>
public sealed record TokenValidationOutcome(bool IsValid, ClaimsIdentity? Identity, string? FailureReason)
{
    public static TokenValidationOutcome Valid(ClaimsIdentity identity) => new(true, identity, null);
    public static TokenValidationOutcome Invalid(string reason) => new(false, null, reason);
}

/// <summary>Outbound calls to the Bot Connector service of a channel.</summary>
public interface IConnectorClient
{
    Task<ResourceResponse> ReplyToActivityAsync(Activity inReplyTo, Activity reply, CancellationToken cancellationToken);
    Task<ResourceResponse> SendToConversationAsync(string serviceUrl, string conversationId, Activity activity, CancellationToken cancellationToken);
    Task<ResourceResponse> UpdateActivityAsync(string serviceUrl, string conversationId, string activityId, Activity activity, CancellationToken cancellationToken);
    Task<ConversationResourceResponse> CreateConversationAsync(string serviceUrl, ConversationParameters parameters, CancellationToken cancellationToken);
}

/// <summary>
/// The serviceUrls the bot may send its token to: those that arrived in a validated activity and
/// match the configured allow-list. Anything else is refused before a request is built (no SSRF).
/// </summary>
public interface ITrustedServiceUrls
{
    /// <summary>Records a serviceUrl from an activity whose token was valid. Returns false when the allow-list refuses it.</summary>
    bool Trust(string serviceUrl);
    bool IsTrusted(string serviceUrl);
}
