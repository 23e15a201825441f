using PartnerHub.Core.Partners;
using PartnerHub.Core.Privacy;
using PartnerHub.Core.Referrals;
using PartnerHub.Core.Tests.Referrals;

namespace PartnerHub.Core.Tests.Privacy;

public class RetentionPolicyTests
{
    private static readonly DateTimeOffset EndedAt = new(2026, 4, 1, 12, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public void Six_months_is_183_days() => Assert.Equal(TimeSpan.FromDays(183), RetentionPolicy.AfterEnd);

    [Theory]
    [InlineData(ReferralState.Submitted)]
    [InlineData(ReferralState.Accepted)]
    [InlineData(ReferralState.Assigned)]
    [InlineData(ReferralState.Contacted)]
    public void Open_referrals_are_never_due(ReferralState state)
    {
        var open = Fixtures.InState(state);
        Assert.False(RetentionPolicy.IsErasureDue(open, open.LastChangedAt + RetentionPolicy.AfterEnd));
        Assert.False(RetentionPolicy.IsErasureDue(open, open.LastChangedAt.AddYears(10)));
    }

    [Theory]
    [InlineData(ReferralState.Closed)]
    [InlineData(ReferralState.Declined)]
    public void Ended_referrals_are_due_183_days_after_the_last_change_and_not_before(ReferralState state)
    {
        var ended = Ended(state);

        Assert.False(RetentionPolicy.IsErasureDue(ended, EndedAt));
        Assert.False(RetentionPolicy.IsErasureDue(ended, EndedAt.AddDays(182)));
        Assert.False(RetentionPolicy.IsErasureDue(ended, EndedAt + RetentionPolicy.AfterEnd - TimeSpan.FromTicks(1)));
        Assert.True(RetentionPolicy.IsErasureDue(ended, EndedAt + RetentionPolicy.AfterEnd));
        Assert.True(RetentionPolicy.IsErasureDue(ended, EndedAt.AddYears(2)));
    }

    [Fact]
    public void The_clock_starts_at_the_last_change_not_at_submission()
    {
        var closed = Ended(ReferralState.Closed);
        Assert.True(closed.SubmittedAt + RetentionPolicy.AfterEnd < EndedAt + RetentionPolicy.AfterEnd);
        Assert.False(RetentionPolicy.IsErasureDue(closed, closed.SubmittedAt + RetentionPolicy.AfterEnd));
    }

    [Fact]
    public void Time_zones_do_not_matter()
    {
        var closed = Ended(ReferralState.Closed);
        var dueUtc = (EndedAt + RetentionPolicy.AfterEnd).ToUniversalTime();
        Assert.True(RetentionPolicy.IsErasureDue(closed, dueUtc));
        Assert.False(RetentionPolicy.IsErasureDue(closed, dueUtc.AddMinutes(-1).ToOffset(TimeSpan.FromHours(5))));
    }

    [Theory]
    [InlineData(ReferralState.Closed)]
    [InlineData(ReferralState.Declined)]
    public void Already_erased_referrals_are_not_due(ReferralState state)
    {
        var erased = Ended(state).Erased(EndedAt + RetentionPolicy.AfterEnd);
        Assert.False(RetentionPolicy.IsErasureDue(erased, EndedAt.AddYears(1)));
    }

    [Fact]
    public void A_withdrawn_referral_was_erased_when_it_was_withdrawn()
    {
        var withdrawn = ReferralWorkflow.Apply(Fixtures.InState(ReferralState.Contacted), new WithdrawReferral(), Fixtures.Mother, EndedAt).Referral!;

        Assert.Equal(EndedAt, withdrawn.ErasedAt);
        Assert.False(RetentionPolicy.IsErasureDue(withdrawn, EndedAt.AddYears(1)));
    }

    [Fact]
    public void A_withdrawn_referral_that_still_holds_personal_data_is_due_at_once()
    {
        // Not reachable through the workflow, but a record read back from storage can be like this: withdrawn consent
        // leaves no reason to keep anything for six months.
        var inconsistent = Fixtures.InState(ReferralState.Assigned) with
        {
            State = ReferralState.Withdrawn,
            History = [.. Fixtures.InState(ReferralState.Assigned).History, new ReferralEvent(ReferralState.Withdrawn, EndedAt, ProjectRole.PartnerStaff)],
        };

        Assert.True(RetentionPolicy.IsErasureDue(inconsistent, EndedAt));
    }

    [Fact]
    public void Erasure_when_due_keeps_the_counts()
    {
        var closed = Ended(ReferralState.Closed);
        var erased = closed.Erased(EndedAt + RetentionPolicy.AfterEnd);

        Assert.Null(erased.Person);
        Assert.Null(erased.Consent);
        Assert.Null(erased.MotherNotes);
        Assert.Equal(closed.Needs, erased.Needs);
        Assert.Equal(closed.State, erased.State);
        Assert.Equal(closed.Outcome, erased.Outcome);
        Assert.Equal(closed.History, erased.History);
        Assert.Equal(closed.ReferrerOrganisationId, erased.ReferrerOrganisationId);
        Assert.Equal(closed.SubmittedAt, erased.SubmittedAt);
    }

    [Fact]
    public void Null_referral_is_a_programming_error() =>
        Assert.Throws<ArgumentNullException>(() => RetentionPolicy.IsErasureDue(null!, EndedAt));

    private static Referral Ended(ReferralState state)
    {
        var referral = Fixtures.InState(state);
        return referral with { History = [.. referral.History.SkipLast(1), referral.History[^1] with { At = EndedAt }] };
    }
}
