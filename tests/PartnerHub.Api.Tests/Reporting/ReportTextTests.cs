using PartnerHub.Api.Reporting;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Reporting;

public sealed class ReportTextTests
{
    private static readonly ReportTexts Texts = new();

    [Theory]
    [InlineData("da")]
    [InlineData("en")]
    public void Every_table_figure_and_key_of_the_report_has_a_label(string language)
    {
        var text = Texts.For(language);
        var report = ReportSamples.Typical(period: ReportPeriod.Year(2026));

        Assert.All(report.Tables, table => Assert.True(text.All.ContainsKey("tables." + table.Id), table.Id));
        Assert.All(report.Figures, figure => Assert.True(text.All.ContainsKey("figures." + figure.Id), figure.Id));
        Assert.All(report.Tables.SelectMany(t => t.RowKeys.Concat(t.ColumnKeys)), key => Assert.NotNull(text.TryKey(key)));
        Assert.Equal(Texts.For("da").All.Keys.Order(), Texts.For("en").All.Keys.Order());
    }

    [Fact]
    public void Unknown_keys_have_no_label_and_show_as_themselves()
    {
        var text = Texts.For("da");

        Assert.Null(text.TryKey("need.Astrology"));
        Assert.Null(text.TryKey("topic.no-such-theme"));
        Assert.Null(text.TryKey("month.2026-13"));
        Assert.Equal("need.Astrology", text.Key("need.Astrology"));
    }

    [Theory]
    [InlineData("da", "2026-Q3", "3. kvartal 2026")]
    [InlineData("en", "2026-Q3", "Q3 2026")]
    [InlineData("da", "2026", "2026")]
    [InlineData("da", "2026-01..2026-06", "januar–juni 2026")]
    [InlineData("en", "2026-01..2026-06", "January–June 2026")]
    [InlineData("da", "2026-11..2027-02", "november 2026–februar 2027")]
    [InlineData("da", "2026-03..2026-03", "marts 2026")]
    public void The_period_reads_as_people_say_it(string language, string period, string expected)
    {
        Assert.Equal(expected, Texts.For(language).Period(ReportPeriod.Parse(period)!));
    }

    [Fact]
    public void Months_are_named_in_the_readers_language()
    {
        Assert.Equal("oktober 2026", Texts.For("da").Key("month.2026-10"));
        Assert.Equal("October 2026", Texts.For("en").Key("month.2026-10"));
    }

    [Fact]
    public void A_hidden_cell_is_the_one_mark_and_a_hidden_single_figure_says_under_the_threshold()
    {
        var rule = new SuppressionRule(5);
        var da = Texts.For("da");

        Assert.Equal("–", da.Cell(ReportCell.Suppressed));
        Assert.Equal("1.234", da.Cell(ReportCell.Shown(1234)));
        Assert.Equal("Under 5, eller skjult så et tal under 5 ikke kan regnes ud", da.Legend(5));
        Assert.Equal("Under 5, or hidden so that a number under 5 cannot be worked out", Texts.For("en").Legend(5));
        Assert.Equal(da["legend"], da.Legend(5));
        Assert.Equal("<5", da.Figure(ReportFigure.Count("referrals", 3, rule), 5));
        Assert.Equal("<7", da.Figure(ReportFigure.Count("referrals", 3, new SuppressionRule(7)), 7));
        Assert.Equal("0", da.Figure(ReportFigure.Count("referrals", 0, rule), 5));
    }

    [Fact]
    public void Medians_and_rates_read_with_their_unit_and_hide_with_their_basis()
    {
        var rule = new SuppressionRule(5);
        var da = Texts.For("da");
        var en = Texts.For("en");

        Assert.Equal("4,5 dage", da.Figure(ReportFigure.Of("medianDaysToFirstContact", ReportFigureKind.MedianDays, 12, 4.5, rule), 5));
        Assert.Equal("4.5 days", en.Figure(ReportFigure.Of("medianDaysToFirstContact", ReportFigureKind.MedianDays, 12, 4.5, rule), 5));
        Assert.Equal("1 dag", da.Figure(ReportFigure.Of("medianDaysToFirstContact", ReportFigureKind.MedianDays, 12, 1, rule), 5));
        Assert.Equal("82 %", da.Figure(ReportFigure.Of("attendanceRate", ReportFigureKind.Percent, 40, 82.4, rule), 5));
        Assert.Equal("82%", en.Figure(ReportFigure.Of("attendanceRate", ReportFigureKind.Percent, 40, 82.4, rule), 5));
        Assert.Equal("Skjult (færre end 5 forløb)", da.Figure(ReportFigure.Of("attendanceRate", ReportFigureKind.Percent, 3, 66.7, rule), 5));
        Assert.Equal("Intet at måle", da.Figure(ReportFigure.Of("attendanceRate", ReportFigureKind.Percent, 0, null, rule), 5));
    }
}
