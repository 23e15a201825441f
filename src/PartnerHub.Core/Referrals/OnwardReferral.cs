using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;

namespace PartnerHub.Core.Referrals;

public enum OnwardState
{
    Sent,
    Accepted,
    Declined,
}

[AuditAction]
public enum OnwardAction
{
    Create,
    View,
    Answer,
}

/// <summary>
/// The programme refers a woman on to a municipal service in the directory (job centre, health visitor, social
/// services, women's centre). The service's staff see what they need to reach her and answer; the answer closes the loop.
/// </summary>
public sealed record OnwardReferral
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required string ReferralId { get; init; }
    public required string ToOrganisationId { get; init; }
    public required OnwardState State { get; init; }
    public required DateTimeOffset SentAt { get; init; }
    public required string SentByObjectId { get; init; }
    public required NeedCategories Needs { get; init; }
    public DateTimeOffset? AnsweredAt { get; init; }
    public string? AnsweredByObjectId { get; init; }

    /// <summary>
    /// The coordinator refers the woman on. Refused with an exception (a caller's bug, never a user's choice) when the
    /// actor may not refer this referral on (§7), when the organisation is not a service in the referral's project that
    /// receives onward referrals, or when consent was withdrawn or her data erased.
    /// </summary>
    /// <exception cref="UnauthorizedAccessException">The actor may not refer this referral on.</exception>
    /// <exception cref="ArgumentException">The organisation does not receive onward referrals in this project.</exception>
    /// <exception cref="InvalidOperationException">The referral was withdrawn or erased.</exception>
    public static OnwardReferral Send(string id, Referral referral, Organisation to, NeedCategories needs, Actor coordinator, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(referral);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(coordinator);
        if (!OnwardAccess.Allows(coordinator, OnwardAction.Create, null) || !ReferralAccess.Allows(coordinator, ReferralAction.ReferOnward, referral))
        {
            throw new UnauthorizedAccessException("The actor may not refer this referral on.");
        }

        if (!to.ReceivesOnwardReferrals || !string.Equals(to.ProjectId, referral.ProjectId, StringComparison.Ordinal))
        {
            throw new ArgumentException("The organisation does not receive onward referrals in the referral's project.", nameof(to));
        }

        if (referral.State == ReferralState.Withdrawn || referral.ErasedAt is not null)
        {
            throw new InvalidOperationException("Consent was withdrawn or the referral erased: it cannot be referred on.");
        }

        return new()
        {
            Id = id,
            ProjectId = referral.ProjectId,
            ReferralId = referral.Id,
            ToOrganisationId = to.Id,
            State = OnwardState.Sent,
            SentAt = now,
            SentByObjectId = coordinator.ObjectId,
            Needs = needs,
        };
    }

    /// <summary>The receiving service accepts or declines. Only once: a second answer is refused.</summary>
    public OnwardResult Answer(bool accept, Actor actor, DateTimeOffset now)
    {
        if (!OnwardAccess.Allows(actor, OnwardAction.Answer, this))
        {
            return new OnwardResult(null, TransitionError.Forbidden);
        }

        return State != OnwardState.Sent
            ? new OnwardResult(null, TransitionError.InvalidTransition)
            : new OnwardResult(this with
            {
                State = accept ? OnwardState.Accepted : OnwardState.Declined,
                AnsweredAt = now,
                AnsweredByObjectId = actor.ObjectId,
            }, null);
    }
}

/// <summary>Who may create, see and answer onward referrals: the coordinator sends; the receiving organisation's staff see and answer.</summary>
public static class OnwardAccess
{
    public static bool Allows(Actor actor, OnwardAction action, OnwardReferral? onward)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (onward is null)
        {
            return action == OnwardAction.Create && actor.Role == ProjectRole.Coordinator;
        }

        if (!string.Equals(actor.ProjectId, onward.ProjectId, StringComparison.Ordinal))
        {
            return false;
        }

        return actor.Role switch
        {
            ProjectRole.Coordinator => action == OnwardAction.View,
            ProjectRole.PartnerStaff => actor.OrganisationId is not null
                && string.Equals(actor.OrganisationId, onward.ToOrganisationId, StringComparison.Ordinal)
                && action is OnwardAction.View or OnwardAction.Answer,
            _ => false,
        };
    }
}

/// <summary>An onward referral after an answer, or why the answer was refused.</summary>
public sealed record OnwardResult(OnwardReferral? Onward, TransitionError? Error)
{
    public bool Succeeded => Error is null;
}
