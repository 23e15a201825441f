using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// REST: onward referrals for the coordinator's tab and a municipality's case system, through the same
/// <see cref="OnwardService"/> as the cards (one transaction with the outbox, same audit and idempotency). Each caller
/// sees what her card shows: the coordinator the service's answer, the receiving service what it needs to reach her.
/// </summary>
public static class OnwardEndpoints
{
    private const string Tag = "Onward referrals";
    private const string Record = "onward referral";

    /// <summary>A new onward referral: the receiving organisation's id (from the directory) and the needs it should help with.</summary>
    public sealed record CreateOnwardRequest(string? OrganisationId, IReadOnlyList<string?>? Needs);

    /// <summary>The receiving service's answer: <c>accept</c> or <c>decline</c>.</summary>
    public sealed record AnswerOnwardRequest(string? Answer);

    public sealed record OnwardListResponse(IReadOnlyList<OnwardResponse> Items);

    /// <summary>
    /// One onward referral as the caller may see it. <c>view</c> says which: <c>coordinator</c> (the service's answer,
    /// as on her triage and status cards) or <c>receivingService</c> (what the onward card shows its staff, with
    /// <c>person</c> null once consent is withdrawn or her data erased). Absent members are not part of the caller's view.
    /// </summary>
    public sealed record OnwardResponse(
        string Id,
        string Reference,
        string View,
        string State,
        string OrganisationId,
        string? OrganisationName,
        IReadOnlyList<string> Needs,
        DateTimeOffset SentAt,
        DateTimeOffset? AnsweredAt,
        IReadOnlyList<string> AllowedActions,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ReferralId,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? FromProject,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] OnwardPerson? Person);

    /// <summary>What the receiving service needs to reach her: never the note, her area, the consent details or the mother's notes.</summary>
    public sealed record OnwardPerson(
        string FirstName,
        IReadOnlyList<string> Languages,
        string ContactChannel,
        string BestTime,
        [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Phone);

    public static RouteGroupBuilder MapOnwardEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var project = api.MapGroup("/projects/{projectId}").WithTags(Tag);

        project.MapGet("/referrals/{referralId}/onward", ListAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithName("ListOnwardReferrals")
            .WithSummary("The onward referrals made for a referral, oldest first, with each service's answer. 404 when the referral is not the caller's to see.");

        project.MapPost("/referrals/{referralId}/onward", CreateAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithName("CreateOnwardReferral")
            .WithSummary("Refers the woman on to a service in the directory; its staff get a card. Idempotency-Key header required; a repeat answers 200 with the onward referral it created.")
            .WithDescription("needs: one or more of Children, Health, Language, Work, Network, Authorities. Validation errors are keyed by field, in the language of Accept-Language (da default, en). 409 when consent was withdrawn or her data erased, or the key was used for another request.");

        project.MapGet("/onward/{onwardId}", GetAsync)
            .RequireProjectRole(ProjectRole.Coordinator, ProjectRole.PartnerStaff)
            .WithName("GetOnwardReferral")
            .WithSummary("One onward referral in the caller's view (the coordinator, or the receiving organisation's staff), with its ETag. 404 for anyone else.");

        project.MapPost("/onward/{onwardId}/answer", AnswerAsync)
            .RequireProjectRole(ProjectRole.PartnerStaff)
            .WithName("AnswerOnwardReferral")
            .WithSummary("The receiving service accepts or declines. If-Match header (the ETag read) required.")
            .WithDescription("412 when the ETag is stale (the current one is in the ETag header); 409 when it was already answered; a retried answer answers 200 with the current view.");

        return api;
    }

    private static async Task<Results<Ok<OnwardListResponse>, NotFoundProblem>> ListAsync(
        HttpContext http, string referralId, OnwardService service, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var onwards = await service.ListForReferralAsync(caller.ToActor(), referralId, cancellationToken);
        if (onwards is null)
        {
            return ChangeOutcomes.NotFound("referral");
        }

        var organisations = await directory.OrganisationsAsync(caller.ProjectId, cancellationToken);
        return TypedResults.Ok(new OnwardListResponse(onwards.Select(o => CoordinatorView(o, organisations.FirstOrDefault(org => org.Id == o.ToOrganisationId)?.Name)).ToList()));
    }

    private static async Task<Results<Created<OnwardResponse>, Ok<OnwardResponse>, ValidationFailed, ConflictProblem, NotFoundProblem>> CreateAsync(
        HttpContext http,
        string referralId,
        CreateOnwardRequest body,
        [FromHeader(Name = RestHeaders.IdempotencyKey)] string? idempotencyKey,
        OnwardService service,
        DirectoryStore directory,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.Idempotency(idempotencyKey) is not { } requestId)
        {
            return new ValidationFailed(RestHeaders.IdempotencyKeyRequired("refer her on twice"));
        }

        var needs = ReferralRequests.JoinList(body.Needs);
        var result = await service.SendRequestAsync(caller.ToActor(), referralId, body.OrganisationId?.Trim(), needs, requestId, cancellationToken);
        switch (result.Outcome)
        {
            case OnwardOutcome.InvalidInput:
                // The service reports against the triage card's input ids; REST names the body's fields.
                var errors = result.Errors.ToDictionary(e => e.Key == OnwardService.NeedsField ? "needs" : e.Key, e => e.Value, StringComparer.Ordinal);
                return ValidationFailed.Of(ReferralRequests.Messages(catalog, RestHeaders.Language(http.Request), errors), "Some fields need correcting.");
            case OnwardOutcome.Unavailable:
                return ConflictProblem.Of("Consent was withdrawn or her data erased: she cannot be referred on.");
            case OnwardOutcome.Duplicate when result.Onward is null:
                // The key was used, but what it created is gone: the client must not take this as a success.
                return ConflictProblem.Of("This Idempotency-Key was already used for an onward referral that no longer exists. Use a new key.");
            case OnwardOutcome.Duplicate when !SameRequest(result.Onward!.Onward, body.OrganisationId, needs):
                return ConflictProblem.Of("This Idempotency-Key was already used for another onward referral. Use a new key for a new request.");
            case OnwardOutcome.Done or OnwardOutcome.Duplicate when result.Onward is { } stored:
                var organisation = await directory.FindOrganisationAsync(caller.ProjectId, stored.Onward.ToOrganisationId, cancellationToken);
                var response = CoordinatorView(stored.Onward, organisation?.Name);
                var location = $"/api/projects/{caller.ProjectId}/onward/{stored.Onward.Id}";
                http.Response.Headers.ETag = stored.ETag.ToString();
                http.Response.Headers.Location = location;
                return result.Outcome == OnwardOutcome.Duplicate ? TypedResults.Ok(response) : TypedResults.Created(location, response);
            default:
                // NotFound and Forbidden look the same, as for the referral itself.
                return ChangeOutcomes.NotFound("referral");
        }
    }

    private static async Task<Results<Ok<OnwardResponse>, NotFoundProblem>> GetAsync(
        HttpContext http, string onwardId, OnwardService service, DirectoryStore directory, ReferralStore referrals, ProjectStore projects, CancellationToken cancellationToken)
    {
        var actor = http.GetCaller().ToActor();
        var stored = await service.ReadAsync(actor, onwardId, cancellationToken);
        if (stored is null)
        {
            return ChangeOutcomes.NotFound(Record);
        }

        http.Response.Headers.ETag = stored.ETag.ToString();
        return TypedResults.Ok(await ViewAsync(actor, stored.Onward, directory, referrals, projects, cancellationToken));
    }

    private static async Task<Results<Ok<OnwardResponse>, ChangeRefusal, PreconditionRequiredProblem, ValidationFailed>> AnswerAsync(
        HttpContext http,
        string onwardId,
        AnswerOnwardRequest body,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        OnwardService service,
        DirectoryStore directory,
        ReferralStore referrals,
        ProjectStore projects,
        CardCatalog catalog,
        CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (RestHeaders.IfMatch(ifMatch) is not { } expected)
        {
            return PreconditionRequiredProblem.Of("Send the onward referral's ETag, as you read it, in an If-Match header ('*' and lists are not accepted).");
        }

        var answer = body.Answer?.Trim();
        var accept = "accept".Equals(answer, StringComparison.OrdinalIgnoreCase);
        if (!accept && !"decline".Equals(answer, StringComparison.OrdinalIgnoreCase))
        {
            var code = string.IsNullOrEmpty(answer) ? ReferralForm.Errors.Required : ReferralForm.Errors.UnknownValue;
            return ValidationFailed.Of(
                ReferralRequests.Messages(catalog, RestHeaders.Language(http.Request), new Dictionary<string, string> { ["answer"] = code }),
                "answer must be 'accept' or 'decline'.");
        }

        var actor = caller.ToActor();
        var result = await service.AnswerAsync(actor, onwardId, accept, expected, cancellationToken);
        var refusal = ChangeOutcomes.Refusal(
            http.Response, result.Outcome.ToChangeOutcome(), Record, result.Current?.ETag.ToString(), preconditionSent: true, () => $"The onward referral was already answered ({result.Current?.Onward.State}).");
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Ok(await ViewAsync(actor, result.Current!.Onward, directory, referrals, projects, cancellationToken));
    }

    /// <summary>The caller's view. Mirrors <see cref="OnwardViews"/>: the onward card for the service, the status card for the coordinator.</summary>
    private static async Task<OnwardResponse> ViewAsync(
        Actor actor, OnwardReferral onward, DirectoryStore directory, ReferralStore referrals, ProjectStore projects, CancellationToken cancellationToken)
    {
        var organisation = await directory.FindOrganisationAsync(onward.ProjectId, onward.ToOrganisationId, cancellationToken);
        if (actor.Role == ProjectRole.Coordinator)
        {
            return CoordinatorView(onward, organisation?.Name);
        }

        var referral = (await referrals.FindAsync(onward.ProjectId, onward.ReferralId, cancellationToken))?.Referral;
        // Her details only while they exist: ReferralVisibility's rule, as on the onward card.
        var person = referral is not null && !ReferralVisibility.IsErased(referral) ? referral.Person : null;
        var project = await projects.FindAsync(onward.ProjectId, cancellationToken);
        var canAnswer = onward.State == OnwardState.Sent && person is not null && OnwardAccess.Allows(actor, OnwardAction.Answer, onward);
        return new OnwardResponse(
            onward.Id,
            ReferralIds.Reference(onward.ReferralId),
            "receivingService",
            onward.State.ToString(),
            onward.ToOrganisationId,
            organisation?.Name,
            NeedNames(onward.Needs),
            onward.SentAt,
            onward.AnsweredAt,
            canAnswer ? ["accept", "decline"] : [],
            ReferralId: null,
            FromProject: project?.Name,
            Person: person is null
                ? null
                : new OnwardPerson(person.FirstNameOrInitials, person.PreferredLanguages, person.Contact.Channel.ToString(), person.Contact.BestTime.ToString(), person.Contact.PhoneNumber));
    }

    /// <summary>The coordinator's view: which service, its answer and when; nothing about her (that is on the referral).</summary>
    private static OnwardResponse CoordinatorView(OnwardReferral onward, string? organisationName) => new(
        onward.Id,
        ReferralIds.Reference(onward.ReferralId),
        "coordinator",
        onward.State.ToString(),
        onward.ToOrganisationId,
        organisationName,
        NeedNames(onward.Needs),
        onward.SentAt,
        onward.AnsweredAt,
        [],
        ReferralId: onward.ReferralId,
        FromProject: null,
        Person: null);

    /// <summary>Whether a replayed key's onward referral is what this request asks for (same service, same needs).</summary>
    private static bool SameRequest(OnwardReferral onward, string? organisationId, string? needs) =>
        string.Equals(onward.ToOrganisationId, organisationId?.Trim(), StringComparison.Ordinal) && OnwardService.ParseNeeds(needs) == onward.Needs;

    private static List<string> NeedNames(NeedCategories needs) =>
        Enum.GetValues<NeedCategories>().Where(n => n != NeedCategories.None && needs.HasFlag(n)).Select(n => n.ToString()).ToList();
}
