using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PartnerHub.Api.Health;

/// <summary>
/// The readiness answer: the overall status and each check's name, status and short reason. The endpoint is
/// anonymous, so nothing else: no durations, no exception messages, no data, no configuration values.
/// </summary>
internal static class ReadinessResponse
{
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status.ToString());
        json.WriteStartArray("checks");
        foreach (var (name, entry) in report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", name);
            json.WriteString("status", entry.Status.ToString());
            // Every check here writes its own fixed reason; a check that threw (the framework's message) says nothing.
            if (entry.Exception is null && !string.IsNullOrEmpty(entry.Description))
            {
                json.WriteString("reason", entry.Description);
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
