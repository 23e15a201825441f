using System.Text.Json.Nodes;

namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>Builds a card action's data from a valid one and the fields a test changes.</summary>
public static class JsonObjects
{
    /// <summary>Sets each of <paramref name="values"/> on <paramref name="target"/> (a copy of each value) and returns it.</summary>
    public static JsonObject With(JsonObject target, JsonObject values)
    {
        foreach (var (key, value) in values)
        {
            target[key] = value?.DeepClone();
        }

        return target;
    }
}
