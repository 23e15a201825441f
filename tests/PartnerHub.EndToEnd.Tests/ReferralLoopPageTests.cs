using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PartnerHub.EndToEnd.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PartnerHub.EndToEnd.Tests;

/// <summary>
/// What a Danish user sees: the whole referral loop, from both sides, in the Playground's page by one newcomer at the
/// keyboard (Alex's chat) who acts as each demo person with "demo: …". The Playground sends en-US on every activity;
/// every card must still be Danish, with Danish dates, and never show the mother's notes to the referrer.
/// </summary>
[Collection(TeamsEmulatorCollectionDefinition.Name)]
public sealed class ReferralLoopPageTests(TeamsEmulatorFixture fixture)
{
    /// <summary>A name none of the demo referrals uses, so no demo card can be mistaken for this one.</summary>
    private const string FirstName = "Yasmin";

    /// <summary>What Adele writes in her notes: only she and the coordinator may ever see it.</summary>
    private const string MotherNote = "Talte med hende i telefon, NOTE-7Q.";

    [Fact]
    public async Task Referral_loop_in_Danish_from_both_sides_by_one_newcomer()
    {
        var playground = await fixture.StartFreshPlaygroundAsync();
        // The Playground's chat stream beside the page, to know when the outbox has re-rendered a card (see CloseAndAwaitAsync).
        await using var chat = await PlaygroundClient.ConnectAsync(playground.BaseAddress);
        var config = await chat.GetConfigAsync();
        var conversationId = config.StringAt("config", "personalChat", "id") ?? throw new InvalidOperationException("No personal chat.");
        var botId = config.StringAt("config", "bot", "id") ?? throw new InvalidOperationException("No bot.");
        await using var page = await PlaygroundPage.OpenAsync(fixture.Browser, playground.BaseAddress, "referral-loop");
        await page.ExpectBotAnsweredAsync("conversationUpdate");
        // Who he acts as is remembered in the API all tests share too: start as himself (the answer is in his language,
        // which may still be English here).
        await page.SendAsync("demo: mig");
        await Expect(page.Page.GetByText(new Regex(@"\(Alex\)\.")).First).ToBeVisibleAsync();
        await ChooseDanishAsync(page);

        // A person gets proactive cards only in a chat the bot has seen her in (as in Teams). Adele has never written, so
        // the newcomer says hello as Adele first; otherwise her assignment card would have nowhere to go.
        await SwitchToAsync(page, "Adele");
        await page.SendAsync(BotTexts.MyReferralsCommand);
        await Expect(page.Card(BotTexts.ListTitleAssigned)).ToHaveCountAsync(1);

        // 1. As Megan, the kindergarten teacher: the form, in Danish, then her status card.
        await SwitchToAsync(page, "Megan");
        await page.SendAsync(BotTexts.ReferCommand);
        // The form by its title (the help card, above, mentions the same words).
        var form = page.Cards.Filter(new() { HasTextRegex = new Regex("^" + Regex.Escape(BotTexts.ReferralFormTitle)) });
        await Expect(form).ToHaveCountAsync(1);
        await Expect(form).ToContainTextAsync(BotTexts.FirstNameLabel);
        await AssertDanishAsync(form, "the referral form", "referral.form", "contact", "needs");
        await CardInputs.FillReferralFormAsync(page, form, FirstName);
        await page.ClickAndAwaitInvokeAsync(PlaygroundPage.ButtonOn(form, BotTexts.ReferralSubmit));

        var status = StatusCard(page);
        await Expect(status).ToHaveCountAsync(1);
        await Expect(status).ToContainTextAsync(BotTexts.SubmittedNotice);
        await Expect(status).ToContainTextAsync(BotTexts.StateSubmitted);
        await Expect(status).ToContainTextAsync(BotTexts.StatusPrivacy);
        // The date is written on the server, in Danish and Copenhagen time: not the Playground's en-US "Dec 3, 2026".
        await Expect(status).ToContainTextAsync(CardLanguage.DanishDate(CardLanguage.TodayInCopenhagen()));
        await AssertDanishAsync(status, "Megan's status card", StatusStrings);
        await status.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("1-megan-status");

        // 2. Herself again (Alex, the coordinator): the triage card comes by itself, through the outbox, in Danish.
        var selves = page.Page.GetByText(BotTexts.DemoSelfAlex, new() { Exact = false });
        var before = await selves.CountAsync();
        await page.SendAsync("demo: mig");
        await Expect(selves.Nth(before)).ToBeAttachedAsync();
        var triage = Triage(page);
        await Expect(triage).ToHaveCountAsync(1);
        await Expect(PlaygroundPage.TitleOf(triage)).ToHaveTextAsync(new Regex("^" + Regex.Escape(BotTexts.TriageKicker) + " · "));
        await AssertDanishAsync(triage, "the triage card", TriageStrings);
        await PlaygroundPage.ButtonOn(triage, BotTexts.TriageAssign).ClickAsync();
        // The mothers are listed as "Adele – 2 aktive" (her current load).
        await CardInputs.PickAsync(page, triage.GetByRole(AriaRole.Combobox).First, new Regex("^Adele – \\d+ aktive$"));
        await page.ClickAndAwaitInvokeAsync(PlaygroundPage.ButtonOn(triage, BotTexts.TriageAssignSubmit));
        await Expect(triage).ToContainTextAsync(BotTexts.StateAssigned);
        await AssertDanishAsync(triage, "the triage card after assigning", TriageStrings);
        // Megan's card, higher up in the same chat, follows in place.
        await Expect(status).ToContainTextAsync(BotTexts.StateAssigned);
        await triage.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("2-alex-assigned");

        // 3. As Adele: her assignment card is here; she records the contact, writes a note and closes.
        await SwitchToAsync(page, "Adele");
        var assignment = Assignment(page);
        await Expect(assignment).ToHaveCountAsync(1);
        await Expect(PlaygroundPage.TitleOf(assignment)).ToHaveTextAsync(new Regex("^" + Regex.Escape(BotTexts.AssignmentKicker) + " · "));
        // Her assignment card reached her chat through the outbox; her own presses below are answered by their invokes
        // (the outbox updates every other card of the referral, never the one she acted on, so her typing stays).
        await chat.WaitForBotMessageAsync(
            conversationId,
            botId,
            m => AdaptiveCardJson.Title(AdaptiveCardJson.CardOf(m))?.StartsWith(BotTexts.AssignmentKicker + " · ", StringComparison.Ordinal) == true
                && AdaptiveCardJson.Texts(AdaptiveCardJson.CardOf(m)).Contains(FirstName),
            "Adele's assignment card");
        await AssertDanishAsync(assignment, "Adele's assignment card", AssignmentStrings);
        await page.ClickAndAwaitInvokeAsync(PlaygroundPage.ButtonOn(assignment, BotTexts.RecordContact));
        await Expect(assignment).ToContainTextAsync(BotTexts.StateContacted);
        await Expect(status).ToContainTextAsync(BotTexts.StateContacted);

        await assignment.GetByPlaceholder(BotTexts.NotesPlaceholder, new() { Exact = true }).FillAsync(MotherNote);
        await page.ClickAndAwaitInvokeAsync(PlaygroundPage.ButtonOn(assignment, BotTexts.SaveNotes));
        await Expect(assignment.GetByPlaceholder(BotTexts.NotesPlaceholder, new() { Exact = true })).ToHaveValueAsync(MotherNote);
        await AssertDanishAsync(assignment, "Adele's card in contact", AssignmentStrings);
        await assignment.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("3a-adele-contacted");

        await PlaygroundPage.ButtonOn(assignment, BotTexts.Close).ClickAsync();
        await assignment.GetByLabel(BotTexts.OutcomeJoinedActivitiesDanish, new() { Exact = true }).CheckAsync();
        await page.ClickAndAwaitInvokeAsync(PlaygroundPage.ButtonOn(assignment, BotTexts.CloseSubmit));
        await Expect(assignment).ToContainTextAsync(BotTexts.StateClosed);
        // Closed, her notes are shown as text to her (and the coordinator) only.
        await Expect(assignment).ToContainTextAsync(MotherNote);
        await AssertDanishAsync(assignment, "Adele's closed card", AssignmentStrings);
        await assignment.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("3b-adele-closed");

        // 4. Megan's original card, updated in place by the outbox: "Afsluttet", in Danish, without Adele's note.
        await Expect(status).ToContainTextAsync(BotTexts.StateClosed);
        await Expect(status).ToHaveCountAsync(1);
        await Expect(status).Not.ToContainTextAsync(MotherNote);
        await Expect(status).Not.ToContainTextAsync("NOTE-7Q");
        await AssertDanishAsync(status, "Megan's closed status card", StatusStrings);
        await SwitchToAsync(page, "Megan");
        await status.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("4-megan-closed");

        // One card per role for this referral: updates replaced cards, they never added one.
        await Expect(Triage(page)).ToHaveCountAsync(1);
        await Expect(Assignment(page)).ToHaveCountAsync(1);
    }

