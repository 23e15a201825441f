using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Demo;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;
using static PartnerHub.EndToEnd.Tests.Infrastructure.PageChecks;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// The tab for a kindergarten teacher (<c>?as=partner</c>: Megan) and a neighbourhood mother (<c>?as=mother</c>: Adele)
/// in Chromium on the local demo, at a phone's width (375 × 740), by keyboard alone, with axe-core at every step and
/// screenshots in Danish and English. Only the mother's one outreach entry is stored: the other tests share the demo project.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class DashboardPartnerViewsTests(TeamsEmulatorFixture fixture)
{
    private static readonly ViewportSize Phone = new() { Width = 375, Height = 740 };

    [Fact]
    public async Task The_kindergarten_teacher_sees_her_referrals_and_the_form_with_errors_beside_fields_at_phone_width_by_keyboard()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = Phone, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard?as=partner").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mine henvisninger", Level = 2 })).ToBeVisibleAsync();
            await Expect(page.Locator("#partner-list > li").First).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("#nav-sessions").CountAsync());
            await AssertPhoneUsableAsync(page, "partner-list");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("partner-da.png"), FullPage = true });

            await TabToAsync(page, "nav-partner-form");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Henvis en kvinde til Bydelsmødrene", Level = 2 })).ToBeVisibleAsync();
            await TabToAsync(page, "referral-firstName");
            await page.Keyboard.TypeAsync("Amina 2");
            await TabToAsync(page, "referral-language-0");
            await page.Keyboard.PressAsync("ArrowDown");
            // Sent without area, channel, needs and consent: every error beside its field, nothing stored.
            await TabToAsync(page, "referral-submit");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#referral-error-summary")).ToBeVisibleAsync();
            await Expect(page.Locator("#referral-firstName-error")).ToHaveTextAsync("Skriv kun fornavn eller initialer – bogstaver, ingen tal.");
            await Expect(page.Locator("#referral-firstName")).ToHaveAttributeAsync("aria-invalid", "true");
            await AssertPhoneUsableAsync(page, "partner-form-errors");

            await TabToAsync(page, "language-switch");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Refer a woman to the Neighbourhood Mothers", Level = 2 })).ToBeVisibleAsync();
            await Expect(page.Locator("#referral-firstName-error")).ToHaveTextAsync("Enter only a first name or initials – letters, no digits.");
            await AssertPhoneUsableAsync(page, "partner-form-en");
            await TabToAsync(page, "nav-partner-referrals");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My referrals", Level = 2 })).ToBeVisibleAsync();
            await Expect(page.Locator("#partner-list > li").First).ToBeVisibleAsync();
            await AssertPhoneUsableAsync(page, "partner-list-en");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("partner-en.png"), FullPage = true });
        }
        finally
        {
            await DanishAgainAsync(DemoData.KindergartenStaff.ObjectId);
        }
    }

    [Fact]
    public async Task The_neighbourhood_mother_sees_her_women_logs_a_contact_and_opens_the_outcome_by_keyboard_at_phone_width()
    {
        await using var context = await fixture.Browser.NewContextAsync(new() { Locale = "da-DK", ViewportSize = Phone, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        try
        {
            await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "dashboard?as=mother").ToString());
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Mine kvinder", Level = 2 })).ToBeVisibleAsync();
            var first = page.Locator("#mother-list > li").First;
            await Expect(first).ToBeVisibleAsync();
            Assert.Equal(0, await page.Locator("#nav-sessions").CountAsync());
            await AssertPhoneUsableAsync(page, "mother-list");

            // Her outreach log: a phone call with two women, in a few key presses (one entry more in the demo's log).
            // A radio group is one Tab stop (at the chosen kind, home visit); the arrow keys choose within it.
            await TabToAsync(page, "outreach-kind-HomeVisit");
            await page.Keyboard.PressAsync("ArrowDown");
            await page.Keyboard.PressAsync("ArrowDown");
            await Expect(page.Locator("#outreach-kind-Phone")).ToBeCheckedAsync();
            await TabToAsync(page, "outreach-women-more");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#outreach-women")).ToHaveValueAsync("2");
            await TabToAsync(page, "outreach-submit");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator("#outreach-status")).ToContainTextAsync("Logget");
            await AssertPhoneUsableAsync(page, "mother-outreach-logged");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("mother-da.png"), FullPage = true });

            // The close panel opens and closes again by keyboard; nothing is sent, so the demo's referrals stay as they are.
            var id = await page.Locator("#mother-list > li:has([id^=close-])").First.GetAttributeAsync("data-referral-id");
            await TabToAsync(page, "close-" + id);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator($"#outcome-{id}")).ToBeVisibleAsync();
            await AssertPhoneUsableAsync(page, "mother-close-panel");
            await TabToAsync(page, "close-cancel-" + id);
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.Locator($"#outcome-{id}")).ToHaveCountAsync(0);

            await TabToAsync(page, "language-switch");
            await page.Keyboard.PressAsync("Enter");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "My women", Level = 2 })).ToBeVisibleAsync();
            await Expect(page.Locator("#mother-list > li").First).ToBeVisibleAsync();
            await AssertPhoneUsableAsync(page, "mother-list-en");
            await page.ScreenshotAsync(new() { Path = ScreenshotPath("mother-en.png"), FullPage = true });
        }
        finally
        {
            await DanishAgainAsync(DemoData.MotherAdele.ObjectId);
        }
    }

    /// <summary>axe-core clean, no horizontal scroll at the phone's width, and every button and field at least 44 px high.</summary>
    private static async Task AssertPhoneUsableAsync(IPage page, string step)
    {
        await AssertNoAxeViolationsAsync(page, step);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"horizontal scroll at {step}");
        var small = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main fluent-button, main button, main select, main input:not([type=radio]):not([type=checkbox]), main textarea, main .ph-check, main summary, main a[data-field=phone]')]" +
            ".filter(e => e.offsetParent !== null && e.getBoundingClientRect().height < 44).map(e => e.id || e.tagName)");
        Assert.True(small.Length == 0, $"touch targets under 44 px at {step}: {string.Join(", ", small)}");
    }

    /// <summary>The language switch is remembered for the demo person: the other tests expect her cards in Danish.</summary>
    private Task DanishAgainAsync(string objectId) =>
        fixture.Api.Services.GetRequiredService<LanguageResolver>().RememberForMemberAsync(DemoData.Vollsmose.Id, objectId, "da", CancellationToken.None);
}
