using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Reach;

/// <summary>
/// Someone was added to a directory: PartnerHub is installed in her Teams, so Teams sends the bot her installationUpdate,
/// her personal chat becomes known and her cards (and her welcome) reach her. Installed and already installed are
/// success; blocked by policy and no Teams are recorded for the coordinators' report; anything else throws and the
/// outbox retries. Installing twice is harmless (409), so a retried delivery is too.
/// </summary>
public sealed partial class InstallAppHandler(
    ProjectStore projects,
    DirectoryStore directory,
    ConversationStore conversations,
    IAppInstaller installer,
    ReachStore reach,
    ILogger<InstallAppHandler> logger) : IOutboxHandler
{
    public string Kind => DirectoryNotifications.MemberAddedKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var objectId = DirectoryNotifications.ReadMember(delivery.Payload).ObjectId;
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (project is null || await directory.FindMemberAsync(delivery.ProjectId, objectId, cancellationToken) is null)
        {
            // Removed again before this ran: nothing to install for.
            return;
        }

        if (await conversations.FindReferenceAsync(project.TenantId, objectId, cancellationToken) is not null)
        {
            // She has PartnerHub open already (another project, or she wrote first).
            await reach.MarkReachableAsync(delivery.ProjectId, objectId, cancellationToken);
            return;
        }

        var outcome = await installer.InstallForAsync(objectId, cancellationToken);
        LogInstall(logger, delivery.RowKey, outcome);
        await reach.RecordInstallAsync(delivery.ProjectId, objectId, outcome, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {RowKey}: installing PartnerHub for a person came to {Outcome}")]
    private static partial void LogInstall(ILogger logger, string rowKey, AppInstallOutcome outcome);
}
