using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The Playground's web page as a user sees it. Selectors are the page's accessible names and the
/// Adaptive Cards renderer's class names, not its generated CSS classes, which change with every build.
/// </summary>
public sealed class PlaygroundPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _name;
    private readonly StreamWriter _console;

    private PlaygroundPage(IBrowserContext context, IPage page, string name, StreamWriter console)
    {
        _context = context;
        Page = page;
        _name = name;
        _console = console;
    }

    public IPage Page { get; }

    /// <summary>
    /// The compose box: a Lexical contenteditable with role textbox. Cards' Input.Text fields are textboxes too (textarea,
    /// input), so the compose box is the one that is contenteditable.
    /// </summary>
    public ILocator MessageBox => Page.GetByRole(AriaRole.Textbox).And(Page.Locator("[contenteditable=true]"));

    public ILocator SendButton => Page.GetByRole(AriaRole.Button, new() { Name = "Send Message", Exact = true });

    /// <summary>Every rendered Adaptive Card (the adaptivecards renderer marks each card's root with this class).</summary>
    public ILocator Cards => Page.Locator(".ac-adaptiveCard");

    public ILocator Card(string containing) => Cards.Filter(new() { HasText = containing });

    /// <summary>Cards containing any of the texts (e.g. one card's title in either language).</summary>
    public ILocator CardWithAny(IEnumerable<string> texts) =>
        Cards.Filter(new() { HasTextRegex = new Regex(string.Join('|', texts.Select(Regex.Escape))) });

    /// <summary>A card's title: its first TextBlock.</summary>
    public static ILocator TitleOf(ILocator card) => card.Locator(".ac-textBlock").First;

    /// <summary>Action buttons are Fluent UI buttons whose accessible name is the action's title (no .ac-pushButton on the button itself here).</summary>
    public static ILocator ButtonOn(ILocator card, string title) =>
        card.GetByRole(AriaRole.Button, new() { Name = title, Exact = true });

    public static async Task<PlaygroundPage> OpenAsync(IBrowser browser, Uri playground, string name)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            // Wide enough that the log panel shows beside the chat, as it does by default on a desktop.
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
        });
        context.SetDefaultTimeout(60_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });

        var page = await context.NewPageAsync();
        var console = new StreamWriter(Path.Combine(RepoPaths.Artifacts, $"{name}.console.log"), append: false) { AutoFlush = true };
        // The page asks a CDN for fonts and animations; offline those fail harmlessly, but the log shows them.
        page.Console += (_, message) => WriteSafely(console, $"{message.Type}: {message.Text}");
        page.PageError += (_, error) => WriteSafely(console, $"pageerror: {error}");

        var playgroundPage = new PlaygroundPage(context, page, name, console);
        await playgroundPage.GoAsync(() => page.GotoAsync(playground.ToString()));
        return playgroundPage;
    }

    /// <summary>Reloads the page. The Playground keeps the same personal chat id for its whole run, and the page installs again on load.</summary>
    public Task ReloadAsync() => GoAsync(() => Page.ReloadAsync());

    public async Task SendAsync(string text)
    {
        await MessageBox.FillAsync(text);
        await Expect(MessageBox).ToHaveTextAsync(text);
        await SendButton.ClickAsync();
    }

    /// <summary>
    /// Waits until the log panel shows the bot's HTTP answer to an activity the Playground sent (e.g. "conversationUpdate 200")
    /// and asserts it is 200. The entry is written only once the bot has answered.
    /// </summary>
    public async Task ExpectBotAnsweredAsync(string activityName)
    {
        var entry = BotAnswers(activityName).Last;
        await Expect(entry).ToBeVisibleAsync();
        await Expect(entry).ToHaveTextAsync($"{activityName} 200");
    }

    /// <summary>The log panel's entries for the bot's answers to one kind of activity ("invoke 200"), oldest first.</summary>
    public ILocator BotAnswers(string activityName) =>
        Page.Locator("span").Filter(new() { HasTextRegex = new Regex($"^{Regex.Escape(activityName)} \\d{{3}}$") });

    /// <summary>Clicks a card's button and waits until the log panel shows the bot's answer to the invoke it sent (200).</summary>
    public async Task ClickAndAwaitInvokeAsync(ILocator button)
    {
        ArgumentNullException.ThrowIfNull(button);
        var before = await BotAnswers("invoke").CountAsync();
        await button.ClickAsync();
        await Expect(BotAnswers("invoke")).ToHaveCountAsync(before + 1);
        await Expect(BotAnswers("invoke").Last).ToHaveTextAsync("invoke 200");
    }

    public Task ScreenshotAsync(string step) =>
        Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(RepoPaths.Artifacts, $"{_name}.{step}.png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        // The trace (DOM snapshots, network, console) is the first thing to open when a test fails: `playwright show-trace`.
        await _context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(RepoPaths.Artifacts, $"{_name}.trace.zip") });
        await _context.CloseAsync();
        lock (_console)
        {
            _console.Dispose();
        }
    }

    private static void WriteSafely(StreamWriter writer, string line)
    {
        lock (writer)
        {
            try
            {
                writer.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A console message racing the close is not worth a crash.
            }
        }
    }

    private async Task GoAsync(Func<Task<IResponse?>> navigate)
    {
        await navigate();
        // The chat is ready when the compose box is; the page has loaded its config and connected its websockets by then.
        await Expect(MessageBox).ToBeVisibleAsync(new() { Timeout = 60_000 });
    }
}
