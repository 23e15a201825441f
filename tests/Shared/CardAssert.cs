using System.Text.Json.Nodes;

namespace PartnerHub.Tests.Shared;

/// <summary>
/// Checks on Adaptive Cards as they leave the bot. Linked into every test project that sees cards, and called where
/// the Api tests read bot replies and invoke responses, so every card a workflow produces is checked.
/// </summary>
internal static class CardAssert
{
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
