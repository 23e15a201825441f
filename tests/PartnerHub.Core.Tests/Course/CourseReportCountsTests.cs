using PartnerHub.Core.Course;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Course;

public sealed class CourseReportCountsTests
{
    // Tuesdays 5, 12, 19, 26 January 2027; Åse at all four, Leila at one.
    private static readonly Cohort January = new(
        "hold-jan", CourseFixtures.Project, CourseFixtures.Plan(4), [CourseFixtures.Aase, CourseFixtures.Leila], 1);

    private static readonly AttendanceRegister Marks = new(
        [.. January.Plan.Sessions.Select(s => new AttendanceEntry("p1", s.Id, AttendanceMark.Present)),
            new AttendanceEntry("p2", "s01", AttendanceMark.Present)]);

    private static int Figure(SectionCounts counts, string id) => counts.Figures.OfType<RawCount>().Single(f => f.Id == id).Count;

    [Fact]
    public void Participants_count_where_the_course_ran_and_completion_where_it_ended()
    {
        var cohort = new CohortForReport(January, Marks, []);

        var january = CourseReportCounts.For([cohort], CompletionRule.Default, ReportPeriod.Custom(new(2027, 1, 1), new(2027, 1, 1))!, new DateOnly(2027, 2, 1));
        var december = CourseReportCounts.For([cohort], CompletionRule.Default, ReportPeriod.Custom(new(2026, 12, 1), new(2026, 12, 1))!, new DateOnly(2027, 2, 1));

        Assert.Equal(2, Figure(january, "courseParticipants"));
        Assert.Equal(1, Figure(january, "courseCompleted"));
        Assert.Equal(0, Figure(december, "courseParticipants"));
        Assert.Equal(0, Figure(december, "courseCompleted"));
    }

    [Fact]
    public void A_course_still_running_has_nobody_completed_yet()
    {
        var counts = CourseReportCounts.For(
            [new CohortForReport(January, Marks, [])], CompletionRule.Default, ReportPeriod.Quarter(2027, 1), new DateOnly(2027, 1, 20));

        Assert.Equal(2, Figure(counts, "courseParticipants"));
        Assert.Equal(0, Figure(counts, "courseCompleted"));
    }

    [Fact]
    public void A_certificate_counts_in_the_copenhagen_month_it_was_issued()
    {
        // 23:30 UTC on 31 January is 00:30 on 1 February in Copenhagen.
        var issued = new[] { new DateTimeOffset(2027, 1, 31, 23, 30, 0, TimeSpan.Zero), new DateTimeOffset(2027, 1, 28, 10, 0, 0, TimeSpan.Zero) };
        var cohort = new CohortForReport(January, Marks, issued);

        var january = CourseReportCounts.For([cohort], CompletionRule.Default, ReportPeriod.Custom(new(2027, 1, 1), new(2027, 1, 1))!, new DateOnly(2027, 3, 1));
        var february = CourseReportCounts.For([cohort], CompletionRule.Default, ReportPeriod.Custom(new(2027, 2, 1), new(2027, 2, 1))!, new DateOnly(2027, 3, 1));

        Assert.Equal(1, Figure(january, "certificatesIssued"));
        Assert.Equal(1, Figure(february, "certificatesIssued"));
        Assert.Equal(0, Figure(february, "courseParticipants"));
    }

    [Fact]
    public void Only_cohorts_the_period_can_count_are_read()
    {
        Assert.True(CourseReportCounts.MayCount(January, ReportPeriod.Quarter(2027, 1)));
        Assert.True(CourseReportCounts.MayCount(January, ReportPeriod.Quarter(2027, 4)));
        Assert.False(CourseReportCounts.MayCount(January, ReportPeriod.Quarter(2028, 2)));
        Assert.False(CourseReportCounts.MayCount(January, ReportPeriod.Quarter(2026, 4)));
    }
}
