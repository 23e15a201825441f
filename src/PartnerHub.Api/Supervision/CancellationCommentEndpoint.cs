using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>The corrected comment of a cancelled session: text, or null (or "") to remove it. The member is required.</summary>
public sealed record CancellationCommentRequest([property: JsonRequired] string? Comment);

/// <summary>The cancelled session after the correction: its new version and the comment as stored (null: none).</summary>
public sealed record CancellationCommentResponse(string SessionId, int Version, string State, string? Comment);

/// <summary>
/// REST: the coordinator corrects (or removes) the comment of a cancelled session (GDPR Art. 16). It goes through
/// <see cref="SessionService.ChangeAsync"/> like every session change: If-Match required, applied once, the session's
/// cards updated through the outbox, audited as <see cref="SessionService.CorrectCancellationAction"/>. The comment's
/// rule is the one for cancelling (<see cref="CancellationComment"/>).
/// </summary>
public static class CancellationCommentEndpoint
{
    private const string Record = "session";

    public static RouteGroupBuilder MapCancellationComment(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapPatch("/projects/{projectId}/sessions/{sessionId}/cancellation", CorrectAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .DisableAntiforgery()
            .WithTags("Sessions")
            .WithName("CorrectSessionCancellationComment")
            .WithSummary("Corrects or removes the comment of a cancelled session (body { \"comment\": text or null }). Coordinators only. If-Match with the session's ETag is required: 428 without, 412 when stale.")
            .WithDescription($"200 with the session's new version; nothing else about the session changes and Outlook is not told again. 400 when the comment is over {CancellationComment.MaxLength} characters or holds a CPR number; 409 when the session is not cancelled; 404 for a session of another project or none.");
        return api;
    }

    private static async Task<Results<Ok<CancellationCommentResponse>, ChangeRefusal, ValidationFailed, PreconditionRequiredProblem, PreconditionFailedProblem>> CorrectAsync(
        HttpContext http, string sessionId, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationCommentRequest? body, SessionService service, CancellationToken cancellationToken)
    {
        if (RestHeaders.VersionIn(ifMatch) is not { } version)
        {
            return ifMatch is null
                ? PreconditionRequiredProblem.Of("Send If-Match with the session's ETag as read.")
                : PreconditionFailedProblem.Of("If-Match must be the session's ETag (its version) as read.");
        }

        if (body is null || !CancellationComment.TryRead(body.Comment, out _))
        {
            return Invalid();
        }

        var change = await service.ChangeAsync(http.GetCaller().ToActor(), sessionId, version, new CorrectCancellationComment(body.Comment), null, null, cancellationToken);
        var refusal = ChangeOutcomes.Refusal(
            http.Response,
            change.Outcome,
            Record,
            change.Current is { } current ? SessionEndpoints.ETagOf(current.Session) : null,
            preconditionSent: true,
            whyNotNow: () => "Only a cancelled session has a cancellation comment to correct.",
            invalidInput: Invalid);
        if (refusal is not null)
        {
            return refusal;
        }

        var after = change.Current!.Session;
        http.Response.Headers.ETag = SessionEndpoints.ETagOf(after);
        return TypedResults.Ok(new CancellationCommentResponse(after.Id, after.Version, after.State.ToString(), after.CancellationComment));
    }

    private static ValidationFailed Invalid() => ValidationFailed.Of(
        new Dictionary<string, string[]> { ["comment"] = [$"Text of at most {CancellationComment.MaxLength} characters with no CPR number, or null to remove the comment."] },
        "The comment is not valid.");
}
