using System.Text.Json.Nodes;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Sends the onward card to every staff member of the receiving organisation, each in her personal chat, and
/// remembers where it landed. Rendered at delivery time from the current records. Idempotent per person: on a retry,
/// whoever already has the card is skipped, so a failure halfway never sends anyone a second copy.
/// </summary>
public sealed partial class SendOnwardCardsHandler(
    OnwardStore onwards,
    OnwardViews views,
    CardLocationStore locations,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards cards,
    ILogger<SendOnwardCardsHandler> logger) : IOutboxHandler
{
    public string Kind => OnwardNotifications.SendCardsKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = OnwardNotifications.Read(delivery.Payload);
        var stored = await onwards.FindAsync(delivery.ProjectId, payload.OnwardId, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || project is null)
        {
            LogSkipped(logger, delivery.Kind, delivery.RowKey);
            return;
        }

        var staff = (await directory.MembersAsync(delivery.ProjectId, ProjectRole.PartnerStaff, cancellationToken))
            .Where(member => string.Equals(member.OrganisationId, stored.Onward.ToOrganisationId, StringComparison.Ordinal))
            .ToList();
        var reached = 0;
        foreach (var member in staff)
        {
            if (await locations.FindAsync(delivery.ProjectId, CardKind.Onward, stored.Onward.Id, member.ObjectId, cancellationToken) is not null)
            {
                reached++;
                continue;
            }

            // She has not opened the bot yet (or her chat is not one we may post to): her colleagues still get it.
            var outcome = await cards.SendIfReachableAsync(delivery, project.TenantId, member, new CardRecord(CardKind.Onward, stored.Onward.Id),
                language => views.CardForAsync(Actor.From(member), stored, language, notice: null, refreshUserIds: null, cancellationToken), cancellationToken);
            // A card that waits for her reaches her when she opens PartnerHub; one re-sent for a colleague is hers already.
            if (outcome is ProactiveOutcome.Sent or ProactiveOutcome.Waiting or ProactiveOutcome.NotThisRecipient)
            {
                reached++;
            }
        }

        if (reached == 0)
        {
            // Nobody at the service can see it: keep the row as failed so a person notices, rather than a silent loop.
            throw new OutboxDeliveryException(staff.Count == 0 ? "noRecipients" : "unreachable", permanent: true);
        }
    }

    internal static Activity Message(string conversationId, string? userId, JsonObject card) => new()
    {
        Type = ActivityTypes.Message,
        Conversation = new ConversationAccount { Id = conversationId },
        Recipient = userId is null ? null : new ChannelAccount { Id = userId },
        Attachments = [Attachment.AdaptiveCard(card)],
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {RowKey}: nothing to send")]
    private static partial void LogSkipped(ILogger logger, string kind, string rowKey);
}

/// <summary>
/// Updates every onward card the service's staff have, after the answer, except the one she answered on.
/// Updating an activity is idempotent.
/// </summary>
public sealed class UpdateOnwardCardsHandler(OnwardStore onwards, OnwardViews views, CardUpdater cards) : IOutboxHandler
{
    public string Kind => OnwardNotifications.UpdateCardsKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = OnwardNotifications.Read(delivery.Payload);
        var stored = await onwards.FindAsync(delivery.ProjectId, payload.OnwardId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        await cards.UpdateAllAsync(delivery.ProjectId, CardKind.Onward, stored.Onward.Id, payload.Acting,
            (actor, audience, language) => views.CardForAsync(actor, stored, language, notice: null, audience, cancellationToken),
            HolderCheck.Remembered, delivery.RowKey, cancellationToken);
    }
}

/// <summary>
/// Tells the coordinator who sent the onward referral what the service answered, with a small card in her personal
/// chat. Idempotent: a retry after the send updates the card already sent instead of sending another.
/// </summary>
public sealed partial class SendOnwardStatusHandler(
    OnwardStore onwards,
    OnwardViews views,
    CardLocationStore locations,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards proactive,
    CardUpdater updater,
    ILogger<SendOnwardStatusHandler> logger) : IOutboxHandler
{
    public string Kind => OnwardNotifications.SendStatusKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = OnwardNotifications.Read(delivery.Payload);
        var stored = await onwards.FindAsync(delivery.ProjectId, payload.OnwardId, cancellationToken);
        var member = payload.Recipient is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.Recipient, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || member is null || project is null)
        {
            // Gone, not answered, or she is no longer the project's coordinator: nothing to tell anyone.
            LogSkipped(logger, delivery.Kind, delivery.RowKey);
            return;
        }

        var onwardId = stored.Onward.Id;
        if (await locations.FindAsync(delivery.ProjectId, CardKind.OnwardStatus, onwardId, member.ObjectId, cancellationToken) is not null)
        {
            // A later answer updates the card she has, in her language now (the one rule), as every card update goes.
            await updater.UpdateAllAsync(delivery.ProjectId, CardKind.OnwardStatus, onwardId, acting: null,
                (actor, _, language) => views.StatusCardAsync(actor, stored, language, cancellationToken), HolderCheck.Remembered, delivery.RowKey, cancellationToken);
            return;
        }

        // In her language, as every other new card she gets.
        await proactive.SendOrFailAsync(delivery, project.TenantId, member, new CardRecord(CardKind.OnwardStatus, onwardId),
            language => views.StatusCardAsync(Actor.From(member), stored, language, cancellationToken), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {RowKey}: nothing to send")]
    private static partial void LogSkipped(ILogger logger, string kind, string rowKey);
}
