using System.Net;
using System.Text.Json;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// POST /api/messages: the Bot Framework channel's door. Order matters: the token is checked before anything is
/// processed or stored, and only a validated activity's serviceUrl ever becomes a place the bot sends its own token.
/// </summary>
public static partial class MessagesEndpoint
{
    /// <summary>Teams activities are a few KB; a card action with a long form is still far below this.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public static IEndpointRouteBuilder MapBotMessages(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/messages", HandleAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        BotEndpointSettings settings,
        IBotTokenValidator validator,
        ITrustedServiceUrls trustedServiceUrls,
        PartnerHubBot bot,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var logger = loggerFactory.CreateLogger(typeof(MessagesEndpoint));
        var mode = settings.Mode;
        var authorization = http.Request.Headers.Authorization.ToString();

        if (mode == BotAuthenticationMode.AnonymousLoopback)
        {
            // The Playground mode never answers anything but this machine, whatever address Kestrel was given.
            if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                LogRejected(logger, "anonymous mode accepts loopback callers only");
                return Unauthorized();
            }
        }
        else if (string.IsNullOrWhiteSpace(authorization))
        {
            LogRejected(logger, "missing Authorization header");
            return Unauthorized();
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large");
        }

        Activity? activity;
        try
        {
            activity = await ReadActivityAsync(http.Request, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or InvalidDataException)
        {
            if (mode == BotAuthenticationMode.Tokens)
            {
                // Don't tell an unauthenticated caller more about parsing than about tokens.
                var check = await validator.ValidateAsync(authorization, null, cancellationToken);
                if (!check.IsValid)
                {
                    LogRejected(logger, check.FailureReason ?? "invalid token");
                    return Unauthorized();
                }
            }

            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The body is not a Bot Framework activity.");
        }

        if (activity is null || string.IsNullOrEmpty(activity.Type))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The activity has no type.");
        }

        if (mode == BotAuthenticationMode.Tokens)
        {
            var outcome = await validator.ValidateAsync(authorization, activity.ServiceUrl, cancellationToken);
            if (!outcome.IsValid)
            {
                LogRejected(logger, outcome.FailureReason ?? "invalid token");
                return Unauthorized();
            }
        }

        if (activity.ServiceUrl is null || !trustedServiceUrls.Trust(activity.ServiceUrl))
        {
            LogRejected(logger, "serviceUrl not on the allow-list");
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "serviceUrl not allowed",
                detail: "This bot only talks to the Bot Connector hosts it is configured for.");
        }

        var response = await bot.HandleAsync(activity, cancellationToken);
        if (response is null)
        {
            return Results.Ok();
        }

        return response.Body is null
            ? Results.StatusCode(response.Status)
            : Results.Json(response.Body, ProtocolJsonContext.Default.Options, statusCode: response.Status);
    }

    private static async Task<Activity?> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Read at most MaxBodyBytes + 1 so a body without Content-Length can't grow without bound.
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new InvalidDataException("Activity too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        buffer.Position = 0;
        return await JsonSerializer.DeserializeAsync(buffer, ProtocolJsonContext.Default.Activity, cancellationToken);
    }

    private static UnauthorizedProblem Unauthorized() => new();

    private sealed class UnauthorizedProblem : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "A valid Bot Framework or Entra token for this bot is required.").ExecuteAsync(httpContext);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
