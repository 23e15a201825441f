using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// REST: the referral workflow for the tab and integrations, through the same <see cref="ReferralService"/> as the
/// cards, so access, audit, idempotency and notifications are identical. Each caller gets her role's view with the
/// cards' privacy (<see cref="ReferralResponses"/>). The handlers' typed results are the OpenAPI description.
/// </summary>
public static class ReferralEndpoints
{
    private const string Tag = "Referrals";
    private const string Record = ReferralChangeAnswers.Record;

    public static RouteGroupBuilder MapReferralEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var referrals = api.MapGroup("/projects/{projectId}/referrals").WithTags(Tag);

        referrals.MapGet("/", ListAsync)
            .RequireProjectMember()
            .WithName("ListReferrals")
            .WithSummary("The caller's referrals, newest first: the coordinator's project, the mother's assignments, the partner's organisation's.")
            .WithDescription("pageSize 1-50 (default 20). Pass the response's continuationToken back unchanged for the next page; it is bound to the caller.");

        referrals.MapGet("/{referralId}", GetAsync)
            .RequireProjectMember()
            .WithName("GetReferral")
            .WithSummary("One referral in the caller's view, with its version in the ETag header. 404 when the caller may not see it.");

        referrals.MapPost("/", CreateAsync)
            .RequireProjectRole(ProjectRole.Coordinator, ProjectRole.PartnerStaff)
            .WithName("CreateReferral")
            .WithSummary("Refers a woman, with her recorded consent. Idempotency-Key header required; a repeat answers 200 with the referral it created.")
            .WithDescription("Validation errors are keyed by field id, in the language of Accept-Language (da default, en).");

        referrals.MapPost("/{referralId}/transitions", TransitionAsync)
            .RequireProjectMember()
            .WithName("TransitionReferral")
            .WithSummary("Moves the referral on: accept, decline, assign, recordContact, close, withdraw or editNotes. If-Match header (the ETag read) required.")
            .WithDescription("412 when the ETag is stale (the current one is in the ETag header); 409 when the state does not allow the action; a retried request answers 200 with the current view.");

        referrals.MapReferralCorrection();

        return api;
    }

    private static async Task<Results<Ok<ReferralListResponse>, ValidationFailed>> ListAsync(
        HttpContext http, ReferralService service, int? pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var (errors, size) = ReferralListPage.Check(pageSize, continuationToken);
        if (errors.Count > 0)
        {
            return ValidationFailed.Of(errors);
        }

        var page = await service.ListAsync(caller.ToActor(), continuationToken, size, cancellationToken);
        if (page.TokenRefused)
        {
            return ValidationFailed.Of(new Dictionary<string, string[]> { ["continuationToken"] = [ReferralListPage.RefusedToken] });
        }

        return TypedResults.Ok(ReferralListPage.Response(page));
    }

    private static async Task<Results<Ok<ReferralResponse>, NotFoundProblem>> GetAsync(
        HttpContext http, string referralId, ReferralService service, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var actor = http.GetCaller().ToActor();
        // The widest view the role could have; the service checks it against this referral and audits the read.
        var view = actor.Role is ProjectRole.Coordinator or ProjectRole.NeighbourhoodMother ? ReferralAction.ViewDetails : ReferralAction.ViewStatus;
        var stored = await service.ReadAsync(actor, referralId, view, cancellationToken);
        if (stored is null || await ReferralResponses.ForAsync(actor, stored, directory, cancellationToken) is not { } response)
        {
            return ChangeOutcomes.NotFound(Record);
        }

        http.Response.Headers.ETag = stored.Version;
        return TypedResults.Ok(response);
    }

    private static async Task<Results<Created<ReferralResponse>, Ok<ReferralResponse>, ValidationFailed, ForbiddenProblem, ConflictProblem>> CreateAsync(
        HttpContext http,
        CreateReferralRequest body,
        [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey,
        ReferralService service,
        DirectoryStore directory,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.Idempotency(idempotencyKey) is not { } requestId)
        {
            return new ValidationFailed(RestHeaders.IdempotencyKeyRequired("create the referral twice"));
        }

        var actor = caller.ToActor();
        var result = await service.SubmitAsync(actor, ReferralRequests.FormInput(body), requestId, referrerCard: null, cancellationToken);
        if (result.Forbidden)
        {
            return ForbiddenProblem.Of("You may not make referrals in this project.");
        }

        if (result.Referral is null && result.Duplicate)
        {
            // The key was used, but its referral is gone: the client must not take this as a success.
            return ConflictProblem.Of("This Idempotency-Key was already used for a referral that no longer exists. Use a new key.");
        }

        if (result.Referral is not { } stored)
        {
            var language = RestHeaders.Language(http.Request);
            return ValidationFailed.Of(ReferralRequests.Messages(catalog, language, result.Errors), "Some fields need correcting.");
        }

        // Whoever may refer sees at least the status of what she referred (ReferralVisibility).
        var response = (await ReferralResponses.ForAsync(actor, stored, directory, cancellationToken))!;
        http.Response.Headers.ETag = stored.Version;
        var location = $"/api/projects/{caller.ProjectId}/referrals/{stored.Referral.Id}";
        http.Response.Headers.Location = location;
        return result.Duplicate ? TypedResults.Ok(response) : TypedResults.Created(location, response);
    }

    private static async Task<Results<Ok<ReferralResponse>, NoContent, ChangeRefusal, PreconditionRequiredProblem, ValidationFailed>> TransitionAsync(
        HttpContext http,
        string referralId,
        TransitionRequest body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        ReferralService service,
        DirectoryStore directory,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.IfMatch(ifMatch) is not { } expectedVersion)
        {
            return ReferralChangeAnswers.IfMatchRequired();
        }

        var language = RestHeaders.Language(http.Request);
        ValidationFailed Invalid(IReadOnlyDictionary<string, string> errors) =>
            ValidationFailed.Of(ReferralRequests.Messages(catalog, language, errors), "The transition is not valid.");

        var (command, errors) = ReferralRequests.CommandFor(body);
        if (command is null || errors.Count > 0)
        {
            return Invalid(errors);
        }

        return await ReferralChangeAnswers.ApplyAsync(
            http, caller.ToActor(), referralId, expectedVersion, command, service, directory,
            whyNotNow: result => $"The referral's state ({result.Current?.Referral.State}) does not allow '{body.Action}'.",
            invalidInput: result => Invalid(result.Errors is { Count: > 0 } invalid
                ? invalid
                : new Dictionary<string, string> { [command is EditMotherNotes ? "notes" : "motherId"] = command is EditMotherNotes ? ReferralForm.Errors.TooLong : ReferralForm.Errors.Required }),
            cancellationToken);
    }
}
