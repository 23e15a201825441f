using System.Text.Json;
using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Cards;

/// <summary>
/// Posts a new card in a person's personal chat, in her language, and remembers where it landed so later changes can
/// update it in place: the shared step of every outbox handler that tells a person something. Nothing is lost silently:
/// for someone with no personal chat yet the card waits (<see cref="WaitingCards"/>) and goes when she first opens
/// PartnerHub. A delivery that re-sends a waiting card (<see cref="OutboxDelivery.OnlyFor"/>) reaches only her.
/// One rule for an unusable chat (an untrusted serviceUrl): <see cref="SendOrFailAsync"/> fails the outbox row,
/// <see cref="SendIfReachableAsync"/> logs and goes on. Logs carry the row's kind and key and the outcome: ids only.
/// </summary>
public sealed partial class ProactiveCards(
    ConversationStore conversations,
    WaitingCards waiting,
    LanguageResolver languages,
    IConnectorClient connector,
    ITrustedServiceUrls trusted,
    CardLocationStore locations,
    OutboxEffects effects,
    ILogger<ProactiveCards> logger)
{
    /// <summary>
    /// For a card that is the whole point of the row: when her personal chat is not one we may post to the row fails for
    /// good (<see cref="OutboxDeliveryException"/>, kept as failed so a person notices) rather than retrying in a loop.
    /// Without a chat yet, the card waits for her.
    /// </summary>
    /// <param name="shows">The record the card shows, to remember where it landed; null for a card never updated in place.</param>
    /// <param name="render">The card in the given language, or null when she may see none (logged, not a failure).</param>
    public async Task<ProactiveOutcome> SendOrFailAsync(
        OutboxDelivery delivery, string tenantId, ProjectMember member, CardRecord? shows, Func<string, Task<JsonObject?>> render, CancellationToken cancellationToken)
    {
        var outcome = await SendAndRememberAsync(delivery, tenantId, member, shows, render, cancellationToken);
        return outcome switch
        {
            ProactiveOutcome.UntrustedServiceUrl => throw new OutboxDeliveryException("untrustedServiceUrl", permanent: true),
            _ => outcome,
        };
    }

    /// <summary>
    /// For one of several recipients, or a card that is a courtesy: someone whose chat we may not post to is logged and
    /// skipped, so the others (and the rest of the row) still go through. Without a chat yet, the card waits for her.
    /// </summary>
    /// <inheritdoc cref="SendOrFailAsync" path="/param"/>
    public async Task<ProactiveOutcome> SendIfReachableAsync(
        OutboxDelivery delivery, string tenantId, ProjectMember member, CardRecord? shows, Func<string, Task<JsonObject?>> render, CancellationToken cancellationToken)
    {
        var outcome = await SendAndRememberAsync(delivery, tenantId, member, shows, render, cancellationToken);
        if (outcome is ProactiveOutcome.UntrustedServiceUrl)
        {
            LogUnreachable(logger, delivery.Kind, delivery.RowKey, outcome);
        }

        return outcome;
    }

    private async Task<ProactiveOutcome> SendAndRememberAsync(
        OutboxDelivery delivery, string tenantId, ProjectMember member, CardRecord? shows, Func<string, Task<JsonObject?>> render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        ArgumentNullException.ThrowIfNull(member);
        if (delivery.OnlyFor is { } onlyFor && !string.Equals(onlyFor, member.ObjectId, StringComparison.OrdinalIgnoreCase))
        {
            // The row re-sends a card that waited for someone else; this recipient had hers when it first went.
            return ProactiveOutcome.NotThisRecipient;
        }

        // Posted on an earlier attempt of this row whose ending was lost: not again (a new card cannot be deduplicated by Teams).
        var sentEffect = "sent|" + member.ObjectId;
        var earlier = delivery.FirstTry ? null : await effects.FindAsync(delivery.ProjectId, delivery.RowKey, sentEffect, cancellationToken);
        var (outcome, location) = earlier is not null
            ? (ProactiveOutcome.Sent, earlier.Length == 0 ? null : JsonSerializer.Deserialize<CardLocation>(earlier))
            : await SendAsync(tenantId, member, render, cancellationToken);
        if (earlier is null && outcome == ProactiveOutcome.Sent)
        {
            await effects.RememberAsync(delivery.ProjectId, delivery.RowKey, sentEffect, location is null ? string.Empty : JsonSerializer.Serialize(location), cancellationToken);
        }

        if (outcome == ProactiveOutcome.Waiting)
        {
            await waiting.WaitAsync(delivery, tenantId, member.ObjectId, cancellationToken);
        }

        if (outcome == ProactiveOutcome.NothingToShow)
        {
            LogNothingToShow(logger, delivery.Kind, delivery.RowKey);
        }

        if (shows is not null && location is not null)
        {
            await locations.SaveAsync(delivery.ProjectId, shows.Kind, shows.Id, location, cancellationToken);
        }

        return outcome;
    }

    private async Task<(ProactiveOutcome Outcome, CardLocation? Location)> SendAsync(
        string tenantId, ProjectMember member, Func<string, Task<JsonObject?>> render, CancellationToken cancellationToken)
    {
        var reference = await conversations.FindReferenceAsync(tenantId, member.ObjectId, cancellationToken);
        if (reference is null)
        {
            return (ProactiveOutcome.Waiting, null);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {RowKey}: nothing to send")]
    private static partial void LogNothingToShow(ILogger logger, string kind, string rowKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {Kind} {RowKey}: a recipient has no usable personal chat ({Outcome}); skipped")]
    private static partial void LogUnreachable(ILogger logger, string kind, string rowKey, ProactiveOutcome outcome);
}
