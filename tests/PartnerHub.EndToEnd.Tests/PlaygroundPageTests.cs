using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>The bot through the Agents Playground's own web page, clicked like a user would.</summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class PlaygroundPageTests(TeamsEmulatorFixture fixture)
{
    [Fact]
    public async Task Help_card_renders_and_its_button_updates_the_card()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        await using var page = await PlaygroundPage.OpenAsync(fixture.Browser, playground.BaseAddress, "help-card");
        await page.ExpectBotAnsweredAsync("conversationUpdate");

        await page.SendAsync("hjælp");

        var danish = page.Card(BotTexts.HelpTitleDanish);
        await Expect(danish).ToHaveCountAsync(1);
        await Expect(PlaygroundPage.TitleOf(danish)).ToHaveTextAsync(BotTexts.HelpTitleDanish);
        await page.ScreenshotAsync("1-danish");

        await PlaygroundPage.ButtonOn(danish, BotTexts.ShowInEnglish).ClickAsync();

        var english = page.Card(BotTexts.HelpTitleEnglish);
        await Expect(english).ToHaveCountAsync(1);
        await Expect(PlaygroundPage.TitleOf(english)).ToHaveTextAsync(BotTexts.HelpTitleEnglish);
        await Expect(PlaygroundPage.ButtonOn(english, BotTexts.ShowInDanish)).ToBeVisibleAsync();
        // Teams replaces the card in place with the invoke's answer; a second message would be a different behaviour.
        await Expect(page.Card(BotTexts.HelpTitleDanish)).ToHaveCountAsync(0);
        await page.ScreenshotAsync("2-english");

        // The choice is remembered for Alex in the API all tests share: choose Danish again, so later tests see his default.
        await page.ClickAndAwaitInvokeAsync(PlaygroundPage.ButtonOn(english, BotTexts.ShowInDanish));
        await Expect(page.Card(BotTexts.HelpTitleDanish)).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Welcome_card_shows_once_after_install_and_not_again_on_reload()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        await using var page = await PlaygroundPage.OpenAsync(fixture.Browser, playground.BaseAddress, "welcome");

        // On load the page installs the app: installationUpdate and conversationUpdate, sent together.
        await page.ExpectBotAnsweredAsync("installationUpdate");
        await page.ExpectBotAnsweredAsync("conversationUpdate");
        var welcome = page.CardWithAny(BotTexts.WelcomeTitles);
        await Expect(welcome).ToHaveCountAsync(1);
        // Absence can't be awaited, so a full round trip after the install stands in for "everything the install caused has arrived".
        await AskForHelpAsync(page);
        await Expect(welcome).ToHaveCountAsync(1);
        await page.ScreenshotAsync("1-first-load");

        // Same Playground run, so the same personal chat id: the page starts empty and installs into the same conversation again.
        await page.ReloadAsync();
        await page.ExpectBotAnsweredAsync("installationUpdate");
        await page.ExpectBotAnsweredAsync("conversationUpdate");
        await AskForHelpAsync(page);
        await Expect(welcome).ToHaveCountAsync(0);
        await page.ScreenshotAsync("2-after-reload");
    }

    private static async Task AskForHelpAsync(PlaygroundPage page)
    {
        await page.SendAsync("hjælp");
        await Expect(page.Card(BotTexts.HelpTitleDanish)).ToHaveCountAsync(1);
    }
}
