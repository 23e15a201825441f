using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace PartnerHub.Api.Rest;

/// <summary>
/// A problem details answer (<see cref="RestProblems"/>) that declares its status in the endpoint's OpenAPI description
/// through its type, so a handler returning <c>Results&lt;Ok&lt;T&gt;, NotFoundProblem, …&gt;</c> documents exactly the
/// answers it can give, with no hand-written <c>.Produces</c> to drift from the code. The body is written by the wrapped
/// problem result: the same RFC 7807 document with its <c>traceId</c>.
/// </summary>
public abstract class ProblemResult : IResult, IStatusCodeHttpResult
{
    private const string ContentType = "application/problem+json";
    private readonly IResult _problem;

    private protected ProblemResult(IResult problem, int statusCode)
    {
        ArgumentNullException.ThrowIfNull(problem);
        // The declared status and the written one are the same, or the document would lie.
        if (problem is IStatusCodeHttpResult { StatusCode: { } written } && written != statusCode)
        {
            throw new ArgumentException($"The problem answers {written}, not {statusCode}.", nameof(problem));
        }

        _problem = problem;
        StatusCode = statusCode;
    }

    public int? StatusCode { get; }

    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);

    private protected static void Declare(EndpointBuilder builder, int statusCode, Type? body = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, body ?? typeof(ProblemDetails), [ContentType]));
    }
}

/// <summary>400 with the errors keyed by field (<see cref="RestProblems.Validation"/>, <see cref="RestHeaders.IdempotencyKeyRequired"/>).</summary>
public sealed class ValidationFailed(IResult problem) : ProblemResult(problem, StatusCodes.Status400BadRequest), IEndpointMetadataProvider
{
    public static ValidationFailed Of(IDictionary<string, string[]> errors, string? detail = null) => new(RestProblems.Validation(errors, detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        Declare(builder, StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails));
}

/// <summary>403: the caller is a member of the project but her role may not do this.</summary>
public sealed class ForbiddenProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status403Forbidden), IEndpointMetadataProvider
{
    public static ForbiddenProblem Of(string detail) =>
        new(Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status403Forbidden);
}

/// <summary>404: absent, or not the caller's to see (the two look the same).</summary>
public sealed class NotFoundProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status404NotFound), IEndpointMetadataProvider
{
    public static NotFoundProblem Of(string title, string? detail = null) => new(RestProblems.NotFound(title, detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status404NotFound);
}

/// <summary>409: the record's state does not allow the request, or an Idempotency-Key was used for something else.</summary>
public sealed class ConflictProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status409Conflict), IEndpointMetadataProvider
{
    public static ConflictProblem Of(string? detail = null) => new(RestProblems.Conflict(detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status409Conflict);
}

/// <summary>412: the If-Match version is stale (a lost race); the current ETag is in the ETag header.</summary>
public sealed class PreconditionFailedProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status412PreconditionFailed), IEndpointMetadataProvider
{
    public static PreconditionFailedProblem Of(string? detail = null) => new(RestProblems.PreconditionFailed(detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status412PreconditionFailed);
}

/// <summary>428: a change came without the If-Match it needs (<see cref="RestHeaders.PreconditionRequired"/>).</summary>
public sealed class PreconditionRequiredProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status428PreconditionRequired), IEndpointMetadataProvider
{
    public static PreconditionRequiredProblem Of(string? detail = null) => new(RestHeaders.PreconditionRequired(detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status428PreconditionRequired);
}

/// <summary>413: a body or file over the endpoint's limit.</summary>
public sealed class PayloadTooLargeProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status413PayloadTooLarge), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status413PayloadTooLarge);
}

/// <summary>415: not the media type (or file type) the endpoint takes.</summary>
public sealed class UnsupportedMediaTypeProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status415UnsupportedMediaType), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status415UnsupportedMediaType);
}

/// <summary>503: a service PartnerHub depends on refused or is not set up (e.g. a Graph permission not granted); not the caller's fault.</summary>
public sealed class ServiceUnavailableProblem(IResult problem) : ProblemResult(problem, StatusCodes.Status503ServiceUnavailable), IEndpointMetadataProvider
{
    public static ServiceUnavailableProblem Of(string detail) =>
        new(Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: detail));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Declare(builder, StatusCodes.Status503ServiceUnavailable);
}
