using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Reporting;

public class ProgrammeReportTests
{
    [Fact]
    public void Projects_are_added_up_first_and_the_strictest_threshold_decides()
    {
        // Alone, project B (threshold 3) would show its 3; in the programme view project A's threshold 5 applies.
        var projectA = (new CountTable(new[,] { { 2, 10 } }), new SuppressionRule(5));
        var projectB = (new CountTable(new[,] { { 1, 10 } }), new SuppressionRule(3));

        var published = ProgrammeReport.Combine([projectA, projectB]);

        Assert.Equal(5, published.Threshold);
        Assert.True(published[0, 0].IsSuppressed);
        Assert.True(published[0, 1].IsSuppressed);
        Assert.Equal(23, published.GrandTotal.Count);
    }

    [Fact]
    public void Small_counts_that_add_up_past_the_threshold_are_shown_in_the_sum()
    {
        var projectA = (CountTable.Column([2, 6]), new SuppressionRule(5));
        var projectB = (CountTable.Column([3, 6]), new SuppressionRule(5));

        var published = ProgrammeReport.Combine([projectA, projectB]);

        Assert.Equal(5, published[0, 0].Count);
        Assert.Equal(12, published[1, 0].Count);
        Assert.Equal(17, published.GrandTotal.Count);
    }

    [Fact]
    public void Tables_of_different_shapes_or_no_projects_are_refused()
    {
        var wide = (new CountTable(new[,] { { 1, 2 } }), SuppressionRule.Default);
        var tall = (CountTable.Column([1, 2]), SuppressionRule.Default);

        Assert.Throws<ArgumentException>(() => ProgrammeReport.Combine([wide, tall]));
        Assert.Throws<ArgumentException>(() => ProgrammeReport.Combine([]));
    }

    [Fact]
    public void The_strictest_rule_is_the_highest_threshold()
    {
        var rule = SuppressionRule.Strictest([new SuppressionRule(3), new SuppressionRule(10), SuppressionRule.Default]);

        Assert.Equal(10, rule.Threshold);
    }
}
