using System.Text.Json.Nodes;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>Reads Adaptive Card JSON the way a reader of the card would: text in document order, actions anywhere.</summary>
public static class AdaptiveCardJson
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";

    /// <summary>The card of a message's first Adaptive Card attachment, or null.</summary>
    public static JsonNode? CardOf(JsonNode message) =>
        (message.At("attachments") as JsonArray)?
            .FirstOrDefault(a => a.StringAt("contentType") == ContentType)
            .At("content");

    /// <summary>Every TextBlock's text in document order (containers, columns included); the first one is the title.</summary>
    public static IReadOnlyList<string> Texts(JsonNode? card) =>
        Walk(card)
            .Where(n => n.StringAt("type") == "TextBlock")
            .Select(n => n.StringAt("text") ?? string.Empty)
            .ToList();

    /// <summary>The card's title: its first TextBlock, or null when it has none.</summary>
    public static string? Title(JsonNode? card) => Texts(card) is [var first, ..] ? first : null;

    /// <summary>Every Action.Execute on the card, wherever it sits.</summary>
    public static IReadOnlyList<JsonNode> ExecuteActions(JsonNode? card) =>
        Walk(card).Where(n => n.StringAt("type") == "Action.Execute").ToList();

    /// <summary>Every input element (Input.Text, Input.ChoiceSet, Input.Date, Input.Toggle, …), wherever it sits.</summary>
    public static IReadOnlyList<JsonNode> Inputs(JsonNode? card) =>
        Walk(card).Where(n => n.StringAt("type")?.StartsWith("Input.", StringComparison.Ordinal) == true).ToList();

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var descendant in Walk(child))
                    {
                        yield return descendant;
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var descendant in Walk(item))
                    {
                        yield return descendant;
                    }
                }

                break;
        }
    }
}
