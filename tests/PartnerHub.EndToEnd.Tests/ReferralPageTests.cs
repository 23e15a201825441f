using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>The referral form in the Playground's page, filled in through its Adaptive Card renderer and sent like a user would.</summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class ReferralPageTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task Referral_form_in_the_browser()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        await using var page = await PlaygroundPage.OpenAsync(fixture.Browser, playground.BaseAddress, "referral-form");
        await page.ExpectBotAnsweredAsync("conversationUpdate");

        // The page's user is Alex, the coordinator: coordinators may refer too.
        await page.SendAsync(BotTexts.ReferCommand);
        var form = page.Card(BotTexts.ReferralFormTitle);
        await Expect(form).ToHaveCountAsync(1);
        await Expect(PlaygroundPage.TitleOf(form)).ToHaveTextAsync(BotTexts.ReferralFormTitle);

        await CardInputs.FillReferralFormAsync(page, form, "Yasmin");
        await page.ScreenshotAsync("1-filled");

        await PlaygroundPage.ButtonOn(form, BotTexts.ReferralSubmit).ClickAsync();

        // The invoke's answer replaces the form in place with the status card, in the form's language (Danish: "henvis"),
        // not the Playground's en-US locale: every referral button carries the language of the card it sits on.
        var status = page.Card(BotTexts.SubmittedNotice);
        await Expect(status).ToHaveCountAsync(1);
        await Expect(status).ToContainTextAsync(BotTexts.StateSubmitted);
        await Expect(status).ToContainTextAsync("Yasmin");
        await Expect(page.Card(BotTexts.ReferralFormTitle)).ToHaveCountAsync(0);
        await page.ExpectBotAnsweredAsync("invoke");
        await page.ScreenshotAsync("2-status");
    }
}
