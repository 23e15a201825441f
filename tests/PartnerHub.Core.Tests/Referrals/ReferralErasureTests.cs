using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using static PartnerHub.Core.Tests.Referrals.Fixtures;

namespace PartnerHub.Core.Tests.Referrals;

public class ReferralErasureTests
{
    public static TheoryData<ReferralState> AllStates => [.. Enum.GetValues<ReferralState>()];

    [Theory]
    [MemberData(nameof(AllStates))]
    public void Erasure_on_request_removes_every_personal_field_and_keeps_everything_counted(ReferralState state)
    {
        var before = InState(state);

        var result = ReferralErasure.OnRequest(before, Coordinator, Now);

        var after = Assert.IsType<Referral>(result.Referral);
        Assert.Null(after.Person);
        Assert.Null(after.Consent);
        Assert.Null(after.MotherNotes);
        Assert.NotNull(after.ErasedAt);
        // What the counts and the report read is exactly as it was: nothing moves in a month counter.
        Assert.Equal(before.State, after.State);
        Assert.Equal(before.SubmittedAt, after.SubmittedAt);
        Assert.Equal(before.Needs, after.Needs);
        Assert.Equal(before.ReferrerOrganisationId, after.ReferrerOrganisationId);
        Assert.Equal(before.AssignedMotherId, after.AssignedMotherId);
        Assert.Equal(before.Outcome, after.Outcome);
        Assert.Equal(before.DeclineReason, after.DeclineReason);
        Assert.Equal(before.History, after.History);
        Assert.Empty(ReferralCounting.Changes(before, after, null));
    }

    [Fact]
    public void Erasing_an_erased_referral_changes_nothing()
    {
        var erased = ReferralErasure.OnRequest(InState(ReferralState.Closed), Coordinator, Now).Referral!;

        var again = ReferralErasure.OnRequest(erased, Coordinator, Now.AddDays(3));

        Assert.True(again.Succeeded);
        Assert.Same(erased, again.Referral);
    }

    public static TheoryData<string> NotTheCoordinator => ["mother", "referrer", "teacher", "other-coordinator"];

    [Theory]
    [MemberData(nameof(NotTheCoordinator))]
    public void Only_the_projects_coordinator_may_erase_on_request(string who)
    {
        var actor = who switch
        {
            "mother" => Mother,
            "referrer" => ReferrerStaff,
            "teacher" => new Actor("teacher-1", Fixtures.Project, ProjectRole.Teacher, null),
            _ => new Actor("coord-2", OtherProject, ProjectRole.Coordinator, null),
        };

        var result = ReferralErasure.OnRequest(InState(ReferralState.Assigned), actor, Now);

        Assert.Equal(TransitionError.Forbidden, result.Error);
        Assert.Null(result.Referral);
    }
}
