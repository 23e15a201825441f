using PartnerHub.Api.Graph;

namespace PartnerHub.Api.Reach;

/// <summary>Why a person cannot be reached, as the coordinators' report says it.</summary>
public enum UnreachableReason
{
    /// <summary>A Teams app policy of the tenant does not allow PartnerHub for her (install answered 403).</summary>
    BlockedByPolicy,

    /// <summary>No Teams account (no licence, a guest without Teams) or no such account (install answered 404).</summary>
    NoTeams,

    /// <summary>A card waits for her, and she has not opened PartnerHub yet.</summary>
    NotOpened,
}

/// <summary>
/// What PartnerHub knows about reaching one person of a project: what installing the app came to, whether a card waits
/// for her, whether her personal chat is known. Ids and these flags only.
/// </summary>
public sealed record ReachState(AppInstallOutcome? Install, bool Waiting, bool Reachable)
{
    public static readonly ReachState Unknown = new(null, false, false);

    /// <summary>Why she is on the coordinators' report, or null when she is not on it.</summary>
    public UnreachableReason? Reason => Reachable ? null : Install switch
    {
        AppInstallOutcome.BlockedByPolicy => UnreachableReason.BlockedByPolicy,
        AppInstallOutcome.NoTeams => UnreachableReason.NoTeams,
        _ when Waiting => UnreachableReason.NotOpened,
        _ => null,
    };
}
