using System.Text.Json.Nodes;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// A neighbourhood mother left the project while women were waiting for her. Every card of those referrals is updated
/// (the triage card says she is gone and offers to assign another; her own phone no longer shows the details), then the
/// coordinator who removed her gets them as one list to reassign from. Other roles leave nothing behind here.
/// </summary>
public sealed class MotherRemovedHandler(
    ReferralStore referrals,
    ReferralViews views,
    CardUpdater cards,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards proactive) : IOutboxHandler
{
    public const string ListTitle = "list.titleMotherGone";

    public string Kind => DirectoryNotifications.MemberRemovedKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = DirectoryNotifications.Read(delivery.Payload);
        if (payload.Role != nameof(ProjectRole.NeighbourhoodMother))
        {
            return;
        }

        var waiting = new List<StoredReferral>();
        foreach (var id in await referrals.OpenIdsForMotherAsync(delivery.ProjectId, payload.ObjectId, cancellationToken))
        {
            // Read again: reassigned or closed since the index row was written means nothing to do for it.
            var stored = await referrals.FindWithBesideAsync(delivery.ProjectId, id, cancellationToken);
            if (stored is null || !stored.Referral.IsOpen || stored.Referral.AssignedMotherId != payload.ObjectId)
            {
                continue;
            }

            waiting.Add(stored);
            // She has just left: who may see what is read now, not remembered, whichever instance delivers this.
            await cards.UpdateAllAsync(delivery.ProjectId, CardKind.Referral, id, acting: null,
                (actor, audience, language) => views.CardForAsync(actor, stored, language, notice: null, audience, cancellationToken),
                HolderCheck.ReadNow, delivery.RowKey, cancellationToken);
        }

        var coordinator = await directory.FindMemberAsync(delivery.ProjectId, payload.RemovedBy, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (waiting.Count == 0 || coordinator is not { Role: ProjectRole.Coordinator } || project is null)
        {
            return;
        }

        // Last, so a retry after a failed send repeats only idempotent card updates before it.
        var actor = Actor.From(coordinator);
        var page = new ReferralPage(waiting.OrderBy(r => r.Referral.SubmittedAt).ToList(), null);
        // A list is never updated in place, so where it lands is not remembered.
        await proactive.SendIfReachableAsync(delivery, project.TenantId, coordinator, shows: null,
            language => Task.FromResult<JsonObject?>(views.List(actor, page, [], language, ListTitle)), cancellationToken);
    }
}
