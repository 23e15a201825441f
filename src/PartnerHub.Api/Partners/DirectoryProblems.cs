using Microsoft.AspNetCore.Http.HttpResults;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Partners;

/// <summary>
/// A refused directory change as RFC 7807 problem details, in the caller's language and with the card's own texts,
/// so the REST caller reads what the card would have shown beside the field.
/// </summary>
public sealed class DirectoryProblems(CardCatalog catalog, string language)
{
    /// <summary>400 with the errors by field; <paramref name="renamed"/> maps a form field to the REST name where they differ.</summary>
    public ValidationProblem Validation(IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string>? renamed = null)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var messages = errors.ToDictionary(
            e => renamed?.GetValueOrDefault(e.Key) ?? e.Key,
            e => new[] { catalog.Text(language, e.Value) },
            StringComparer.Ordinal);
        return TypedResults.ValidationProblem(messages, title: "The request is not valid");
    }

    /// <summary>
    /// A change that did not happen: 409 for a coordinator's own role or the last coordinator, 412 when someone else
    /// changed (added, removed) it since the ETag sent, 428 for an add of something listed, 503 when Entra could not
    /// check the person, 403 and 404 as they say.
    /// </summary>
    /// <param name="listed">The 428 detail: how to change what is already listed.</param>
    public ProblemHttpResult Refused(DirectoryOutcome outcome, IReadOnlyDictionary<string, string> errors, string listed) => outcome switch
    {
        DirectoryOutcome.OwnRole or DirectoryOutcome.LastCoordinator =>
            TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: catalog.Text(language, errors.Values.First())),
        DirectoryOutcome.Exists => PreconditionRequired(listed),
        DirectoryOutcome.Unavailable =>
            TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Service unavailable", detail: catalog.Text(language, errors.Values.First())),
        DirectoryOutcome.Forbidden =>
            TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the project's coordinators change its directory."),
        _ => TypedResults.Problem(
            statusCode: StatusCodes.Status412PreconditionFailed,
            title: "Precondition failed",
            detail: "It has changed (or been added or removed) since the ETag you sent. Read it again and decide again."),
    };

    /// <summary>428: the change needs an If-Match ETag so it can never silently overwrite someone else's.</summary>
    public ProblemHttpResult PreconditionRequired(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status428PreconditionRequired, title: "Precondition required", detail: detail);
}
