using System.Diagnostics.CodeAnalysis;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Dashboard.Reporting;

/// <summary>
/// The tab's Rapport page in bUnit through the real dashboard host: the real <c>FunderReportService</c> reads the month
/// counters that the real <see cref="ReferralStore"/> wrote. One host for the class, a project per test.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ReportPageTests(RestHostFixture fixture) : IAsyncLifetime, IClassFixture<RestHostFixture>
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

    private IRenderedComponent<PartnerHub.Api.Dashboard.DashboardPage> OpenReport()
    {
        var page = _tab.RenderPage();
        page.WaitForElement("#nav-report").Click();
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
        for (var i = 0; i < count; i++)
        {
            var referral = Referral.Submit(
                ReferralIds.New(),
                staff,
                new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
                need,
                new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 8, 1), "ar", staff.ObjectId),
                new DateTimeOffset(2026, 8, day + i, 9, 0, 0, TimeSpan.Zero));
            await store.CreateAsync(referral, $"seed-{need}-{i}", [], CancellationToken.None);
        }
    }
}