    private static readonly string[] StatusStrings = ["referral.status", "referral.fields", "referral.notices", "states", "stateDescriptions", "needs", "contact"];
    private static readonly string[] TriageStrings = ["referral.triage", "referral.fields", "referral.notices", "states", "stateDescriptions", "needs", "contact", "declineReasons"];
    private static readonly string[] AssignmentStrings = ["referral.assignment", "referral.fields", "referral.notices", "referral.withdraw", "states", "stateDescriptions", "needs", "contact", "outcomes"];

    /// <summary>The referrer's card: the message the form was on ("Din henvisning", case-sensitive: the triage card says "Henvisning").</summary>
    private static ILocator StatusCard(PlaygroundPage page) =>
        page.Cards.Filter(new() { HasTextRegex = new Regex(Regex.Escape(BotTexts.ReferralStatusKicker)) }).Filter(new() { HasText = FirstName });

    /// <summary>The coordinator's card, by its kicker (case-sensitive, anywhere: an answer puts a notice above it).</summary>
    private static ILocator Triage(PlaygroundPage page) =>
        page.Cards.Filter(new() { HasTextRegex = new Regex(Regex.Escape(BotTexts.TriageKicker + " · ")) }).Filter(new() { HasText = FirstName });

    private static ILocator Assignment(PlaygroundPage page) =>
        page.Cards.Filter(new() { HasTextRegex = new Regex(Regex.Escape(BotTexts.AssignmentKicker + " · ")) }).Filter(new() { HasText = FirstName });

