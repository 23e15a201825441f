using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public sealed class ParticipantErasureTests
{
    private static readonly CoursePlan Plan = CourseFixtures.Plan(4); // Tuesdays 5, 12, 19, 26 January 2027
    private static readonly DateOnly End = new(2027, 1, 26);

    [Fact]
    public void Her_name_and_account_go_her_id_and_completion_stay_and_a_repeat_changes_nothing()
    {
        var register = new AttendanceRegister([.. Plan.Sessions.Select(s => new AttendanceEntry("p1", s.Id, AttendanceMark.Present))]);

        var erased = ParticipantErasure.Erased(CourseFixtures.Aase, CourseFixtures.Now);

        Assert.Equal(("p1", ParticipantErasure.ErasedName, (string?)null, (DateTimeOffset?)CourseFixtures.Now), (erased.Id, erased.Name, erased.ObjectId, erased.ErasedAt));
        Assert.True(ParticipantErasure.IsErased(erased));
        Assert.False(ParticipantErasure.IsErased(CourseFixtures.Aase));
        Assert.Same(erased, ParticipantErasure.Erased(erased, CourseFixtures.Now.AddDays(1)));
        Assert.Equal(
            Completion.Of(CourseFixtures.Aase, Plan, register, CompletionRule.Default, End),
            Completion.Of(erased, Plan, register, CompletionRule.Default, End));
    }

    [Fact]
    public void A_woman_merely_named_like_the_marker_is_not_erased()
    {
        Assert.False(ParticipantErasure.IsErased(new CourseParticipant("p3", ParticipantErasure.ErasedName)));
    }
}
