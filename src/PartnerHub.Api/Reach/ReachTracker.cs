using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Reach;

/// <summary>
/// Keeps <see cref="ReachStore"/> up to date from what the rest of the app sees: a card that starts waiting for her puts
/// her on the report ("not yet opened PartnerHub"); her personal chat becoming known takes her off it, in every project
/// she is in (one partition read of her memberships, then keyed rows).
/// </summary>
public sealed class ReachTracker(ReachStore reach, ICallerDirectory callers) : IWaitingCardObserver, IPersonalChatListener
{
    public Task OnWaitingAsync(string projectId, string objectId, CancellationToken cancellationToken) =>
        reach.MarkWaitingAsync(projectId, objectId, cancellationToken);

    public async Task OnPersonalChatSavedAsync(string? tenantId, string objectId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(tenantId))
        {
            return;
        }

        foreach (var membership in await callers.MembershipsAsync(tenantId, objectId, cancellationToken))
        {
            await reach.MarkReachableAsync(membership.ProjectId, objectId, cancellationToken);
        }
    }
}
