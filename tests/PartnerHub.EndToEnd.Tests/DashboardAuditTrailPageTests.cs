using Microsoft.Playwright;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PartnerHub.EndToEnd.Tests.Infrastructure.PageChecks;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The coordinator's Revisionsspor page in Chromium on the local demo: reached and filtered by keyboard alone, axe-core
/// clean in Danish and English, screenshots saved. Reads only (its own looks are audited, which the next read shows).
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class DashboardAuditTrailPageTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task The_coordinator_reads_and_filters_the_audit_trail_by_keyboard_in_danish_and_english()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard").ToString());
        await Expect(page.Locator("#nav-audit")).ToBeVisibleAsync();

        await TabToAsync(page, "nav-audit");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revisionsspor", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#audit-count")).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "audit-opened");

        // Shown again: her first look is in the trail now, in plain words.
        await TabToAsync(page, "audit-show");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#audit-table tr[data-action='ViewAuditTrail']").First).ToBeVisibleAsync();
        await Expect(page.Locator("#audit-table")).ToContainTextAsync("Så revisionssporet");
        await AssertNoAxeViolationsAsync(page, "audit-table-da");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("revisionsspor-da.png"), FullPage = true });

        // A period the wrong way round: the error beside the field, nothing read.
        // The date fields are reached by keyboard; their value is set as the browser's date picker would (how it splits
        // typed digits into day, month and year follows the machine's locale, not the page's).
        await TabToAsync(page, "audit-from");
        await page.Locator("#audit-from").FillAsync("2026-12-31");
        await TabToAsync(page, "audit-to");
        await page.Locator("#audit-to").FillAsync("2026-01-01");
        await TabToAsync(page, "audit-show");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#audit-to-error")).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "audit-error-da");

        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Audit trail", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#audit-table")).ToContainTextAsync("Viewed the audit trail");
        await AssertNoAxeViolationsAsync(page, "audit-table-en");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("revisionsspor-en.png"), FullPage = true });
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Revisionsspor", Level = 2 })).ToBeVisibleAsync();
    }
}
