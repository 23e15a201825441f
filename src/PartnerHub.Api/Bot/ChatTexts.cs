using System.Globalization;

namespace PartnerHub.Api.Bot;

/// <summary>
/// The bot's short text answers (strings "chat"): to greetings, thanks and messages it did not understand. Every
/// message gets one; the help card answers only "hjælp". Her own words are never repeated back.
/// </summary>
public sealed class ChatTexts(HelpCards help)
{
    public string Greeting(string language) => help.Text(language, "chat.greeting");

    public string Thanks(string language) => help.Text(language, "chat.thanks");

    /// <summary>"I didn't understand" with the commands closest to what she wrote, or all of them when none is close.</summary>
    public string NotUnderstood(BotCommand command, string language)
    {
        var closest = BotCommand.Suggest(command, language);
        var answer = help.Text(language, "chat.unknown") + " ";
        return closest.Count > 0
            ? answer + Format(language, "chat.didYouMean", Words(closest, language)) + " " + help.Text(language, "chat.helpHint")
            : answer + Format(language, "chat.youCanWrite", Words(BotCommand.AllWords(language), language));
    }

    /// <summary>A strings entry with its {0}, {1} … filled in.</summary>
    public string Format(string language, string path, params object[] values) =>
        values.Length == 0 ? help.Text(language, path) : string.Format(CultureInfo.InvariantCulture, help.Text(language, path), values);

    /// <summary>"henvis", "hjælp" eller "møder": quoted, the way the strings show a word to type.</summary>
    private string Words(IReadOnlyList<string> words, string language)
    {
        var quoted = words.Select(w => "\"" + w + "\"").ToList();
        return quoted.Count == 1
            ? quoted[0]
            : string.Join(", ", quoted.Take(quoted.Count - 1)) + " " + help.Text(language, "chat.or") + " " + quoted[^1];
    }
}
