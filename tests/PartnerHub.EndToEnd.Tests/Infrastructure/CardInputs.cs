using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>Filling in Adaptive Card inputs as rendered by the Playground's page (Fluent UI controls; see the README's selector table).</summary>
public static class CardInputs
{
    /// <summary>
    /// A checkbox by its aria-label (the choice's title, the toggle's title). Its accessible name is longer: aria-labelledby
    /// strings the input's label, its error text and the title together, so an exact name or label match finds nothing.
    /// </summary>
    public static ILocator Checkbox(ILocator card, string title) =>
        card.Locator($"input[type=checkbox][aria-label=\"{title}\"]");

    /// <summary>A compact choice set: opens the combobox and picks each option by its exact text.</summary>
    public static Task PickAsync(PlaygroundPage page, ILocator combobox, params string[] options) =>
        PickAsync(page, combobox, options.Select(o => new Regex($"^{Regex.Escape(o)}$")).ToArray());

    public static async Task PickAsync(PlaygroundPage page, ILocator combobox, params Regex[] options)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(combobox);
        ArgumentNullException.ThrowIfNull(options);
        await combobox.ClickAsync();
        string last = string.Empty;
        foreach (var option in options)
        {
            // Fluent's listbox: options are role "option" (single) or "menuitemcheckbox" (multi), so match the stable fui- class.
            var item = page.Page.Locator(".fui-Combobox__listbox .fui-Option").Filter(new() { HasTextRegex = option });
            last = await item.InnerTextAsync();
            await item.ClickAsync();
        }

        if (options.Length > 1)
        {
            // A multi-select stays open: close it as a user would.
            await combobox.PressAsync("Escape");
        }

        await Expect(combobox).ToHaveValueAsync(new Regex(Regex.Escape(last.Trim())));
    }

    /// <summary>Input.Date: a Fluent DatePicker showing the card's value; opens its calendar and picks the selected day.</summary>
    public static async Task PickSelectedDayAsync(PlaygroundPage page, ILocator datePicker)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(datePicker);
        var shown = await datePicker.InputValueAsync();
        await datePicker.ClickAsync();
        var calendar = page.Page.GetByRole(AriaRole.Dialog);
        await Expect(calendar).ToBeVisibleAsync();
        // The day cell Fluent's calendar marks selected: the card's value.
        await calendar.Locator("td[aria-selected=true] button").ClickAsync();
        await Expect(datePicker).ToHaveValueAsync(shown);
    }

    /// <summary>Fills every input of the Danish referral form, as a kindergarten teacher would, for a woman called <paramref name="firstName"/>.</summary>
    public static async Task FillReferralFormAsync(PlaygroundPage page, ILocator form, string firstName)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(form);
        // Input.Text: a Fluent input, found by the card's placeholder (its accessible name strings label, error and hint together).
        await form.GetByPlaceholder(BotTexts.FirstNamePlaceholder, new() { Exact = true }).FillAsync(firstName);
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
    }
}
