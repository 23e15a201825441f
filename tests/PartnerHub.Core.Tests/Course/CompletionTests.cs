using PartnerHub.Core.Course;

namespace PartnerHub.Core.Tests.Course;

public sealed class CompletionTests
{
    private static readonly CoursePlan Plan = CourseFixtures.Plan(4); // Tuesdays 5, 12, 19, 26 January 2027
    private static readonly CourseParticipant[] Participants = [CourseFixtures.Aase, CourseFixtures.Leila];
    private static readonly DateOnly End = new(2027, 1, 26);

    private static AttendanceRegister Register(params (string Participant, string Session, AttendanceMark Mark)[] marks) =>
        new([.. marks.Select(m => new AttendanceEntry(m.Participant, m.Session, m.Mark))]);

    [Theory]
    [InlineData(4, true)]
    [InlineData(3, true)] // 75 % exactly
    [InlineData(2, false)]
    [InlineData(0, false)]
    public void Default_rule_is_at_least_75_percent_of_held_sessions(int present, bool completed)
    {
        var marks = Plan.Sessions.Select((s, i) => ("p1", s.Id, i < present ? AttendanceMark.Present : AttendanceMark.Absent)).ToArray();

        var result = Completion.Of(CourseFixtures.Aase, Plan, Register(marks), CompletionRule.Default, End);

        Assert.Equal(new ParticipantCompletion("p1", present, 4, completed), result);
    }

    [Fact]
    public void A_cancelled_week_is_not_counted()
    {
        // 3 of 4 would do anyway; 2 of 4 would not, but with one week cancelled 2 of 3 is still under 75 %, 3 of 3 is over.
        var plan = CoursePlanEditor.Cancel(Plan, "s04", CourseFixtures.Today).Plan!;
        var register = Register(("p1", "s01", AttendanceMark.Present), ("p1", "s02", AttendanceMark.Present), ("p1", "s03", AttendanceMark.Present));

        Assert.Equal(new ParticipantCompletion("p1", 3, 3, true), Completion.Of(CourseFixtures.Aase, plan, register, CompletionRule.Default, End));
        Assert.Equal(new ParticipantCompletion("p1", 3, 4, true), Completion.Of(CourseFixtures.Aase, Plan, register, CompletionRule.Default, End));

        var twoOfThree = Register(("p1", "s01", AttendanceMark.Present), ("p1", "s02", AttendanceMark.Present));
        Assert.False(Completion.Of(CourseFixtures.Aase, plan, twoOfThree, CompletionRule.Default, End).Completed);
    }

    [Fact]
    public void Only_sessions_held_by_the_day_count_and_a_missing_mark_is_absence()
    {
        var register = Register(("p1", "s01", AttendanceMark.Present));

        Assert.Equal(new ParticipantCompletion("p1", 1, 1, true), Completion.Of(CourseFixtures.Aase, Plan, register, CompletionRule.Default, new DateOnly(2027, 1, 5)));
        Assert.Equal(new ParticipantCompletion("p1", 1, 2, false), Completion.Of(CourseFixtures.Aase, Plan, register, CompletionRule.Default, new DateOnly(2027, 1, 12)));
        Assert.False(Completion.Of(CourseFixtures.Aase, Plan, register, CompletionRule.Default, new DateOnly(2027, 1, 4)).Completed);
    }

    [Fact]
    public void Excused_absence_counts_only_when_the_project_says_so()
    {
        var register = Register(("p1", "s01", AttendanceMark.Present), ("p1", "s02", AttendanceMark.Present), ("p1", "s03", AttendanceMark.Excused), ("p1", "s04", AttendanceMark.Excused));

        Assert.False(Completion.Of(CourseFixtures.Aase, Plan, register, CompletionRule.Default, End).Completed);
        Assert.True(Completion.Of(CourseFixtures.Aase, Plan, register, new CompletionRule(ExcusedCountsAsPresent: true), End).Completed);
    }

    [Fact]
    public void A_project_sets_its_own_percentage()
    {
        var register = Register(("p1", "s01", AttendanceMark.Present), ("p1", "s02", AttendanceMark.Present));

        Assert.True(Completion.Of(CourseFixtures.Aase, Plan, register, new CompletionRule(50), End).Completed);
        Assert.False(Completion.Of(CourseFixtures.Aase, Plan, register, new CompletionRule(51), End).Completed);
        Assert.Equal(CourseErrors.OutOfRange, new CompletionRule(0).Validate()["minimumPercent"]);
        Assert.Equal(CourseErrors.OutOfRange, new CompletionRule(101).Validate()["minimumPercent"]);
        Assert.Empty(new CompletionRule(100).Validate());
    }

    [Fact]
    public void Completed_lists_who_gets_a_certificate()
    {
        var register = AttendanceRegister.Empty;
        foreach (var session in Plan.Sessions)
        {
            register = register.Record(Plan, Participants, session.Id, new Dictionary<string, AttendanceMark> { ["p1"] = AttendanceMark.Present, ["p2"] = session.Id == "s01" ? AttendanceMark.Present : AttendanceMark.Absent }, End).Register!;
        }

        Assert.Equal([CourseFixtures.Aase], Completion.Completed(Participants, Plan, register, CompletionRule.Default, End));
    }

    [Fact]
    public void Recording_attendance_replaces_her_earlier_mark_for_that_session_only()
    {
        var register = Register(("p1", "s01", AttendanceMark.Absent), ("p2", "s01", AttendanceMark.Present));

        var updated = register.Record(Plan, Participants, "s01", new Dictionary<string, AttendanceMark> { ["p1"] = AttendanceMark.Excused }, End).Register!;

        Assert.Equal(AttendanceMark.Excused, updated.MarkOf("p1", "s01"));
        Assert.Equal(AttendanceMark.Present, updated.MarkOf("p2", "s01"));
        Assert.Equal(2, updated.Entries.Count);
    }

    [Fact]
    public void Attendance_is_refused_for_a_cancelled_or_future_session_or_a_stranger()
    {
        var plan = CoursePlanEditor.Cancel(Plan, "s02", CourseFixtures.Today).Plan!;
        var present = new Dictionary<string, AttendanceMark> { ["p1"] = AttendanceMark.Present };

        Assert.Equal(CourseErrors.Cancelled, AttendanceRegister.Empty.Record(plan, Participants, "s02", present, End).Errors["sessionId"]);
        Assert.Equal(CourseErrors.TooFarAhead, AttendanceRegister.Empty.Record(plan, Participants, "s04", present, new DateOnly(2027, 1, 25)).Errors["sessionId"]);
        Assert.Equal(CourseErrors.NotFound, AttendanceRegister.Empty.Record(plan, Participants, "s99", present, End).Errors["sessionId"]);
        Assert.Equal(CourseErrors.UnknownValue, AttendanceRegister.Empty.Record(plan, Participants, "s01", new Dictionary<string, AttendanceMark> { ["p9"] = AttendanceMark.Present }, End).Errors["marks"]);
        Assert.Equal(CourseErrors.UnknownValue, AttendanceRegister.Empty.Record(plan, Participants, "s01", new Dictionary<string, AttendanceMark> { ["p1"] = (AttendanceMark)7 }, End).Errors["marks"]);
    }
}
