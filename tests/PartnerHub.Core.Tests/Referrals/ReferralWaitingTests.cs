using PartnerHub.Core.Referrals;

namespace PartnerHub.Core.Tests.Referrals;

public sealed class ReferralWaitingTests
{
    private static readonly ReferralWaiting Rule = ReferralWaiting.Default;

    [Theory]
    [InlineData(ReferralState.Submitted)]
    [InlineData(ReferralState.Accepted)]
    [InlineData(ReferralState.Assigned)]
    public void An_open_referral_without_contact_waits_too_long_from_the_fourteenth_Copenhagen_day(ReferralState state)
    {
        var referral = Fixtures.InState(state);
        // Submitted 2 March 09:00 Copenhagen; 15 March is day 13, 16 March is day 14.
        Assert.False(Rule.IsTooLong(referral, new DateTimeOffset(2026, 3, 15, 23, 59, 0, TimeSpan.FromHours(1))));
        Assert.True(Rule.IsTooLong(referral, new DateTimeOffset(2026, 3, 16, 0, 1, 0, TimeSpan.FromHours(1))));
        Assert.Equal(14, ReferralWaiting.DaysSinceSubmitted(referral, new DateTimeOffset(2026, 3, 16, 0, 1, 0, TimeSpan.FromHours(1))));
    }

    [Theory]
    [InlineData(ReferralState.Contacted)]
    [InlineData(ReferralState.Closed)]
    [InlineData(ReferralState.Declined)]
    [InlineData(ReferralState.Withdrawn)]
    public void Contacted_or_ended_referrals_never_wait_too_long(ReferralState state)
    {
        Assert.False(Rule.IsTooLong(Fixtures.InState(state), Fixtures.SubmittedAt.AddDays(60)));
    }

    [Fact]
    public void A_woman_reassigned_after_contact_is_not_waiting_for_first_contact()
    {
        var contacted = Fixtures.InState(ReferralState.Contacted);
        var reassigned = contacted with { State = ReferralState.Assigned };
        Assert.True(ReferralWaiting.HasFirstContact(reassigned));
        Assert.False(Rule.IsTooLong(reassigned, Fixtures.SubmittedAt.AddDays(60)));
    }

    [Fact]
    public void The_number_of_days_is_configurable()
    {
        var referral = Fixtures.Submitted();
        Assert.False(new ReferralWaiting(7).IsTooLong(referral, Fixtures.SubmittedAt.AddDays(6)));
        Assert.True(new ReferralWaiting(7).IsTooLong(referral, Fixtures.SubmittedAt.AddDays(7)));
    }
}
