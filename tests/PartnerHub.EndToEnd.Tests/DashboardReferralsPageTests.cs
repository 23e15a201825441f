using Microsoft.Playwright;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PartnerHub.EndToEnd.Tests.Infrastructure.PageChecks;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The tab's Henvisninger and Partnere pages in Chromium on the local demo (the demo's referrals and directory in
/// Vollsmose), operated by keyboard alone where she acts, with axe-core as the accessibility referee at every step.
/// Saves the pages' screenshots in Danish and English to artifacts/screenshots.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class DashboardReferralsPageTests(TeamsEmulatorFixture fixture)
{
    /// <summary>The demo's accepted referral (Core's demo seed): nobody is assigned yet.</summary>
    private const string AcceptedReferral = "m2bxdemoaccepted";

    [Fact]
    public async Task Coordinator_filters_the_board_opens_a_referral_and_assigns_it_by_keyboard_only_and_both_pages_pass_axe()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard").ToString());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Møder", Level = 2 })).ToBeVisibleAsync();

        await TabToAsync(page, "nav-referrals");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Henvisninger", Level = 2 })).ToBeVisibleAsync();
        var board = page.Locator("#referral-board");
        await Expect(board.Locator("#column-Submitted h3")).ToContainTextAsync("Modtaget (");
        await Expect(board.Locator($"li[data-referral-id='{AcceptedReferral}']")).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "referrals-board");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("henvisninger-da.png"), FullPage = true });

        // Filter by need: the native select with its label.
        await page.GetByLabel("Behov").SelectOptionAsync("Language");
        // The demo's accepted referral needs Danish; Amina's (children, network) is filtered away.
        await Expect(board.Locator("li[data-referral-id='q7ktdemosubmittd']")).ToHaveCountAsync(0);
        await Expect(board.Locator($"li[data-referral-id='{AcceptedReferral}']")).ToBeVisibleAsync();
        await Expect(page.Locator("#filter-count")).ToContainTextAsync("Viser ");
        await AssertNoAxeViolationsAsync(page, "referrals-filtered");
        await TabToAsync(page, "filter-clear");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByLabel("Behov")).ToHaveValueAsync(string.Empty);

        // Open the accepted referral: the focus goes to its heading.
        await TabToAsync(page, "open-" + AcceptedReferral);
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#referral-heading")).ToBeFocusedAsync();
        await Expect(page.Locator("#referral-state")).ToHaveTextAsync("Accepteret");
        await AssertNoAxeViolationsAsync(page, "referral-open");

        // Assign by keyboard: the select's first mother (the one with fewest ongoing), then the button.
        await TabToAsync(page, "assign-mother");
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(page.Locator("#assign-mother")).Not.ToHaveValueAsync(string.Empty);
        await TabToAsync(page, "assign-submit");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#referral-notice")).ToContainTextAsync("Bydelsmoren har fået henvisningen");
        await Expect(page.Locator("#referral-state")).ToHaveTextAsync("Tildelt en bydelsmor");
        await AssertNoAxeViolationsAsync(page, "referral-assigned");

        // Back to the board, where the card she opened has the focus again.
        await TabToAsync(page, "referral-close");
        await page.Keyboard.PressAsync("Enter");
        await Expect(board.Locator($"#column-Assigned li[data-referral-id='{AcceptedReferral}']")).ToBeVisibleAsync();

        await TabToAsync(page, "nav-partners");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partnere", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#partner-people")).ToContainTextAsync("Bydelsmor");
        await AssertNoAxeViolationsAsync(page, "partners");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("partnere-da.png"), FullPage = true });

        await TabToAsync(page, "organisation-add");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#organisation-form-heading")).ToBeFocusedAsync();
        await AssertNoAxeViolationsAsync(page, "partners-organisation-form");
        await TabToAsync(page, "organisation-cancel");
        await page.Keyboard.PressAsync("Enter");

        // English, then back to Danish, so the demo coordinator's choice is as the other tests expect it.
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Partners", Level = 2 })).ToBeVisibleAsync();
        await AssertNoAxeViolationsAsync(page, "partners-en");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("partnere-en.png"), FullPage = true });
        await page.Locator("#nav-referrals").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Referrals", Level = 2 })).ToBeVisibleAsync();
        await Expect(board.Locator("#column-Submitted h3")).ToContainTextAsync("Received (");
        await AssertNoAxeViolationsAsync(page, "referrals-en");
        await page.ScreenshotAsync(new() { Path = ScreenshotPath("henvisninger-en.png"), FullPage = true });
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Henvisninger", Level = 2 })).ToBeVisibleAsync();
    }
}
