using Bunit;
using PartnerHub.Api.Dashboard.Reporting;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Tests.Reporting;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Dashboard.Reporting;

/// <summary>The Rapport page's report part in bUnit: no host needed, it only shows a report it is given.</summary>
public sealed class ReportContentTests : IDisposable
{
    private static readonly ReportTexts Texts = new();
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    [Theory]
    [InlineData("da")]
    [InlineData("en")]
    public void Each_table_is_an_accessible_table_with_every_cell_as_in_the_report(string language)
    {
        var report = ReportSamples.Typical();
        var text = Texts.For(language);
        var page = _context.Render<ReportContent>(p => p.Add(c => c.Report, report).Add(c => c.Text, text));

        foreach (var table in report.Tables)
        {
            var html = page.Find($"#report-{table.Id}");
            Assert.Equal(text.TableTitle(table.Id), html.QuerySelector("caption")!.TextContent);
            Assert.All(html.QuerySelectorAll("thead th"), th => Assert.Equal("col", th.GetAttribute("scope")));
            Assert.All(html.QuerySelectorAll("tbody th, tfoot th"), th => Assert.Equal("row", th.GetAttribute("scope")));
            var expected = ReportExportsTests.Grid(table, text);
            var rows = html.QuerySelectorAll("tr").Select(tr => tr.Children.Select(cell =>
                cell.GetAttribute("data-hidden") == "true" ? cell.QuerySelector("[aria-hidden=true]")!.TextContent : cell.TextContent).ToList()).ToList();
            Assert.Equal(expected, rows);
        }
    }

    [Fact]
    public void Charts_are_inline_svg_images_with_a_title_and_the_legend_and_hidden_figure_are_shown()
    {
        var report = ReportSamples.Typical();
        var text = Texts.For("da");
        var page = _context.Render<ReportContent>(p => p.Add(c => c.Report, report).Add(c => c.Text, text));

        var charts = page.FindAll("figure[data-chart] svg");
        Assert.Equal(report.Tables.Count(t => t.Chart != ReportChart.None), charts.Count);
        Assert.All(charts, svg => Assert.Equal("img", svg.GetAttribute("role")));
        Assert.All(charts, svg => Assert.NotNull(page.Find("#" + svg.GetAttribute("aria-labelledby"))));
        Assert.Contains("Under 5, eller skjult så et tal under 5 ikke kan regnes ud", page.Find("#report-legend").TextContent, StringComparison.Ordinal);
        Assert.Equal("<5", page.Find("tr[data-figure='activeMothers'] td").TextContent);
        Assert.Equal("skjult", page.Find("td[data-hidden] .ph-visually-hidden").TextContent);
    }

    [Theory]
    [InlineData(2026, 11, 2026, 3)]
    [InlineData(2026, 2, 2025, 4)]
    public void The_period_picker_starts_at_the_last_whole_quarter(int year, int month, int expectedYear, int expectedQuarter)
    {
        var form = new ReportPeriodForm();
        form.StartAt(new DateOnly(year, month, 15));

        Assert.Equal(ReportPeriod.Quarter(expectedYear, expectedQuarter), form.Period());
        form.Kind = ReportPeriodKind.Custom;
        Assert.Equal(ReportPeriod.Quarter(expectedYear, expectedQuarter).Months().First(), form.Period()!.FirstMonth);
        form.To = "1999-01";
        Assert.Null(form.Period());
    }
}
