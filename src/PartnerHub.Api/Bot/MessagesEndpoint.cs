using System.Buffers;
using System.Net;
using System.Text.Json;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// POST /api/messages: the Bot Framework channel's door. Order matters: the token is checked before the body is read
/// and anything is processed or stored, and only a validated activity's serviceUrl ever becomes a place the bot sends its own token.
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
        var mode = settings.Mode;

        // The caller is authenticated before a byte of the body is read: a stranger learns nothing about parsing
        // or size limits (401 before 413/400), and costs us no more than one header.
        TokenValidationOutcome? token = null;
        if (mode == BotAuthenticationMode.AnonymousLoopback)
        {
            // The Playground mode never answers anything but this machine, whatever address Kestrel was given.
            if (http.Connection.RemoteIpAddress is not { } remote || !IPAddress.IsLoopback(remote))
            {
                LogRejected(loggerFactory, "anonymous mode accepts loopback callers only");
                return Unauthorized();
            }
        }
        else
        {
            var authorization = http.Request.Headers.Authorization;
            token = await validator.ValidateTokenAsync(authorization.Count == 0 ? null : authorization.ToString(), cancellationToken);
            if (!token.IsValid)
            {
                LogRejected(loggerFactory, token.FailureReason ?? "invalid token");
                return Unauthorized();
            }
        }

        var (activity, refusal) = await ReadActivityAsync(http.Request, cancellationToken);
        if (activity is null)
        {
            return refusal!;
        }

        if (token is not null)
        {
            // The token is bound to the activity it came with (serviceurl claim, key endorsements for the channel).
            var bound = validator.BindToActivity(token, activity.ServiceUrl, activity.ChannelId);
            if (!bound.IsValid)
            {
                LogRejected(loggerFactory, bound.FailureReason ?? "invalid token");
                return Unauthorized();
            }
        }

        if (activity.ServiceUrl is null || !trustedServiceUrls.Trust(activity.ServiceUrl))
        {
            LogRejected(loggerFactory, "serviceUrl not on the allow-list");
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

    /// <summary>The body as an activity with a type, or the problem (413, 400) that says why not.</summary>
    private static async Task<(Activity? Activity, IResult? Refusal)> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var tooLarge = Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Activity too large");
        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, tooLarge);
        }

        Activity? activity;
        try
        {
            activity = await DeserializeBoundedAsync(request, cancellationToken);
        }
        catch (ActivityTooLargeException)
        {
            return (null, tooLarge);
        }
        catch (JsonException)
        {
            return (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The body is not a Bot Framework activity."));
        }

        return activity is null || string.IsNullOrEmpty(activity.Type)
            ? (null, Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed activity", detail: "The activity has no type."))
            : (activity, null);
    }

    private static async Task<Activity?> DeserializeBoundedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // Read at most MaxBodyBytes + 1 so a body without Content-Length can't grow without bound. The whole body is
        // in memory before it is parsed (it is checked first), so it is parsed from there, not as a stream again.
        using var buffer = new MemoryStream(request.ContentLength is > 0 and <= MaxBodyBytes and var length ? (int)length : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new ActivityTooLargeException();
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        var json = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        RejectLoneSurrogates(json);
        return JsonSerializer.Deserialize(json, ProtocolJsonContext.Default.Activity);
    }

    /// <summary>
    /// JSON may escape half a surrogate pair ("\uD800"), which is no text. System.Text.Json only throws when something
    /// reads that string, which for a card action's data is deep in a handler (a 500): refused here as malformed instead.
    /// </summary>
    /// <remarks>
    /// Also an object with one name twice, in any case ("phone" and "Phone"): the protocol's JSON nodes compare names
    /// case-insensitively and throw on the first read of such an object, as deep in a handler.
    /// </remarks>
    private static void RejectLoneSurrogates(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);

        // The names of each open object, one set per depth, emptied and reused for the next object at that depth.
        var names = new List<HashSet<string>>();
        var depth = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.StartObject)
                {
                    if (names.Count == depth)
                    {
                        names.Add(new HashSet<string>(StringComparer.OrdinalIgnoreCase));
                    }
                    else
                    {
                        names[depth].Clear();
                    }

                    depth++;
                }
                else if (reader.TokenType == JsonTokenType.EndObject)
                {
                    depth--;
                }
                else if (reader.TokenType == JsonTokenType.PropertyName && !names[depth - 1].Add(reader.GetString()!))
                {
                    throw new JsonException("The activity has an object with one name twice.");
                }
            }
        }
        catch (InvalidOperationException invalid)
        {
            throw new JsonException("The activity has a string that is not valid UTF-16.", invalid);
        }
    }

    private static UnauthorizedProblem Unauthorized() => new();

    private sealed class ActivityTooLargeException : Exception;

    private sealed class UnauthorizedProblem : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized",
                detail: "A valid Bot Framework or Entra token for this bot is required.").ExecuteAsync(httpContext);
        }
    }

    // The logger is made only for a refusal: making it names the category from the type each time, under the factory's
    // lock, which every activity paid for before (bench/README.md, "Where a change's CPU goes").
    private static void LogRejected(ILoggerFactory loggerFactory, string reason) =>
        LogRejected(loggerFactory.CreateLogger(typeof(MessagesEndpoint)), reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Activity rejected: {Reason}")]
    private static partial void LogRejected(ILogger logger, string reason);
}
