using System.Text.Json.Nodes;

namespace PartnerHub.Tests.Shared;

/// <summary>
/// Checks on Adaptive Cards as they leave the bot. Linked into every test project that sees cards, and called where
/// the Api tests read bot replies and invoke responses, so every card a workflow produces is checked.
/// </summary>
internal static class CardAssert
{
    // Keys whose string a reader sees or hears; "value" only in a FactSet's facts (elsewhere it is an input's value).
    private static readonly HashSet<string> VisibleKeys =
        ["text", "title", "placeholder", "label", "errorMessage", "altText", "tooltip", "fallbackText", "speak"];

    // Subtrees that are sent back or opened, never shown: action data (ISO dates are required there), urls and ids.
    private static readonly HashSet<string> HiddenKeys = ["data", "url", "id", "verb", "associatedInputs", "msteams"];

    /// <summary>
    /// Every check on a card as it leaves the bot: no template leftovers and dates in the house style of the card's
    /// language. Without <paramref name="language"/> each card's language is read from its actions' data
    /// (<see cref="LanguageOf"/>); where none says, only what is wrong in every language is checked.
    /// </summary>
    public static void Wellformed(JsonNode? json, string? language = null, string? what = null)
    {
        NoUnresolvedExpressions(json, what);
        DatesInLanguage(json, language, what);
    }

    /// <summary>
    /// Fails when an Adaptive Card in <paramref name="json"/> has <c>{{DATE(</c>/<c>{{TIME(</c> anywhere, or visible text
    /// with a date or time not in the house style of <paramref name="language"/> (Core's CopenhagenDates): US forms,
    /// abbreviations, AM/PM, numeric dates, the other language's names, the other language's time separator.
    /// </summary>
    public static void DatesInLanguage(JsonNode? json, string? language, string? what = null)
    {
        var found = DateOffences(json, language).ToList();
        Assert.True(found.Count == 0,
            $"{what ?? "card"} ({language ?? "language unknown"}) has dates or times not in the house style:\n  " + string.Join("\n  ", found));
    }

    /// <summary>Each offence as "path: what: fragment"; a null language is read per card from its actions' data.</summary>
    public static IEnumerable<string> DateOffences(JsonNode? json, string? language)
    {
        foreach (var (card, path) in Cards(json, "$"))
        {
            var cardLanguage = language ?? LanguageOf(card);
            foreach (var (textPath, text, visible) in Strings(card, path, visible: false, inFact: false, hidden: false))
            {
                var offences = visible
                    ? HouseDateStyle.Offences(text, cardLanguage)
                    : HouseDateStyle.ClientFormatted.IsMatch(text) ? [$"{{{{DATE()}}}}/{{{{TIME()}}}} in a value: \"{text}\""] : [];
                foreach (var offence in offences)
                {
                    yield return $"{textPath}: {offence}";
                }
            }
        }
    }

    /// <summary>
    /// The language a card speaks, as its actions send it back ("language": "da"/"en"); null when none says or they
    /// disagree. A language switch ("help.language") carries the other language, so it is left out.
    /// </summary>
    public static string? LanguageOf(JsonNode? card)
    {
        var said = new HashSet<string>(StringComparer.Ordinal);
        Collect(card);
        return said.Count == 1 ? said.Single() : null;

        void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject obj:
                    var switches = obj["verb"] is JsonValue verb && verb.TryGetValue<string>(out var v) && v.EndsWith(".language", StringComparison.Ordinal);
                    if (!switches && obj["data"] is JsonObject data && data["language"] is JsonValue value
                        && value.TryGetValue<string>(out var language) && language is "da" or "en")
                    {
                        said.Add(language);
                    }

                    foreach (var (_, child) in obj)
                    {
                        Collect(child);
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        Collect(child);
                    }

                    break;
            }
        }
    }

    /// <summary>The outermost Adaptive Cards in <paramref name="node"/> (a ShowCard's card belongs to its parent).</summary>
    private static IEnumerable<(JsonObject Card, string Path)> Cards(JsonNode? node, string path)
    {
        if (node is JsonObject obj && obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "AdaptiveCard")
        {
            yield return (obj, path);
            yield break;
        }

        var children = node switch
        {
            JsonObject o => o.Select(p => (p.Value, $"{path}.{p.Key}")),
            JsonArray a => a.Select((child, i) => (child, $"{path}[{i}]")),
            _ => [],
        };
        foreach (var (child, childPath) in children)
        {
            foreach (var card in Cards(child, childPath))
            {
                yield return card;
            }
        }
    }

    /// <summary>Every string in a card with its path and whether a reader sees it.</summary>
    private static IEnumerable<(string Path, string Text, bool Visible)> Strings(JsonNode? node, string path, bool visible, bool inFact, bool hidden)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var inside = hidden || HiddenKeys.Contains(key);
                    var shown = !inside && (VisibleKeys.Contains(key) || (inFact && key == "value"));
                    foreach (var s in Strings(value, $"{path}.{key}", shown, inFact: false, inside))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    // A fact's "value" is shown; RichTextBlock inlines may be plain strings.
                    var key = path[(path.LastIndexOf('.') + 1)..];
                    foreach (var s in Strings(array[i], $"{path}[{i}]", !hidden && (visible || key == "inlines"), inFact: key == "facts", hidden))
                    {
                        yield return s;
                    }
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                yield return (path, text, visible);
                break;
        }
    }

    /// <summary>
    /// Fails when an Adaptive Card anywhere in <paramref name="json"/> still holds a template expression (<c>${</c>)
    /// or a templating key (<c>$data</c>, <c>$when</c>) in any text, action data, URL or other value: a user would see
    /// it, or a button would send it back as data.
    /// </summary>
    public static void NoUnresolvedExpressions(JsonNode? json, string? what = null)
    {
        var found = UnresolvedExpressions(json).ToList();
        Assert.True(found.Count == 0,
            $"{what ?? "card"} has unresolved template expressions:\n  " + string.Join("\n  ", found));
    }

    /// <summary>Each leftover as "path: value", only inside objects of type AdaptiveCard.</summary>
    public static IEnumerable<string> UnresolvedExpressions(JsonNode? json) => Walk(json, "$", inCard: false);

    private static IEnumerable<string> Walk(JsonNode? node, string path, bool inCard)
    {
        switch (node)
        {
            case JsonObject obj:
                inCard |= obj["type"] is JsonValue type && type.TryGetValue<string>(out var name) && name == "AdaptiveCard";
                foreach (var (key, value) in obj)
                {
                    var child = $"{path}.{key}";
                    if (inCard && (key.Contains("${", StringComparison.Ordinal) || key is "$data" or "$when"))
                    {
                        yield return $"{child}: templating key left in the card";
                    }

                    foreach (var leftover in Walk(value, child, inCard))
                    {
                        yield return leftover;
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    foreach (var leftover in Walk(array[i], $"{path}[{i}]", inCard))
                    {
                        yield return leftover;
                    }
                }

                break;
            case JsonValue value when inCard && value.TryGetValue<string>(out var text) && text.Contains("${", StringComparison.Ordinal):
                yield return $"{path}: {text}";
                break;
        }
    }
}
