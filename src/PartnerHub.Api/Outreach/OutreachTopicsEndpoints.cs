using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Outreach;

/// <summary>
/// REST: an outreach entry's topics, read and corrected (GDPR Art. 16) by the mother who logged it or a coordinator of
/// the project, through <see cref="OutreachCorrection"/>. The ETag is the entry's version; If-Match is required.
/// </summary>
public static class OutreachTopicsEndpoints
{
    private const string Record = "outreach entry";

    public static RouteGroupBuilder MapOutreachTopics(this RouteGroupBuilder outreach)
    {
        ArgumentNullException.ThrowIfNull(outreach);
        outreach.MapGet("/{entryId}/topics", ReadAsync)
            .RequireProjectRole(ProjectRole.NeighbourhoodMother, ProjectRole.Coordinator)
            .WithName("GetOutreachTopics")
            .WithSummary("An entry's topics and version (ETag), for correcting them: the mother who logged it or a coordinator. Nothing else of the entry. 404 when absent or not hers.");
        outreach.MapPatch("/{entryId}/topics", CorrectAsync)
            .RequireProjectRole(ProjectRole.NeighbourhoodMother, ProjectRole.Coordinator)
            .DisableAntiforgery()
            .WithName("CorrectOutreachTopics")
            .WithSummary("Corrects an entry's topics (body { \"topics\": [theme ids] }); the month's counts follow in the same transaction. If-Match with the entry's ETag is required: 428 without, 412 when stale.")
            .WithDescription("The mother who logged it or a coordinator of the project; 404 for anyone else's entry. 400 with errors by field (topics: unknownValue) in the language of Accept-Language. A retry of the same topics from the same version answers 200 again, applied once.");
        return outreach;
    }

    /// <summary>The entry's ETag: its version, quoted.</summary>
    public static string ETagOf(OutreachEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return "\"" + entry.Version.ToString(CultureInfo.InvariantCulture) + "\"";
    }

    private static async Task<Results<Ok<OutreachTopicsResponse>, NotFoundProblem>> ReadAsync(
        HttpContext http, string entryId, OutreachCorrection correction, CancellationToken cancellationToken)
    {
        if (await correction.ReadAsync(http.GetCaller().ToActor(), entryId, cancellationToken) is not { } entry)
        {
            return ChangeOutcomes.NotFound(Record);
        }

        http.Response.Headers.ETag = ETagOf(entry);
        return TypedResults.Ok(OutreachTopicsResponse.From(entry));
    }

    private static async Task<Results<Ok<OutreachTopicsResponse>, ChangeRefusal, ValidationFailed, PreconditionRequiredProblem, PreconditionFailedProblem>> CorrectAsync(
        HttpContext http,
        string entryId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        CorrectOutreachTopicsRequest? body,
        OutreachCorrection correction,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        if (RestHeaders.VersionIn(ifMatch) is not { } version)
        {
            return ifMatch is null
                ? PreconditionRequiredProblem.Of("Send If-Match with the entry's ETag as read.")
                : PreconditionFailedProblem.Of("If-Match must be the entry's ETag (its version) as read.");
        }

        var language = RestHeaders.Language(http.Request);
        ValidationFailed Invalid(IReadOnlyDictionary<string, string> errors) => ValidationFailed.Of(
            errors.ToDictionary(e => e.Key, e => new[] { catalog.Text(language, "formErrors." + e.Value) }, StringComparer.Ordinal),
            "The topics need correcting.");
        if (body?.Topics is not { } topics)
        {
            return Invalid(new Dictionary<string, string> { [OutreachForm.Fields.Topics] = OutreachForm.Errors.Required });
        }

        var result = await correction.CorrectAsync(http.GetCaller().ToActor(), entryId, version, LogOutreachRequest.AsList(topics), cancellationToken);
        var refusal = ChangeOutcomes.Refusal(
            http.Response,
            result.Outcome,
            Record,
            result.Current is { } current ? ETagOf(current) : null,
            preconditionSent: true,
            invalidInput: () => Invalid(result.Errors));
        if (refusal is not null)
        {
            return refusal;
        }

        var after = result.Current!;
        http.Response.Headers.ETag = ETagOf(after);
        return TypedResults.Ok(OutreachTopicsResponse.From(after));
    }
}
