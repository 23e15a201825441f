using System.Diagnostics.CodeAnalysis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Tests.Reporting;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Reporting;

/// <summary>
/// The tab's Rapport page in bUnit through the real dashboard host: the real <c>FunderReportService</c> reads the month
/// counters that the real <see cref="ReferralStore"/> wrote. On the <see cref="SharedTabHost"/>, a project per test.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class ReportPageTests(SharedTabHost fixture) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(fixture.Host);

    public async Task InitializeAsync()
    {
        // The page asks its IServiceProvider for the report service; bUnit hands components its own container, which
        // does not look in the fallback, so the host's real instance is put there as it is.
        _tab.Context.Services.AddSingleton(fixture.Host.Services.GetRequiredService<IFunderReports>());
        await _tab.SeedAsync();
        // August 2026: seven referrals for health, two for language (hidden: under 5).
        await ReferAsync(NeedCategories.Health, 7, day: 3);
        await ReferAsync(NeedCategories.Language, 2, day: 20);
    }

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Fact]
    public void The_coordinator_picks_chosen_months_and_reads_the_figures_from_the_counters_with_small_cells_hidden()
    {
        var page = OpenReport();

        PickMonths(page, "2026-07", "2026-09");

        page.WaitForAssertion(() => Assert.Equal("9", page.Find("tr[data-figure='referrals'] td").TextContent.Trim()));
        Assert.Equal("Rapport", page.Find("h2#report-heading").TextContent);
        Assert.Contains("2026", page.Find("#report-title").TextContent, StringComparison.Ordinal);
        var byNeed = page.Find("#report-referralsByNeed");
        // The two language referrals leave only as hidden (and the seven for health with them, or 9 - 7 would tell):
        // marked, with no 2 anywhere in the table.
        Assert.NotEmpty(byNeed.QuerySelectorAll("td[data-hidden='true']"));
        Assert.DoesNotContain(byNeed.QuerySelectorAll("td"), td => td.TextContent.Trim() == "2");
        Assert.Contains("skjult", byNeed.TextContent, StringComparison.Ordinal);
        Assert.Contains("Under 5", page.Find("#report-legend").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quarter_without_data_shows_no_referrals_and_nothing_from_august()
    {
        var page = OpenReport();

        page.Find("#report-kind").Change("Quarter");
        page.Find("#report-year").Change("2026");
        page.Find("#report-quarter").Change("2");
        page.Find("#report-period").Submit();

        // The page opens on the last whole quarter (the third, with August's nine); the second has none of them.
        page.WaitForAssertion(() => Assert.NotEqual("9", page.Find("tr[data-figure='referrals'] td").TextContent.Trim()));
        Assert.Contains("2026", page.Find("#report-title").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_year_in_English_reads_as_the_English_report()
    {
        await _tab.ChooseLanguageAsync("en");
        var page = OpenReport();

        page.Find("#report-kind").Change("Year");
        page.Find("#report-year").Change("2026");
        page.Find("#report-period").Submit();

        page.WaitForAssertion(() => Assert.Equal("9", page.Find("tr[data-figure='referrals'] td").TextContent.Trim()));
        Assert.Equal("Report", page.Find("h2#report-heading").TextContent);
        Assert.Contains("Show report", page.Find("#report-show").TextContent, StringComparison.Ordinal);
        Assert.Contains("hidden", page.Find("#report-referralsByNeed").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("skjult", page.Markup, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TabScenario.MotherId)]
    [InlineData(TabScenario.PartnerId)]
    public void A_mother_or_partner_has_no_way_to_the_report(string objectId)
    {
        _tab.Teams.Token = fixture.Host.TokenFor(objectId);

        var page = _tab.RenderPage();

        page.WaitForElement("#page-nav");
        Assert.Empty(page.FindAll("#nav-report"));
        Assert.Empty(page.FindAll("#report-heading"));
        Assert.DoesNotContain("tr[data-figure]", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_coordinator_raises_the_threshold_and_the_report_is_read_again_under_it()
    {
        var page = OpenReport();
        PickMonths(page, "2026-07", "2026-09");
        page.WaitForAssertion(() => Assert.Equal("9", page.Find("tr[data-figure='referrals'] td").TextContent.Trim()));
        Assert.Equal("5", page.Find("#report-threshold").GetAttribute("value"));

        page.Find("#report-threshold").Change("10");
        page.Find("#report-threshold-form").Submit();

        // Nine is now under the limit: the total itself leaves only as "<10".
        page.WaitForAssertion(() => Assert.Equal("<10", page.Find("tr[data-figure='referrals'] td").TextContent.Trim()));
        Assert.Contains("10", page.Find("#report-threshold-notice").TextContent, StringComparison.Ordinal);
        Assert.Contains("Under 10", page.Find("#report-legend").TextContent, StringComparison.Ordinal);
        var stored = await fixture.Host.Services.GetRequiredService<ReportSettingsStore>().ReadAsync(_tab.ProjectId, CancellationToken.None);
        Assert.Equal(10, stored.Rule.Threshold);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("101")]
    [InlineData("fem")]
    [InlineData("")]
    public async Task A_threshold_outside_the_range_is_refused_beside_the_field_and_nothing_is_stored(string typed)
    {
        var page = OpenReport();
        page.WaitForAssertion(() => Assert.Equal("5", page.Find("#report-threshold").GetAttribute("value")));

        page.Find("#report-threshold").Change(typed);
        page.Find("#report-threshold-form").Submit();

        page.WaitForElement("#report-threshold-error");
        Assert.Equal("true", page.Find("#report-threshold").GetAttribute("aria-invalid"));
        Assert.Contains("report-threshold-error", page.Find("#report-threshold").GetAttribute("aria-describedby"), StringComparison.Ordinal);
        var stored = await fixture.Host.Services.GetRequiredService<ReportSettingsStore>().ReadAsync(_tab.ProjectId, CancellationToken.None);
        Assert.Null(stored.ETag);
    }

    [Fact]
    public async Task A_threshold_changed_meanwhile_is_a_lost_race_showing_the_stored_one()
    {
        var page = OpenReport();
        page.WaitForAssertion(() => Assert.Equal("5", page.Find("#report-threshold").GetAttribute("value")));
        var settings = fixture.Host.Services.GetRequiredService<ReportSettingsService>();
        var other = await settings.ChangeAsync(_tab.Coordinator, 6, null, CancellationToken.None);
        Assert.Equal(ThresholdOutcome.Saved, other.Outcome);

        page.Find("#report-threshold").Change("8");
        page.Find("#report-threshold-form").Submit();

        page.WaitForAssertion(() => Assert.Equal("6", page.Find("#report-threshold").GetAttribute("value")));
        Assert.Contains("anden", page.Find("#report-threshold-notice").TextContent, StringComparison.Ordinal);
        Assert.Equal(6, (await settings.ReadAsync(_tab.Coordinator, CancellationToken.None))!.Rule.Threshold);
    }

    [Fact]
    public async Task A_programme_lead_who_is_no_member_sees_only_the_programme_report_without_the_threshold()
    {
        var leads = fixture.Host.Services.GetRequiredService<ProgrammeLeadStore>();
        var leadId = Guid.NewGuid().ToString();
        await leads.WriteAsync(new ProgrammeLead(RestHost.TenantId, leadId, "Miriam", [_tab.ProjectId]), null, "test", CancellationToken.None);
        _tab.Teams.Token = fixture.Host.TokenFor(leadId);

        var page = _tab.RenderPage();
        page.WaitForElement("#report-period");
        PickMonths(page, "2026-07", "2026-09");

        page.WaitForAssertion(() => Assert.Equal("9", page.Find("tr[data-figure='referrals'] td").TextContent.Trim()));
        Assert.Equal("Programmets rapport", page.Find("h2#report-heading").TextContent);
        Assert.Equal(["nav-programme"], page.FindAll("#page-nav fluent-button").Select(b => b.Id));
        Assert.Empty(page.FindAll("#report-settings"));
        Assert.Empty(page.FindAll("#project-switch"));
        Assert.DoesNotContain("Amina", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_programme_lead_whose_projects_are_withdrawn_reads_no_report_at_the_next_read()
    {
        var leads = fixture.Host.Services.GetRequiredService<ProgrammeLeadStore>();
        var leadId = Guid.NewGuid().ToString();
        var appointed = await leads.WriteAsync(new ProgrammeLead(RestHost.TenantId, leadId, "Miriam", [_tab.ProjectId]), null, "test", CancellationToken.None);
        _tab.Teams.Token = fixture.Host.TokenFor(leadId);
        var page = _tab.RenderPage();
        page.WaitForElement("tr[data-figure='referrals']");

        // Another municipality's project only: none of it may be read.
        await leads.WriteAsync(appointed!.Lead with { ProjectIds = ["not-hers"] }, appointed.ETag, "test", CancellationToken.None);
        page.Find("#report-period").Submit();

        page.WaitForElement("#report-error");
        Assert.Empty(page.FindAll("tr[data-figure]"));
    }

    [Fact]
    public void Someone_neither_member_nor_programme_lead_gets_no_report()
    {
        _tab.Teams.Token = fixture.Host.TokenFor(Guid.NewGuid().ToString());

        var page = _tab.RenderPage();

        page.WaitForElement("#access-message");
        Assert.Empty(page.FindAll("#report-heading"));
        Assert.Empty(page.FindAll("#page-nav"));
    }

    private IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> OpenReport()
    {
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-report");
        // The class's tests share one host and one coordinator, so she coordinates every test's project: this test's
        // is chosen, as she would in the switch.
        if (page.FindAll("#project-select").Count > 0)
        {
            page.Find("#project-select").Change(_tab.ProjectId);
        }

        page.Find("#nav-report").Click();
        page.WaitForElement("#report-period");
        return page;
    }

    private static void PickMonths(IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> page, string from, string to)
    {
        page.Find("#report-kind").Change("Custom");
        page.WaitForElement("#report-from").Change(from);
        page.Find("#report-to").Change(to);
        page.Find("#report-period").Submit();
    }

    private async Task ReferAsync(NeedCategories need, int count, int day)
    {
        var store = fixture.Host.Services.GetRequiredService<ReferralStore>();
        var staff = new Actor(TabScenario.PartnerId, _tab.ProjectId, ProjectRole.PartnerStaff, "solsikken");
        await ReportSeeds.ReferAsync(store, staff, need, count, day, $"seed-{need}");
    }
}
