using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Rest;

/// <summary>
/// Storage that cannot be reached just now (<see cref="StorageFaults"/>) is 503 with Retry-After, not 500: the caller
/// may send the same request again, and every change commits in one transaction, so nothing was half-written.
/// The problem names no exception, table or key.
/// </summary>
internal sealed partial class StorageUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<StorageUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client waits before trying again.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!StorageFaults.IsUnavailable(exception, httpContext.RequestAborted))
        {
            return false;
        }

        LogUnavailable(logger, exception.GetType().Name, httpContext.GetEndpoint()?.DisplayName);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = "Storage could not be reached just now. Nothing was changed in part; send the same request again in a moment.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storage unavailable ({ExceptionType}) in {Endpoint}: 503 to the caller")]
    private static partial void LogUnavailable(ILogger logger, string exceptionType, string? endpoint);
}
