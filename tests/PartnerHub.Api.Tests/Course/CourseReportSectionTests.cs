using PartnerHub.Api.Course;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Tests.Dashboard;
using PartnerHub.Core.Course;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Course;

/// <summary>The report's course figures on the demo course in Azurite, checked against the course's own services.</summary>
[Collection(SharedTabHost.Name)]
public sealed class CourseReportSectionTests(SharedTabHost host)
{
    private static int Figure(SectionCounts counts, string id) => counts.Figures.OfType<RawCount>().Single(f => f.Id == id).Count;

    [Fact]
    public async Task The_finished_cohorts_months_count_its_participants_and_exactly_those_the_completion_panel_shows_as_completed()
    {
        var section = host.Get<IEnumerable<IReportSection>>().Single(s => s.Id == "course");
        var finished = (await host.Get<CourseStore>().FindCohortAsync(DemoData.Vollsmose.Id, CourseDemoSeed.FinishedCohortId, CancellationToken.None))!.Cohort;
        var end = CourseReportCounts.LastDay(finished)!.Value;
        var period = ReportPeriod.Custom(end, end)!;

        var counts = await section.ReadAsync(DemoData.Vollsmose.Id, period, CancellationToken.None);

        var ranInThatMonth = (await host.Get<CourseStore>().CohortsAsync(DemoData.Vollsmose.Id, CancellationToken.None))
            .Where(c => c.Cohort.Plan.Counting.Any(s => period.Contains(s.Date)))
            .Sum(c => c.Cohort.Participants.Count);
        var panel = await host.Get<CourseCompletionService>().CompletionAsync(new PartnerHub.Core.Partners.Actor(DemoData.Coordinator.ObjectId, DemoData.Vollsmose.Id, PartnerHub.Core.Partners.ProjectRole.Coordinator, null), finished.Id, CancellationToken.None);
        Assert.True(ranInThatMonth >= finished.Participants.Count);
        Assert.Equal(ranInThatMonth, Figure(counts, "courseParticipants"));
        Assert.Equal(panel.Participants.Count(p => p.Completed), Figure(counts, "courseCompleted"));
        Assert.True(Figure(counts, "courseCompleted") > 0);
    }

    [Fact]
    public async Task A_period_before_any_cohort_counts_nothing()
    {
        var section = host.Get<IEnumerable<IReportSection>>().Single(s => s.Id == "course");

        var counts = await section.ReadAsync(DemoData.Vollsmose.Id, ReportPeriod.Year(2001), CancellationToken.None);

        Assert.All(counts.Figures.OfType<RawCount>(), figure => Assert.Equal(0, figure.Count));
    }
}
