using System.Security.Claims;

namespace PartnerHub.Teams.Protocol;

/// <summary>Validates the bearer token on an inbound activity (Bot Framework or Entra issued).</summary>
public interface IBotTokenValidator
{
    /// <summary>
    /// The token on its own (scheme, shape, algorithm, issuer, signing key, signature, audience, lifetime), before
    /// anything of the request's body is read. A valid outcome still has to be bound with <see cref="BindToActivity"/>.
    /// </summary>
    /// <param name="authorizationHeader">The raw Authorization header, or null when absent.</param>
    Task<TokenValidationOutcome> ValidateTokenAsync(string? authorizationHeader, CancellationToken cancellationToken);

    /// <summary>
    /// Binds a token <see cref="ValidateTokenAsync"/> accepted to the activity it came with: its serviceurl claim must
    /// equal the activity's serviceUrl, and a Bot Framework key's endorsements must list the activity's channelId
    /// (null means the configured default, "msteams").
    /// </summary>
    TokenValidationOutcome BindToActivity(TokenValidationOutcome token, string? activityServiceUrl, string? activityChannelId);

    /// <summary>Both steps at once, for the default channel.</summary>
    Task<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, CancellationToken cancellationToken);

    /// <summary>Both steps at once.</summary>
    Task<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, string? activityServiceUrl, string? activityChannelId, CancellationToken cancellationToken);
}

/// <summary>The verdict on an inbound token. <see cref="FailureReason"/> is for logs: it never echoes token contents.</summary>
public sealed record TokenValidationOutcome(bool IsValid, ClaimsIdentity? Identity, string? FailureReason)
{
    public static TokenValidationOutcome Valid(ClaimsIdentity identity) => new(true, identity, null);
    public static TokenValidationOutcome Invalid(string reason) => new(false, null, reason);

    /// <summary>What binding the token to its activity needs to know about how it was signed; set by the validator.</summary>
    internal ActivityBinding? Binding { get; init; }
}

/// <summary>Whether a token came from the Bot Framework, and its signing key's endorsements (null when it lists none).</summary>
internal sealed record ActivityBinding(bool IsBotFramework, IReadOnlyList<string>? Endorsements);

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