    /// <summary>
    /// Alex reads Danish unless he chose English, and the choice is remembered per person in the API that all tests share:
    /// a test that pressed "Show in English" before this one would make every answer here English. So he chooses Danish
    /// on the help card, as a user would.
    /// </summary>
    private static async Task ChooseDanishAsync(PlaygroundPage page)
    {
        await page.SendAsync("hjælp");
        var help = page.CardWithAny([BotTexts.HelpTitleDanish, BotTexts.HelpTitleEnglish]).Last;
        await Expect(help).ToBeVisibleAsync();
        if (await PlaygroundPage.TitleOf(help).InnerTextAsync() == BotTexts.HelpTitleEnglish)
        {
            await page.ClickAndAwaitInvokeAsync(PlaygroundPage.ButtonOn(help, BotTexts.ShowInDanish));
        }

        await Expect(PlaygroundPage.TitleOf(page.CardWithAny([BotTexts.HelpTitleDanish, BotTexts.HelpTitleEnglish]).Last)).ToHaveTextAsync(BotTexts.HelpTitleDanish);
    }

    /// <summary>"demo: {name}", and the bot's Danish answer "Du er nu {name} (…)" (the n-th such answer, so the wait is for this one).</summary>
    private static async Task SwitchToAsync(PlaygroundPage page, string name)
    {
        var answers = page.Page.GetByText(BotTexts.DemoSwitchedPrefix + name + " (", new() { Exact = false });
        var before = await answers.CountAsync();
        await page.SendAsync("demo: " + name);
        // The page shows each message in more than one element (the bubble and what screen readers hear): wait for one more.
        await Expect(answers.Nth(before)).ToBeAttachedAsync();
    }

    private static async Task AssertDanishAsync(ILocator card, string what, params string[] stringPaths)
    {
        var text = await card.InnerTextAsync();
        var englishOnly = CardLanguage.EnglishOnly(stringPaths);
        Assert.NotEmpty(englishOnly);
        var problems = CardLanguage.ProblemsInDanish(text, englishOnly);
        Assert.True(problems.Count == 0, $"{what} is not all Danish: {string.Join("; ", problems)}\n---\n{text}");
    }
}
