using System.Text.RegularExpressions;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Bot;

public enum BotCommandKind
{
    Help,
    Refer,
    MyReferrals,
    Directory,
    Sessions,
    NewSession,

    /// <summary>"kursus": the coordinator's course plan.</summary>
    Course,

    /// <summary>"mine bookinger": a teacher's bookings.</summary>
    MyBookings,

    /// <summary>"kontakt": a neighbourhood mother logs an outreach contact.</summary>
    Outreach,
    Greeting,
    Thanks,

    /// <summary>"demo": who the newcomer can act as (local Playground mode only).</summary>
    DemoList,

    /// <summary>"demo: Megan": act as a demo person; <see cref="BotCommand.Argument"/> is the name as typed.</summary>
    DemoSwitch,

    /// <summary>"demo: mig": be herself again.</summary>
    DemoSelf,
    Unknown,
}

/// <summary>A message the bot understood, and the language the words were in (null when the words don't say).</summary>
/// <param name="Text">The message as read (mention, tags and punctuation removed): what an unknown message is matched against.</param>
public sealed partial record BotCommand(BotCommandKind Kind, string? Language, string? Argument = null, string Text = "")
{
    /// <summary>The commands a user can type, in the order the help card lists them; the first word of each language is the one suggested.</summary>
    public static readonly IReadOnlyList<(BotCommandKind Kind, string Danish, string English)> Commands =
    [
        (BotCommandKind.Help, "hjælp", "help"),
        (BotCommandKind.Refer, "henvis", "refer"),
        (BotCommandKind.MyReferrals, "mine henvisninger", "my referrals"),
        (BotCommandKind.Directory, "partnere", "partners"),
        (BotCommandKind.Sessions, "møder", "sessions"),
        (BotCommandKind.NewSession, "nyt møde", "new session"),
        (BotCommandKind.Course, "kursus", "course"),
        (BotCommandKind.MyBookings, "mine bookinger", "my bookings"),
        (BotCommandKind.Outreach, "kontakt", "outreach"),
    ];

    private static readonly Dictionary<string, BotCommand> Words = BuildWords();

    private static readonly string[] SelfWords = ["mig", "mig selv", "me", "myself"];

    /// <summary>
    /// Reads a message's text: strips Teams' &lt;at&gt;mention&lt;/at&gt; of the bot (group chats and channels),
    /// HTML tags and surrounding punctuation, then matches a command word, a greeting or a demo command.
    /// </summary>
    public static BotCommand Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(BotCommandKind.Unknown, null);
        }

        var plain = MentionPattern().Replace(text, " ");
        plain = TagPattern().Replace(plain, " ");
        plain = System.Net.WebUtility.HtmlDecode(plain).Trim().TrimEnd('.', '!').Trim();
        if (plain == "?")
        {
            return Words["?"];
        }

        plain = WhitespacePattern().Replace(plain.Trim('?').Trim(), " ");
        if (Words.TryGetValue(plain, out var command))
        {
            return command with { Text = plain };
        }

        return DemoPattern().Match(plain) is { Success: true } demo
            ? Demo(demo.Groups["who"].Value.Trim()) with { Text = plain }
            : new(BotCommandKind.Unknown, null, Text: plain);
    }

    /// <summary>
    /// The commands closest to an unknown message, as words in <paramref name="language"/>: matched by prefix or by
    /// edit distance against the words of both languages, so "henvsi" and "refr" both lead to "henvis" for a Danish user.
    /// None when nothing is close (then the caller lists them all).
    /// </summary>
    public static IReadOnlyList<string> Suggest(BotCommand command, string language, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(command);
        var known = Words.Where(w => w.Value.Kind is >= BotCommandKind.Help and <= BotCommandKind.Outreach && w.Key != "?")
            .Select(w => (w.Key, w.Value.Kind));
        return CommandSuggestions.Closest(command.Text, known, max).Select(kind => WordFor(kind, language)).ToList();
    }

    /// <summary>Every command word in <paramref name="language"/>, in the help card's order.</summary>
    public static IReadOnlyList<string> AllWords(string language) => Commands.Select(c => WordFor(c.Kind, language)).ToList();

    public static string WordFor(BotCommandKind kind, string language)
    {
        var command = Commands.Single(c => c.Kind == kind);
        return language == Languages.English ? command.English : command.Danish;
    }

    private static BotCommand Demo(string who)
    {
        // "skift til Megan" / "switch to Megan" / "som Megan" / "as Megan" say the same as "Megan".
        var name = SwitchPrefixPattern().Replace(who, string.Empty).Trim();
        if (name.Length == 0)
        {
            return new(BotCommandKind.DemoList, null);
        }

        return SelfWords.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? new(BotCommandKind.DemoSelf, null)
            : new(BotCommandKind.DemoSwitch, null, name);
    }

    private static Dictionary<string, BotCommand> BuildWords()
    {
        var words = new Dictionary<string, BotCommand>(StringComparer.OrdinalIgnoreCase)
        {
            ["?"] = new(BotCommandKind.Help, null),
            // The spellings of a keyboard without æ and ø.
            ["hjaelp"] = new(BotCommandKind.Help, Languages.Danish),
            ["moeder"] = new(BotCommandKind.Sessions, Languages.Danish),
            // "log" reads the same in both languages, so it says nothing about hers.
            ["log"] = new(BotCommandKind.Outreach, null),
        };
        foreach (var (kind, danish, english) in Commands)
        {
            words[danish] = new(kind, Languages.Danish);
            words[english] = new(kind, Languages.English);
        }

        foreach (var greeting in (string[])["hej", "hejsa", "hej hej", "halløj", "godmorgen", "god morgen", "goddag", "god dag", "godaften"])
        {
            words[greeting] = new(BotCommandKind.Greeting, Languages.Danish);
        }

        foreach (var greeting in (string[])["hello", "hi", "hey", "good morning", "good afternoon", "good evening"])
        {
            words[greeting] = new(BotCommandKind.Greeting, Languages.English);
        }

        foreach (var thanks in (string[])["tak", "mange tak", "tusind tak", "tak for hjælpen"])
        {
            words[thanks] = new(BotCommandKind.Thanks, Languages.Danish);
        }

        foreach (var thanks in (string[])["thanks", "thank you", "thanks a lot", "thx"])
        {
            words[thanks] = new(BotCommandKind.Thanks, Languages.English);
        }

        return words;
    }

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex("<[^>]+>", RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"^demo(?:\s*:\s*|\s+|$)(?<who>.*)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DemoPattern();

    [GeneratedRegex(@"^(?:skift\s+til|switch\s+to|som|as)\s+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex SwitchPrefixPattern();
}
