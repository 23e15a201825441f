using System.Text.Json.Nodes;
using NJsonSchema;
using NJsonSchema.References;

namespace PartnerHub.Api.Tests.Manifest;

/// <summary>
/// Loads a JSON schema from disk and resolves $ref to other files next to it, but refuses URLs:
/// the tests must judge the manifest by the schema in node_modules, never by whatever a server returns.
/// </summary>
internal static class OfflineSchema
{
    public static async Task<JsonSchema> LoadAsync(string path)
    {
        var root = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        ConstToEnum(root);
        return await JsonSchema.FromJsonAsync(root.ToJsonString(), path, schema => new NoUrlResolver(schema));
    }

    /// <summary>
    /// The Teams schemas declare draft-04 yet pin manifestVersion with the draft-06 "const", which NJsonSchema
    /// ignores; a one-value "enum" means exactly the same and is enforced.
    /// </summary>
    private static void ConstToEnum(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["const"] is { } value && !obj.ContainsKey("enum"))
                {
                    obj.Remove("const");
                    obj["enum"] = new JsonArray(value.DeepClone());
                }

                foreach (var (_, child) in obj.ToList())
                {
                    ConstToEnum(child);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    ConstToEnum(child);
                }

                break;
            default:
                break;
        }
    }

    private sealed class NoUrlResolver(JsonSchema schema)
        : JsonReferenceResolver(new JsonSchemaAppender(schema, new DefaultTypeNameGenerator()))
    {
        public override Task<IJsonReference> ResolveUrlReferenceAsync(string url, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"schema references {url}; vendor the file next to the schema instead of fetching it");
    }
}
