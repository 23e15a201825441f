using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Reach;

/// <summary>Someone left a project: she is no longer anyone the coordinators need to reach, so she drops off the report.</summary>
public sealed class MemberLeftHandler(ReachStore reach) : IOutboxHandler
{
    public string Kind => DirectoryNotifications.MemberLeftKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await reach.ForgetAsync(delivery.ProjectId, DirectoryNotifications.ReadMember(delivery.Payload).ObjectId, cancellationToken);
    }
}
