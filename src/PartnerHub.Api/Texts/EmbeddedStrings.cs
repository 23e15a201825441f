using System.Text.Json.Nodes;

namespace PartnerHub.Api.Texts;

/// <summary>
/// A strings file embedded in the assembly (one per language), flattened to dotted keys ("sessions.heading"): the one
/// reader for the tab's and the report's words.
/// </summary>
public static class EmbeddedStrings
{
    /// <param name="resourceName">The manifest resource, e.g. "PartnerHub.Dashboard.strings.da.json".</param>
    public static IReadOnlyDictionary<string, string> Load(string resourceName)
    {
        using var stream = typeof(EmbeddedStrings).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"The strings '{resourceName}' are not embedded.");
        var flat = new Dictionary<string, string>(StringComparer.Ordinal);
        Flatten(JsonNode.Parse(stream)!, string.Empty, flat);
        return flat;
    }

    private static void Flatten(JsonNode node, string prefix, Dictionary<string, string> flat)
    {
        if (node is JsonObject obj)
        {
            foreach (var (key, value) in obj)
            {
                Flatten(value!, prefix.Length == 0 ? key : prefix + "." + key, flat);
            }
        }
        else
        {
            flat[prefix] = node.GetValue<string>();
        }
    }
}
