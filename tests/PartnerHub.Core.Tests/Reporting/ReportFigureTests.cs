using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Reporting;

public class ReportFigureTests
{
    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void A_count_under_the_threshold_is_hidden_and_zero_is_shown(int count, bool hidden)
    {
        var figure = ReportFigure.Count("activeMothers", count, SuppressionRule.Default);

        Assert.Equal(hidden, figure.IsSuppressed);
        Assert.Equal(hidden ? null : count, figure.Basis.Count);
    }

    [Fact]
    public void A_median_over_too_few_cases_is_hidden_with_its_basis()
    {
        var hidden = ReportFigure.Of("medianDaysToFirstContact", ReportFigureKind.MedianDays, 3, 6.0, SuppressionRule.Default);
        var shown = ReportFigure.Of("medianDaysToFirstContact", ReportFigureKind.MedianDays, 12, 6.0, SuppressionRule.Default);

        Assert.True(hidden.IsSuppressed);
        Assert.Null(hidden.Value);
        Assert.Equal(6.0, shown.Value);
        Assert.Equal(12, shown.Basis.Count);
    }

    [Fact]
    public void A_rate_over_no_cases_has_no_value()
    {
        var figure = ReportFigure.Of("attendanceRate", ReportFigureKind.Percent, 0, 0.0, SuppressionRule.Default);

        Assert.False(figure.IsSuppressed);
        Assert.Null(figure.Value);
    }
}
