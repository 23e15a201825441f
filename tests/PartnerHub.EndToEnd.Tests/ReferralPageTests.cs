using System.Text.RegularExpressions;
using Microsoft.Playwright;
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

        // Input.Text: a Fluent input, found by the card's placeholder (its accessible name strings label, error and hint together).
        await form.GetByPlaceholder(BotTexts.FirstNamePlaceholder, new() { Exact = true }).FillAsync("Yasmin");
        // Input.ChoiceSet, compact (multi- and single-select): Fluent comboboxes whose options open in a popup outside the card.
        await PickAsync(page, form.GetByRole(AriaRole.Combobox).Nth(0), "arabisk", "dansk");
        await PickAsync(page, form.GetByRole(AriaRole.Combobox).Nth(1), BotTexts.ReferralFormAreas[0]);
        // Input.ChoiceSet, expanded: radio buttons and checkboxes with a <label for>.
        await form.GetByLabel(BotTexts.ContactThroughReferrer, new() { Exact = true }).CheckAsync();
        await PickAsync(page, form.GetByRole(AriaRole.Combobox).Nth(2), BotTexts.BestTimeMorning);
        await Checkbox(form, BotTexts.NeedChildren).CheckAsync();
        await Checkbox(form, BotTexts.NeedNetwork).CheckAsync();
        await form.GetByPlaceholder(BotTexts.NotePlaceholder, new() { Exact = true }).FillAsync("Vil gerne møde andre mødre.");
        await form.GetByLabel(BotTexts.ConsentHerself, new() { Exact = true }).CheckAsync();
        await form.GetByLabel(BotTexts.ConsentVerbal, new() { Exact = true }).CheckAsync();
        // Input.Date: a Fluent DatePicker, filled with the card's value (today, also its max); pick that day in its calendar.
        await PickSelectedDayAsync(page, form.GetByRole(AriaRole.Combobox).Nth(3));
        await PickAsync(page, form.GetByRole(AriaRole.Combobox).Nth(4), "arabisk");
        // Input.Toggle: a checkbox.
        await Checkbox(form, BotTexts.ConsentConfirmedText).CheckAsync();
        await page.ScreenshotAsync("1-filled");

        await PlaygroundPage.ButtonOn(form, BotTexts.ReferralSubmit).ClickAsync();

        // The invoke's answer replaces the form in place with the status card, in the project's language (Danish),
        // not the Playground's en-US locale.
        var status = page.Card(BotTexts.SubmittedNotice);
        await Expect(status).ToHaveCountAsync(1);
        await Expect(status).ToContainTextAsync(BotTexts.StateSubmitted);
        await Expect(status).ToContainTextAsync("Yasmin");
        await Expect(page.Card(BotTexts.ReferralFormTitle)).ToHaveCountAsync(0);
        await page.ExpectBotAnsweredAsync("invoke");
        await page.ScreenshotAsync("2-status");
    }

    /// <summary>
    /// A checkbox by its aria-label (the choice's title, the toggle's title). Its accessible name is longer: aria-labelledby
    /// strings the input's label, its error text and the title together, so an exact name or label match finds nothing.
    /// </summary>
    private static ILocator Checkbox(ILocator card, string title) =>
        card.Locator($"input[type=checkbox][aria-label=\"{title}\"]");

    private static async Task PickAsync(PlaygroundPage page, ILocator combobox, params string[] options)
    {
        await combobox.ClickAsync();
        foreach (var option in options)
        {
            // Fluent's listbox: options are role "option" (single) or "menuitemcheckbox" (multi), so match the stable fui- class.
            await page.Page.Locator(".fui-Combobox__listbox .fui-Option").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(option)}$") }).ClickAsync();
        }

        if (options.Length > 1)
        {
            // A multi-select stays open: close it as a user would.
            await combobox.PressAsync("Escape");
        }

        await Expect(combobox).ToHaveValueAsync(new Regex(Regex.Escape(options[^1])));
    }

    private static async Task PickSelectedDayAsync(PlaygroundPage page, ILocator datePicker)
    {
        var shown = await datePicker.InputValueAsync();
        await datePicker.ClickAsync();
        var calendar = page.Page.GetByRole(AriaRole.Dialog);
        await Expect(calendar).ToBeVisibleAsync();
        // The day cell Fluent's calendar marks selected: the card's value.
        await calendar.Locator("td[aria-selected=true] button").ClickAsync();
        await Expect(datePicker).ToHaveValueAsync(shown);
    }
}
