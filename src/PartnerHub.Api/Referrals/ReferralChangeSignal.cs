namespace PartnerHub.Api.Referrals;

/// <summary>A referral (or one of its onward referrals) changed: ids only, never anything about her.</summary>
public sealed record ReferralChanged(string ProjectId, string ReferralId);

/// <summary>
/// In-process notice that a referral changed, raised by <see cref="ReferralService"/> and <see cref="OnwardService"/>
/// after a committed write, whether it came from a card, REST or the tab. Open tab pages subscribe and re-read by key;
/// another API instance's changes reach them through the pages' own keyed poll.
/// </summary>
public sealed class ReferralChangeSignal
{
    public event Action<ReferralChanged>? Changed;

    public void Raise(string projectId, string referralId)
    {
        // A subscriber's failure (a closed circuit) must never undo or fail the change that was already committed.
        foreach (var handler in Changed?.GetInvocationList().Cast<Action<ReferralChanged>>() ?? [])
        {
            try
            {
                handler(new ReferralChanged(projectId, referralId));
            }
            catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
            {
                // The page is gone; it unsubscribes as it disposes.
            }
        }
    }
}
