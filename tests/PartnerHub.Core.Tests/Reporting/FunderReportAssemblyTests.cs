using CsCheck;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Reporting;

public class FunderReportAssemblyTests
{
    private static readonly ReportPeriod Q3 = ReportPeriod.Quarter(2026, 3);
    private static readonly DateTimeOffset MadeAt = new(2026, 10, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Median_of_a_histogram_takes_the_middle_case_or_the_mean_of_the_two_middle_ones()
    {
        Assert.Equal(3, FunderReportAssembly.Median(new Dictionary<int, int> { [1] = 1, [3] = 1, [9] = 1 }));
        Assert.Equal(2, FunderReportAssembly.Median(new Dictionary<int, int> { [1] = 2, [3] = 2 }));
        Assert.Equal(7, FunderReportAssembly.Median(new Dictionary<int, int> { [7] = 40, [0] = 0 }));
        Assert.Null(FunderReportAssembly.Median(new Dictionary<int, int>()));
    }

    [Fact]
    public void One_project_figures_are_suppressed_with_their_basis()
    {
        var report = FunderReportAssembly.Assemble(
            [Project("a", 5, new SectionCounts([new RawCount("referrals", 3), new RawMedianDays("medianDaysToFirstContact", new Dictionary<int, int> { [2] = 4 }), new RawRate("attendanceRate", 9, 12)], []))],
            Q3,
            MadeAt);

        var figures = report.Figures.ToDictionary(f => f.Id);
        Assert.True(figures["referrals"].IsSuppressed);
        Assert.True(figures["medianDaysToFirstContact"].IsSuppressed);
        Assert.Null(figures["medianDaysToFirstContact"].Value);
        Assert.Equal(12, figures["attendanceRate"].Basis.Count);
        Assert.Equal(75, figures["attendanceRate"].Value);
    }

    [Fact]
    public void Projects_are_added_up_first_and_suppressed_once_with_the_strictest_rule()
    {
        var report = FunderReportAssembly.Assemble(
            [
                Project("a", 3, Section(["need.Health", "need.Work"], [3, 0]), new RawMedianDays("medianDaysToFirstContact", new Dictionary<int, int> { [1] = 3 })),
                Project("b", 6, Section(["need.Work", "orgKind.None"], [4, 8]), new RawMedianDays("medianDaysToFirstContact", new Dictionary<int, int> { [9] = 4 })),
            ],
            Q3,
            MadeAt);

        Assert.Equal(6, report.Rule.Threshold);
        Assert.Equal(["a", "b"], report.ProjectIds);
        var table = Assert.Single(report.Tables);
        Assert.Equal(["need.Health", "need.Work", "orgKind.None"], table.RowKeys);
        // 3 (Health) is under 6 and hidden; Work is 0 + 4 = 4, hidden too; 8 shows, and so does the total 15.
        Assert.True(table.Cells[0, 0].IsSuppressed);
        Assert.True(table.Cells[1, 0].IsSuppressed);
        Assert.Equal(8, table.Cells[2, 0].Count);
        Assert.Equal(15, table.Cells.GrandTotal.Count);
        var median = Assert.Single(report.Figures);
        Assert.Equal(7, median.Basis.Count);
        Assert.Equal(9, median.Value);
    }

    [Fact]
    public void A_programme_report_equals_the_report_of_the_summed_counts() =>
        Gen.Select(Gen.Int[0, 12].Array[3], Gen.Int[0, 12].Array[3], Gen.Int[2, 6], Gen.Int[2, 6]).Sample(c =>
        {
            string[] keys = ["need.Health", "need.Work", "need.Language"];
            var combined = FunderReportAssembly.Assemble([Project("a", c.Item3, Section(keys, c.Item1)), Project("b", c.Item4, Section(keys, c.Item2))], Q3, MadeAt);
            var summed = SmallNumberSuppression.Suppress(CountTable.Column(c.Item1.Zip(c.Item2, (x, y) => x + y).ToList()), new SuppressionRule(Math.Max(c.Item3, c.Item4)));
            var table = Assert.Single(combined.Tables).Cells;
            for (var row = 0; row < keys.Length; row++)
            {
                Assert.Equal(summed[row, 0], table[row, 0]);
            }

            Assert.Equal(summed.GrandTotal, table.GrandTotal);
        }, iter: 300, threads: 1);

    private static SectionCounts Section(IReadOnlyList<string> keys, IReadOnlyList<int> counts) =>
        new([], [new RawTable("referralsByNeed", keys, ["count"], CountTable.Column(counts), ReportChart.Bars, CountsMentions: true)]);

    private static ProjectSections Project(string id, int threshold, SectionCounts section, params RawFigure[] figures) =>
        new(id, id.ToUpperInvariant(), new SuppressionRule(threshold), [section with { Figures = [.. section.Figures, .. figures] }]);
}
