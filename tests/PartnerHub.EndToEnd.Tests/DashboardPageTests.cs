using Microsoft.Playwright;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The coordinator tab in Chromium, as the local demo serves it (Development on loopback: the demo coordinator), with
/// axe-core (npm, tools/node) as the accessibility referee.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class DashboardPageTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task Coordinator_creates_a_session_in_the_tab_sees_it_listed_and_the_page_passes_axe_in_both_languages()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK" });
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard").ToString());
        Assert.NotNull(response);
        Assert.Contains("frame-ancestors", await response.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);

        await Expect(page.Locator("#demo-banner")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Møder", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "da");
        // The demo data's upcoming supervision is listed.
        await Expect(page.Locator("#upcoming-sessions")).ToContainTextAsync("Supervision: hjemmebesøg i vinterferien");
        await PageChecks.AssertNoAxeViolationsAsync(page, "list-da");

        await page.Locator("#session-new").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nyt møde", Level = 2 })).ToBeVisibleAsync();
        await PageChecks.AssertNoAxeViolationsAsync(page, "form-da");

        // Empty submit: errors beside the fields, nothing created.
        await page.Locator("#session-submit").ClickAsync();
        await Expect(page.Locator("#title-error")).ToHaveTextAsync("Skal udfyldes.");
        await PageChecks.AssertNoAxeViolationsAsync(page, "form-errors-da");

        var title = "Supervision " + Guid.NewGuid().ToString("N")[..6];
        var day = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Mødetype").SelectOptionAsync(nameof(SessionKind.Supervision));
        await page.GetByLabel("Overskrift").FillAsync(title);
        await page.GetByLabel("Dato").FillAsync(day);
        await page.GetByLabel("Starter").FillAsync("10:00");
        await page.GetByLabel("Slutter").FillAsync("11:30");
        await page.GetByLabel("Adele").CheckAsync();
        await page.GetByLabel("Patti").CheckAsync();
        await page.Locator("#session-submit").ClickAsync();

        await Expect(page.Locator("#detail-notice")).ToContainTextAsync("Mødet er oprettet");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("#outlook-status")).ToContainTextAsync("Intet sendes til Outlook");
        await PageChecks.AssertNoAxeViolationsAsync(page, "detail-da");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Artifacts, "dashboard.1-created.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = PageChecks.ScreenshotPath("moeder-da.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Tilbage til møder" }).ClickAsync();
        var row = page.Locator("#upcoming-sessions tr", new() { HasText = title });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToContainTextAsync("Bydelsmødrenes lokale i Vollsmose");

        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sessions", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("#upcoming-sessions tr", new() { HasText = title })).ToContainTextAsync("Planned");
        await PageChecks.AssertNoAxeViolationsAsync(page, "list-en");
        await page.ScreenshotAsync(new() { Path = Path.Combine(RepoPaths.Artifacts, "dashboard.2-english.png"), FullPage = true });
        await page.ScreenshotAsync(new() { Path = PageChecks.ScreenshotPath("moeder-en.png"), FullPage = true });

        // Her switch is remembered (for the bot's cards too): switch back, so the demo coordinator is Danish again.
        await page.Locator("#language-switch").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Møder", Level = 2 })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task An_English_locale_in_the_address_does_not_make_the_Danish_project_English()
    {
        // Teams fills the manifest's ?locale= with its own locale; many Danish municipalities run Teams in English.
        await using var context = await fixture.Browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard?locale=en-us").ToString());

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Møder", Level = 2 })).ToBeVisibleAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "da");
    }
}
