using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Referrals;

/// <summary>
/// Erasure on her request (GDPR Art. 17), beyond withdrawal: every personal field goes, as on withdrawal or retention,
/// but the state, dates, needs and organisations stay exactly as they were, so the counts and report figures she is
/// part of do not move. Only the project's coordinator may do it. Pure, like <see cref="ReferralWorkflow"/>.
/// </summary>
public static class ReferralErasure
{
    /// <summary>
    /// The referral erased, the same referral when it was erased before (a repeat changes nothing), or
    /// <see cref="TransitionError.Forbidden"/> for anyone but a coordinator of its project.
    /// </summary>
    public static TransitionResult OnRequest(Referral referral, Actor actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayErase(actor, referral))
        {
            return TransitionResult.Refused(TransitionError.Forbidden);
        }

        return TransitionResult.Ok(referral.ErasedAt is null ? referral.Erased(now) : referral);
    }

    /// <summary>A coordinator of the referral's project: the person who answers the municipality's data-subject requests.</summary>
    public static bool MayErase(Actor actor, Referral referral)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(referral);
        return actor.Role == ProjectRole.Coordinator && ReferralAccess.Allows(actor, ReferralAction.ViewDetails, referral);
    }
}
