using System.Diagnostics;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PartnerHub.Api.Rest;

/// <summary>
/// The REST API's error answers, all RFC 7807 problem details (<c>application/problem+json</c>) with a <c>traceId</c>.
/// Handlers return these instead of inventing their own error bodies.
/// </summary>
public static class RestProblems
{
    /// <summary>404 for a project id that is malformed, unknown, or (for non-members) not worth distinguishing.</summary>
    public static IResult ProjectNotFound() =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Project not found", detail: "There is no project with this id.");

    public static IResult NotFound(string title, string? detail = null) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    /// <summary>400 with the errors keyed by field name (camelCase, as in the request body).</summary>
    public static IResult Validation(IDictionary<string, string[]> errors, string? detail = null) =>
        Results.ValidationProblem(errors, detail: detail, title: "The request is not valid");

    /// <summary>409: the record changed between read and write (lost optimistic-concurrency race) or already exists.</summary>
    public static IResult Conflict(string? detail = null) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail ?? "The record was changed by someone else. Read it again and retry.");

    /// <summary>412: the client's If-Match ETag no longer matches the stored record.</summary>
    public static IResult PreconditionFailed(string? detail = null) =>
        Results.Problem(statusCode: StatusCodes.Status412PreconditionFailed, title: "Precondition failed", detail: detail ?? "The record has changed since the ETag you sent.");

    /// <summary>Adds the trace id to every problem, so a user's error report can be matched to the logs.</summary>
    internal static void Customize(ProblemDetailsContext context)
    {
        var traceId = Activity.Current?.Id ?? context.HttpContext.TraceIdentifier;
        context.ProblemDetails.Extensions.TryAdd("traceId", traceId);
    }
}

/// <summary>
/// Turns storage concurrency failures that escape a handler into 409 instead of 500: a lost ETag race
/// (412 from Table Storage) or an insert that met an existing row (409) is the caller's cue to re-read, not a fault.
/// Everything else falls through to the generic 500 problem (no exception details outside Development).
/// </summary>
internal sealed partial class StorageConflictExceptionHandler(IProblemDetailsService problems, ILogger<StorageConflictExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not RequestFailedException { Status: StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict } storage)
        {
            return false;
        }

        LogConflict(logger, storage.Status, httpContext.GetEndpoint()?.DisplayName);
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Conflict",
                Detail = "The record was changed by someone else. Read it again and retry.",
            },
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Storage answered {StorageStatus} (concurrent change) in {Endpoint}: 409 to the caller")]
    private static partial void LogConflict(ILogger logger, int storageStatus, string? endpoint);
}
