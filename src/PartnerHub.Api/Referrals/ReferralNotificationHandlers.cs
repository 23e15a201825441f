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
    CardLocationStore locations,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards cards,
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

        var (outcome, location) = await cards.SendAsync(project.TenantId, member,
            language => views.CardForAsync(Actor.From(member), stored, language, notice: null, refreshUserIds: null, cancellationToken), cancellationToken);
        switch (outcome)
        {
            case ProactiveOutcome.NoConversation:
                throw new OutboxDeliveryException("noConversation", permanent: true);
            case ProactiveOutcome.UntrustedServiceUrl:
                throw new OutboxDeliveryException("untrustedServiceUrl", permanent: true);
            case ProactiveOutcome.NothingToShow:
                LogSkipped(logger, delivery.Kind, delivery.RowKey);
                return;
        }

        if (location is not null)
        {
            await locations.SaveAsync(delivery.ProjectId, stored.Referral.Id, location, cancellationToken);
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
