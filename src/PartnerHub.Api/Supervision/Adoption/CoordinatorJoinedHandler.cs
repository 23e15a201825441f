using Microsoft.Graph.Models.ODataErrors;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>
/// A new coordinator's Outlook made ready for adoption: the PartnerHub category in her master category list (so she
/// can set it on a meeting), and the calendar subscription that reports her meetings. Idempotent: the category is added
/// only when missing, the subscription ensured. Without the mailbox permission the row fails at once (README).
/// </summary>
public sealed partial class CoordinatorJoinedHandler(
    IMailboxCategoryGateway categories,
    ICalendarGateway calendar,
    IServiceProvider services,
    ILogger<CoordinatorJoinedHandler> logger) : IOutboxHandler
{
    public string Kind => DirectoryNotifications.CoordinatorJoinedKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = DirectoryNotifications.ReadMember(delivery.Payload);
        try
        {
            if (await categories.EnsureAsync(payload.ObjectId, OutlookCategory.Name, OutlookCategory.Color, cancellationToken))
            {
                LogCategoryAdded(logger, delivery.ProjectId);
            }
        }
        catch (ODataError error) when (error.ResponseStatusCode is 401 or 403)
        {
            // MailboxSettings.ReadWrite not granted (or her mailbox out of the access policy): retrying will not help.
            throw new OutboxDeliveryException("graphForbidden", permanent: true);
        }

        if (!calendar.IsLocal && services.GetService<SubscriptionManager>() is { } subscriptions)
        {
            await subscriptions.EnsureAsync(delivery.ProjectId, payload.ObjectId, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outlook category for supervision added to a coordinator's mailbox in project {ProjectId}")]
    private static partial void LogCategoryAdded(ILogger logger, string projectId);
}
