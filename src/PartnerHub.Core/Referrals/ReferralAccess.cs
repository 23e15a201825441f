using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Referrals;

[AuditAction]
public enum ReferralAction
{
    Create,
    List,
    ViewStatus,
    ViewDetails,
    ViewNotes,
    EditNotes,
    Accept,
    Decline,
    Assign,
    RecordContact,
    Close,
    Withdraw,
    ReferOnward,

    /// <summary>Corrects her details (GDPR Art. 16); which fields, <see cref="ReferralCorrection.CorrectableBy"/> says.</summary>
    Rectify,
}

/// <summary>
/// Who may do what with a referral (ARCHITECTURE §7). Pure: the caller supplies the actor from the directory.
/// A coordinator sees her project; a neighbourhood mother the referrals assigned to her; partner staff the status
/// of referrals their own organisation made (never details beyond the status view, never the mother's notes);
/// teachers nothing. Nobody sees another project.
/// </summary>
public static class ReferralAccess
{
    public static bool Allows(Actor actor, ReferralAction action, Referral? referral)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (referral is null)
        {
            // Actions that don't concern one referral: creating one, listing "mine".
            return action switch
            {
                ReferralAction.Create => actor.Role is ProjectRole.Coordinator || (actor.Role is ProjectRole.PartnerStaff && !string.IsNullOrEmpty(actor.OrganisationId)),
                ReferralAction.List => actor.Role is not ProjectRole.Teacher,
                _ => false,
            };
        }

        if (!string.Equals(actor.ProjectId, referral.ProjectId, StringComparison.Ordinal))
        {
            return false;
        }

        return actor.Role switch
        {
            ProjectRole.Coordinator => action is not ReferralAction.Create and not ReferralAction.List,
            ProjectRole.NeighbourhoodMother => IsAssignedTo(actor, referral) && action is ReferralAction.ViewStatus or ReferralAction.ViewDetails
                or ReferralAction.ViewNotes or ReferralAction.EditNotes or ReferralAction.RecordContact or ReferralAction.Close or ReferralAction.Withdraw
                or ReferralAction.Rectify,
            ProjectRole.PartnerStaff => IsOwnOrganisation(actor, referral) && action is ReferralAction.ViewStatus or ReferralAction.Withdraw,
            _ => false,
        };
    }

    private static bool IsAssignedTo(Actor actor, Referral referral) =>
        referral.AssignedMotherId is not null && string.Equals(referral.AssignedMotherId, actor.ObjectId, StringComparison.Ordinal);

    // A referral the coordinator made has ReferrerOrganisationId "" (Referral.Submit): no organisation, so nobody's.
    private static bool IsOwnOrganisation(Actor actor, Referral referral) =>
        !string.IsNullOrEmpty(actor.OrganisationId) && string.Equals(referral.ReferrerOrganisationId, actor.OrganisationId, StringComparison.Ordinal);
}
