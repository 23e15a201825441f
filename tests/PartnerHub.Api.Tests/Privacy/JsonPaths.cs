using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// Every leaf a record becomes in JSON, as the store's own System.Text.Json options write it (names as in the code, not
/// as in the JSON): "Invitees.ObjectId" for a list of objects, "OutsideAttendees" for a list of strings. A dictionary
/// is one leaf.
/// </summary>
internal static class JsonPaths
{
    public static IReadOnlyList<string> Of(Type record, string column, JsonSerializerOptions options)
    {
        options.MakeReadOnly(populateMissingResolver: true);
        return [.. Walk(options, record, column, [])];
    }

    private static IEnumerable<string> Walk(JsonSerializerOptions options, Type type, string path, HashSet<Type> visiting)
    {
        var info = options.GetTypeInfo(type);
        if (info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element)
        {
            return Walk(options, element, path, visiting);
        }

        if (info.Kind != JsonTypeInfoKind.Object || !visiting.Add(type))
        {
            return [path];
        }

        var paths = info.Properties.SelectMany(p => Walk(options, p.PropertyType, path + "." + CodeName(p), visiting)).ToList();
        visiting.Remove(type);
        return paths;
    }

    private static string CodeName(JsonPropertyInfo property) => (property.AttributeProvider as MemberInfo)?.Name ?? property.Name;
}
