using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>Null-tolerant reads from the Playground's JSON, where a field is sometimes an object and sometimes "" (an empty HTTP body).</summary>
public static class Json
{
    public static JsonNode? At(this JsonNode? node, params string[] path)
    {
        foreach (var step in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(step, out var child) ? child : null;
        }

        return node;
    }

    public static string? StringAt(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static int? IntAt(this JsonNode? node, params string[] path) =>
        node.At(path) is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<int>() : null;
}
