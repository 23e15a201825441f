using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PartnerHub.Core.Changes;

/// <summary>
/// When two change requests are "the same request": the same person sends the same command (its kind and every field
/// of it) against the same version of the same record. Only such a request is a retry, answered as applied; anything
/// else sent from an older version is a lost race. Every feature keys its idempotency rows on this, and nothing else.
/// </summary>
public static class ChangeFingerprint
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>
    /// A stable key for one request: SHA-256 over a canonical JSON of who, what record, from which version, and the
    /// command with its payload (keys sorted, so field order never matters). Hex, no personal data readable in it.
    /// </summary>
    /// <param name="action">The command's kind, a stable name (e.g. <c>Assign</c>, <c>SaveMember</c>).</param>
    /// <param name="command">The command as sent, payload included (a record, or an anonymous object of its parts).</param>
    public static string Of(string actorObjectId, string recordId, string? fromVersion, string action, object command)
    {
        ArgumentNullException.ThrowIfNull(actorObjectId);
        ArgumentNullException.ThrowIfNull(recordId);
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(command);
        var canonical = new JsonObject
        {
            ["actor"] = actorObjectId,
            ["command"] = Canonical(JsonSerializer.SerializeToNode(command, command.GetType(), Options)),
            ["kind"] = action,
            ["record"] = recordId,
            ["version"] = fromVersion,
        };
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToJsonString(Options))));
    }

    /// <summary>The same JSON with every object's keys in ordinal order; arrays keep their order.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Canonical)]),
        null => null,
        _ => node.DeepClone(),
    };
}
