using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Reach;

/// <summary>
/// Redraws the one report card per project that tells its coordinators who cannot be reached and why: updated in place
/// where a coordinator has it, sent to a coordinator who has none yet while anyone is on it. Rendered at delivery time
/// from the reach rows and the directory, so someone removed from the directory is not on it.
/// </summary>
public sealed class ReachReportHandler(
    ProjectStore projects,
    DirectoryStore directory,
    ReachStore reach,
    ReachViews views,
    CardLocationStore locations,
    CardUpdater updater,
    ProactiveCards proactive) : IOutboxHandler
{
    public string Kind => ReachNotifications.ReportChangedKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var projectId = delivery.ProjectId;
        var project = await projects.FindAsync(projectId, cancellationToken);
        if (project is null)
        {
            return;
        }

        var members = (await directory.MembersAsync(projectId, role: null, cancellationToken)).ToDictionary(m => m.ObjectId, StringComparer.OrdinalIgnoreCase);
        var unreachable = (await reach.UnreachableAsync(projectId, cancellationToken))
            .Where(person => members.ContainsKey(person.ObjectId))
            .Select(person => new UnreachablePerson(members[person.ObjectId].FirstName, members[person.ObjectId].Role, person.Reason))
            .ToList();

        // Every card already shown is redrawn, also when nobody is left on it (it then says so).
        await updater.UpdateAllAsync(projectId, CardKind.ReachReport, projectId, acting: null,
            (actor, _, language) => Task.FromResult(actor.Role == ProjectRole.Coordinator ? views.Report(unreachable, language) : null),
            HolderCheck.ReadNow, delivery.RowKey, cancellationToken);
        if (unreachable.Count == 0)
        {
            return;
        }

        foreach (var coordinator in members.Values.Where(m => m.Role == ProjectRole.Coordinator))
        {
            if (await locations.FindAsync(projectId, CardKind.ReachReport, projectId, coordinator.ObjectId, cancellationToken) is not null)
            {
                continue;
            }

            await proactive.SendIfReachableAsync(delivery, project.TenantId, coordinator, new CardRecord(CardKind.ReachReport, projectId),
                language => Task.FromResult(views.Report(unreachable, language)), cancellationToken);
        }
    }
}
