using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Reporting;

public class ReportPeriodTests
{
    [Theory]
    [InlineData(1, "2026-01-01", "2026-03-31")]
    [InlineData(4, "2026-10-01", "2026-12-31")]
    public void A_quarter_is_its_three_whole_months(int quarter, string first, string last)
    {
        var period = ReportPeriod.Quarter(2026, quarter);

        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), period.FirstMonth);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), period.LastDay);
        Assert.Equal(3, period.Months().Count());
    }

    [Fact]
    public void A_year_has_twelve_month_keys_in_order()
    {
        var keys = ReportPeriod.Year(2026).Months().Select(ReportPeriod.MonthKey).ToList();

        Assert.Equal(12, keys.Count);
        Assert.Equal("2026-01", keys[0]);
        Assert.Equal("2026-12", keys[^1]);
    }

    [Fact]
    public void A_custom_period_may_cross_a_year_but_not_run_backwards_or_past_five_years()
    {
        var winter = ReportPeriod.Custom(new DateOnly(2025, 11, 17), new DateOnly(2026, 2, 3));

        Assert.NotNull(winter);
        Assert.Equal(new DateOnly(2025, 11, 1), winter.FirstMonth);
        Assert.Equal(new DateOnly(2026, 2, 28), winter.LastDay);
        Assert.Null(ReportPeriod.Custom(new DateOnly(2026, 3, 1), new DateOnly(2026, 2, 1)));
        Assert.NotNull(ReportPeriod.Custom(new DateOnly(2020, 1, 1), new DateOnly(2024, 12, 1)));
        Assert.Null(ReportPeriod.Custom(new DateOnly(2020, 1, 1), new DateOnly(2025, 1, 1)));
    }

    [Theory]
    [InlineData("2026-Q3")]
    [InlineData("2026")]
    [InlineData("2025-11..2026-02")]
    public void The_text_form_reads_back_to_the_same_period(string text)
    {
        var period = ReportPeriod.Parse(text);

        Assert.NotNull(period);
        Assert.Equal(text, period.ToString());
        Assert.Equal(period, ReportPeriod.Parse(period.ToString()));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("2026-Q5")]
    [InlineData("2026-Q0")]
    [InlineData("1999")]
    [InlineData("２０２６")]
    [InlineData("2026-13..2026-14")]
    [InlineData("2026-03..2026-01")]
    [InlineData("2026-1..2026-3")]
    [InlineData("2026-01..2026-03..2026-05")]
    [InlineData("' or 1 eq 1")]
    [InlineData("2026-01..2099-01")]
    public void Anything_else_is_refused(string? text) => Assert.Null(ReportPeriod.Parse(text));

    [Fact]
    public void Contains_takes_the_first_and_last_day()
    {
        var q = ReportPeriod.Quarter(2026, 2);

        Assert.True(q.Contains(new DateOnly(2026, 4, 1)));
        Assert.True(q.Contains(new DateOnly(2026, 6, 30)));
        Assert.False(q.Contains(new DateOnly(2026, 7, 1)));
        Assert.False(q.Contains(new DateOnly(2026, 3, 31)));
    }
}
