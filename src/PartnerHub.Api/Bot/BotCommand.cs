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
    Unknown,
}

/// <summary>A message the bot understood, and the language the words were in (null when the words don't say).</summary>
public sealed partial record BotCommand(BotCommandKind Kind, string? Language)
{
    private static readonly Dictionary<string, BotCommand> Words = new(StringComparer.OrdinalIgnoreCase)
    {
        ["hjælp"] = new(BotCommandKind.Help, Languages.Danish),
        ["hjaelp"] = new(BotCommandKind.Help, Languages.Danish),
        ["help"] = new(BotCommandKind.Help, Languages.English),
        ["?"] = new(BotCommandKind.Help, null),
        ["henvis"] = new(BotCommandKind.Refer, Languages.Danish),
        ["refer"] = new(BotCommandKind.Refer, Languages.English),
        ["mine henvisninger"] = new(BotCommandKind.MyReferrals, Languages.Danish),
        ["my referrals"] = new(BotCommandKind.MyReferrals, Languages.English),
        ["partnere"] = new(BotCommandKind.Directory, Languages.Danish),
        ["partners"] = new(BotCommandKind.Directory, Languages.English),
        ["møder"] = new(BotCommandKind.Sessions, Languages.Danish),
        ["moeder"] = new(BotCommandKind.Sessions, Languages.Danish),
        ["sessions"] = new(BotCommandKind.Sessions, Languages.English),
        ["nyt møde"] = new(BotCommandKind.NewSession, Languages.Danish),
        ["new session"] = new(BotCommandKind.NewSession, Languages.English),
    };

    /// <summary>
    /// Reads a message's text: strips Teams' &lt;at&gt;mention&lt;/at&gt; of the bot (group chats and channels),
    /// HTML tags and surrounding punctuation, then matches a command word.
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
        return Words.TryGetValue(plain, out var command) ? command : new(BotCommandKind.Unknown, null);
    }

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"\s+", RegexOptions.None, matchTimeoutMilliseconds: 200)]
    private static partial Regex WhitespacePattern();

    [GeneratedRegex("<[^>]+>", RegexOptions.Singleline, matchTimeoutMilliseconds: 200)]
    private static partial Regex TagPattern();
}
