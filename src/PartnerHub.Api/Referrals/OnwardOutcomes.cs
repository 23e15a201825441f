using PartnerHub.Core.Changes;

namespace PartnerHub.Api.Referrals;

public static class OnwardOutcomes
{
    /// <summary>An onward answer in the vocabulary every change is answered in: already answered is a state that no longer allows it.</summary>
    public static ChangeOutcome ToChangeOutcome(this OnwardOutcome outcome) => outcome switch
    {
        OnwardOutcome.Done => ChangeOutcome.Changed,
        OnwardOutcome.Duplicate => ChangeOutcome.Duplicate,
        OnwardOutcome.Stale => ChangeOutcome.Stale,
        OnwardOutcome.AlreadyAnswered or OnwardOutcome.Unavailable => ChangeOutcome.InvalidTransition,
        OnwardOutcome.InvalidInput => ChangeOutcome.InvalidInput,
        OnwardOutcome.Forbidden => ChangeOutcome.Forbidden,
        _ => ChangeOutcome.NotFound,
    };
}
