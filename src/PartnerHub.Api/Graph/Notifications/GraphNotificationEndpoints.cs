using System.Text;
using System.Text.Json;

namespace PartnerHub.Api.Graph.Notifications;

/// <summary>
/// POST /api/graph/notifications and POST /api/graph/lifecycle: Graph's doors. Anonymous by nature (Graph sends no
/// token); what authenticates an item is its subscription id plus that subscription's clientState
/// (Graph/Notifications/README.md). Both answer the validation handshake, and both answer 202 to any well-formed
/// body whatever became of its items, so a caller learns nothing about subscriptions or secrets.
/// </summary>
public static partial class GraphNotificationEndpoints
{
    public const string NotificationsPath = "/api/graph/notifications";
    public const string LifecyclePath = "/api/graph/lifecycle";

    /// <summary>Graph's tokens are a sentence and a GUID or two; anything far longer is not Graph.</summary>
    public const int MaxValidationTokenLength = 1024;

    /// <summary>Notifications without resource data are well under 1 KB each; this holds several hundred.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(NotificationsPath, (HttpContext http, GraphNotificationIntake intake, CancellationToken cancellationToken) =>
                HandleAsync(http, intake, NotificationChannel.Changes, cancellationToken))
            .AllowAnonymous()
            .ExcludeFromDescription();
        endpoints.MapPost(LifecyclePath, (HttpContext http, GraphNotificationIntake intake, CancellationToken cancellationToken) =>
                HandleAsync(http, intake, NotificationChannel.Lifecycle, cancellationToken))
            .AllowAnonymous()
            .ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(HttpContext http, GraphNotificationIntake intake, NotificationChannel channel, CancellationToken cancellationToken)
    {
        // (a) The validation handshake: the token (already URL-decoded by the query parser) back, exactly, as plain
        // text that no browser will sniff into HTML. Nothing is read, stored or logged.
        if (http.Request.Query.TryGetValue("validationToken", out var tokens))
        {
            if (tokens.Count != 1 || tokens[0] is not { Length: > 0 and <= MaxValidationTokenLength } token)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid validation request");
            }

            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
            return Results.Text(token, "text/plain", Encoding.UTF8, StatusCodes.Status200OK);
        }

        // (b) Notifications.
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
        }

        JsonDocument document;
        try
        {
            var body = await ReadBoundedAsync(http.Request.Body, cancellationToken);
            if (body is not { } bytes)
            {
                return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large");
            }

            document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException)
        {
            // Never echo the body or the parser's message: both are the caller's input.
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed notification");
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object ||
                !document.RootElement.TryGetProperty("value", out var items) ||
                items.ValueKind != JsonValueKind.Array)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed notification");
            }

            await intake.AcceptAsync(channel, items, cancellationToken);
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    /// <summary>Reads at most <see cref="MaxBodyBytes"/>, so a body without Content-Length can't grow without bound. Null when over.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return new ReadOnlyMemory<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
