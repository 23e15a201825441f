using Microsoft.Playwright;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PartnerHub.EndToEnd.Tests.Infrastructure.PageChecks;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The coordinator's Rapport page in Chromium on the local demo (its referrals, onward referrals, sessions and the
/// mothers' outreach over the last months): by keyboard alone, axe-core clean, screenshots in Danish and English.
/// Reads only: the other tests share the demo project.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class DashboardReportPageTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task The_coordinator_reads_the_demo_years_report_with_charts_by_keyboard_in_danish_and_english()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard").ToString());
        await Expect(page.Locator("#nav-report")).ToBeVisibleAsync();

        await TabToAsync(page, "nav-report");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapport", Level = 2 })).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "report-form");

        // The demo's data lies in the last four months: the whole year holds it (the demo runs in its own year).
        await TabToAsync(page, "report-kind");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#report-kind")).ToHaveValueAsync("Year");
        await Expect(page.Locator("#report-quarter")).ToHaveCountAsync(0);
        await TabToAsync(page, "report-year");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await TabToAsync(page, "report-show");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#report-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-figures")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-legend")).ToBeVisibleAsync();
        await Expect(page.Locator("main svg[role=img]").First).ToBeVisibleAsync();
        Assert.True(await page.Locator("main table").CountAsync() >= 3);
        // The demo's outreach entries are many: the contacts figure is a number, not hidden.
        await Expect(page.Locator("#report-figures")).ToContainTextAsync("Opsøgende kontakter");
        await Expect(page.Locator("#report-downloads")).ToBeVisibleAsync();
        // The threshold is hers to set, below the report (not changed here: the other tests read the same demo).
        await Expect(page.Locator("#report-threshold")).ToHaveValueAsync("5");
        await AssertNoAxeViolationsAsync(page, "report-year-da");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("rapport-da.png"), FullPage = true });

        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Report", Level = 2 })).ToBeVisibleAsync();
        await TabToAsync(page, "report-show");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#report-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-legend")).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "report-year-en");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("rapport-en.png"), FullPage = true });
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Rapport", Level = 2 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_programme_lead_reads_her_programmes_report_by_keyboard_in_danish_and_english()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard?as=lead").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programmets rapport", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#demo-banner")).ToContainTextAsync("Miriam");
        // Her one page: no project's workspace, no threshold (each project sets its own).
        await Expect(page.Locator("#page-nav fluent-button")).ToHaveCountAsync(1);
        await Expect(page.Locator("#report-settings")).ToHaveCountAsync(0);

        await TabToAsync(page, "report-kind");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#report-kind")).ToHaveValueAsync("Year");
        await TabToAsync(page, "report-year");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await TabToAsync(page, "report-show");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#report-title")).ToBeVisibleAsync();
        await Expect(page.Locator("#report-figures")).ToContainTextAsync("Opsøgende kontakter");
        await Expect(page.Locator("main svg[role=img]").First).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "programme-da");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("programme-da.png"), FullPage = true });

        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programme report", Level = 2 })).ToBeVisibleAsync();
        await TabToAsync(page, "report-show");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#report-legend")).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "programme-en");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("programme-en.png"), FullPage = true });
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Programmets rapport", Level = 2 })).ToBeVisibleAsync();
    }
}
