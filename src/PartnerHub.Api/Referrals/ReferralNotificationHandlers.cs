using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Sends a referral card to a person's personal chat (the coordinator's triage card, the mother's assignment card)
/// and remembers where it landed so later changes update it in place. Rendered at delivery time from the current
/// referral: a retried or late message never shows stale data.
/// </summary>
public sealed partial class SendReferralCardHandler(
    ReferralStore referrals,
    ReferralViews views,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards cards,
    ILogger<SendReferralCardHandler> logger) : IOutboxHandler
{
    public string Kind => ReferralNotifications.SendCardKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = ReferralNotifications.Read(delivery.Payload);
        var stored = await referrals.FindWithBesideAsync(delivery.ProjectId, payload.ReferralId, cancellationToken);
        var member = payload.Recipient is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.Recipient, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || member is null || project is null)
        {
            // The referral or the person is gone: nothing to tell anyone.
            LogSkipped(logger, delivery.Kind, delivery.RowKey);
            return;
        }

        await cards.SendOrFailAsync(delivery, project.TenantId, member, new CardRecord(CardKind.Referral, stored.Referral.Id),
            language => views.CardForAsync(Actor.From(member), stored, language, notice: null, refreshUserIds: null, cancellationToken), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {RowKey}: nothing to send")]
    private static partial void LogSkipped(ILogger logger, string kind, string rowKey);
}

/// <summary>
/// Updates every card that shows a referral, each in its person's own view, except the one the change was made on.
/// Updating an activity is idempotent.
/// </summary>
public sealed class UpdateReferralCardsHandler(ReferralStore referrals, ReferralViews views, CardUpdater cards) : IOutboxHandler
{
    public string Kind => ReferralNotifications.UpdateCardsKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = ReferralNotifications.Read(delivery.Payload);
        var stored = await referrals.FindWithBesideAsync(delivery.ProjectId, payload.ReferralId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        await cards.UpdateAllAsync(delivery.ProjectId, CardKind.Referral, stored.Referral.Id, payload.Acting,
            (actor, audience, language) => views.CardForAsync(actor, stored, language, notice: null, audience, cancellationToken),
            HolderCheck.Remembered, delivery.RowKey, cancellationToken);
    }
}
