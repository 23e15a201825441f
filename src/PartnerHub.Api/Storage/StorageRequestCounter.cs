using Azure.Core;
using Azure.Core.Pipeline;
using PartnerHub.Api.Observability;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Counts every storage round trip (retries included) on the Azure SDK clients, tagged with the service, the table or
/// queue name and what kind of call it is, so the benchmark and operators can see how many calls an action costs and
/// what each is for. Tags hold names and kinds only: never keys, which carry project and referral ids.
/// </summary>
public sealed class StorageRequestCounter : HttpPipelineSynchronousPolicy
{
    public static StorageRequestCounter Instance { get; } = new();

    public override void OnSendingRequest(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (service, target, operation) = Classify(message.Request.Method.Method, message.Request.Uri.Path, message.Request.Uri.Query);
        Telemetry.StorageRequests.Add(
            1,
            new KeyValuePair<string, object?>("service", service),
            new KeyValuePair<string, object?>("target", target),
            new KeyValuePair<string, object?>("operation", operation));
    }

    /// <summary>
    /// The kind of call from the request line alone: a point read or write addresses one entity by its keys, a query a
    /// table (with a filter), a batch goes to <c>$batch</c>, a queue message to <c>/messages</c>.
    /// </summary>
    public static (string Service, string Target, string Operation) Classify(string method, string path, string? query)
    {
        var segments = (path ?? string.Empty).Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        // Azurite puts the account name first (/devstoreaccount1/table); Azure uses the host name.
        var last = segments.Length == 0 ? string.Empty : Uri.UnescapeDataString(segments[^1]);
        if (last == "$batch")
        {
            return ("table", "$batch", "batch");
        }

        if (last == "messages" && segments.Length >= 2)
        {
            return ("queue", Uri.UnescapeDataString(segments[^2]), method == "POST" ? "send" : method == "GET" ? "receive" : "queue-" + method.ToLowerInvariant());
        }

        var paren = last.IndexOf('(', StringComparison.Ordinal);
        var table = paren >= 0 ? last[..paren] : last;
        var keyed = paren >= 0 && last.Contains("PartitionKey=", StringComparison.Ordinal);
        var operation = (method, keyed) switch
        {
            ("GET", true) => "point-read",
            ("GET", false) => table == "Tables" ? "list-tables" : "query",
            ("POST", false) => table == "Tables" ? "create-table" : "insert",
            ("PUT", true) => "replace-or-upsert",
            ("MERGE" or "PATCH", true) => "merge",
            ("DELETE", true) => "delete",
            _ => method.ToLowerInvariant(),
        };
        return ("table", table, operation);
    }
}
