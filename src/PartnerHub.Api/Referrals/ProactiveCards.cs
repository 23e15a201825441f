using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Referrals;

public enum ProactiveOutcome
{
    Sent,

    /// <summary>She has never written to the bot, so there is no personal chat to post in.</summary>
    NoConversation,

    /// <summary>Her stored serviceUrl is not on the allow-list (any more): the bot's token never goes there.</summary>
    UntrustedServiceUrl,

    /// <summary>The render said there is nothing she may see.</summary>
    NothingToShow,
}

/// <summary>
/// Posts a new card in a person's personal chat, in her language, and says where it landed so later changes can
/// update it in place. The shared first step of every "tell this person" notification; callers decide what a miss means.
/// </summary>
public sealed class ProactiveCards(ConversationStore conversations, LanguageResolver languages, IConnectorClient connector, ITrustedServiceUrls trusted)
{
    /// <param name="render">The card in the given language, or null when she may see none.</param>
    public async Task<(ProactiveOutcome Outcome, CardLocation? Location)> SendAsync(
        string tenantId, ProjectMember member, Func<string, Task<JsonObject?>> render, CancellationToken cancellationToken)
    {
        var reference = await conversations.FindReferenceAsync(tenantId, member.ObjectId, cancellationToken);
        if (reference is null)
        {
            return (ProactiveOutcome.NoConversation, null);
        }

        // Stored references came from validated activities; the allow-list still decides.
        if (!trusted.Trust(reference.ServiceUrl))
        {
            return (ProactiveOutcome.UntrustedServiceUrl, null);
        }

        // Her language by the one rule (her choice, else the project's), as on every card she opens herself.
        var language = await languages.ForPersonAsync(tenantId, member.ObjectId, member.ProjectId, cancellationToken);
        if (await render(language) is not { } card)
        {
            return (ProactiveOutcome.NothingToShow, null);
        }

        var sent = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, new Activity
        {
            Type = ActivityTypes.Message,
            Conversation = new ConversationAccount { Id = reference.ConversationId },
            Recipient = new ChannelAccount { Id = reference.UserId },
            Attachments = [Attachment.AdaptiveCard(card)],
        }, cancellationToken);
        var location = sent.Id is { Length: > 0 } activityId
            ? new CardLocation(member.ObjectId, reference.UserId ?? string.Empty, reference.ServiceUrl, reference.ConversationId, activityId, language)
            : null;
        return (ProactiveOutcome.Sent, location);
    }
}
