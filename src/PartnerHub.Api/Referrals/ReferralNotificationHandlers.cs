using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Sends a referral card to a person's personal chat (the coordinator's triage card, the mother's assignment card)
/// and remembers where it landed so later changes update it in place. Rendered at delivery time from the current
/// referral: a retried or late message never shows stale data.
/// </summary>
public sealed partial class SendReferralCardHandler(
    ReferralStore referrals,
    ReferralViews views,
    CardLocationStore locations,
    DirectoryStore directory,
    ProjectStore projects,
    ConversationStore conversations,
    IConnectorClient connector,
    ITrustedServiceUrls trusted,
    ILogger<SendReferralCardHandler> logger) : IOutboxHandler
{
    public string Kind => ReferralNotifications.SendCardKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = ReferralNotifications.Read(delivery.Payload);
        var stored = await referrals.FindAsync(delivery.ProjectId, payload.ReferralId, cancellationToken);
        var member = payload.Recipient is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.Recipient, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || member is null || project is null)
        {
            // The referral or the person is gone: nothing to tell anyone.
            LogSkipped(logger, delivery.Kind, delivery.RowKey);
            return;
        }

        var reference = await conversations.FindReferenceAsync(project.TenantId, member.ObjectId, cancellationToken)
            ?? throw new OutboxDeliveryException("noConversation", permanent: true);
        // Her language, as her Teams said when she last wrote to the bot.
        var language = Languages.FromLocale(reference.Locale);
        var card = await views.CardForAsync(Actor.From(member), stored, language, notice: null, refreshUserIds: null, cancellationToken);
        if (card is null)
        {
            LogSkipped(logger, delivery.Kind, delivery.RowKey);
            return;
        }

        // Stored references came from validated activities; the allow-list still decides.
        if (!trusted.Trust(reference.ServiceUrl))
        {
            throw new OutboxDeliveryException("untrustedServiceUrl", permanent: true);
        }

        var message = new Activity
        {
            Type = ActivityTypes.Message,
            Conversation = new ConversationAccount { Id = reference.ConversationId },
            Recipient = new ChannelAccount { Id = reference.UserId },
            Attachments = [Attachment.AdaptiveCard(card)],
        };
        var sent = await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, message, cancellationToken);
        if (sent.Id is { Length: > 0 } activityId)
        {
            await locations.SaveAsync(delivery.ProjectId, stored.Referral.Id,
                new CardLocation(member.ObjectId, reference.UserId ?? string.Empty, reference.ServiceUrl, reference.ConversationId, activityId, language), cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {RowKey}: nothing to send")]
    private static partial void LogSkipped(ILogger logger, string kind, string rowKey);
}

/// <summary>Updates every card that shows a referral, each in its person's own view. Updating an activity is idempotent.</summary>
public sealed class UpdateReferralCardsHandler(ReferralStore referrals, ReferralViews views, CardLocationStore locations, CardUpdater cards) : IOutboxHandler
{
    public string Kind => ReferralNotifications.UpdateCardsKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = ReferralNotifications.Read(delivery.Payload);
        var stored = await referrals.FindAsync(delivery.ProjectId, payload.ReferralId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        await cards.UpdateAllAsync(
            delivery.ProjectId,
            await locations.ForReferralAsync(delivery.ProjectId, stored.Referral.Id, cancellationToken),
            (actor, audience, language) => views.CardForAsync(actor, stored, language, notice: null, audience, cancellationToken),
            delivery.RowKey,
            cancellationToken);
    }
}
