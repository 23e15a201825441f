using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Partners;

/// <summary>
/// REST: the project's partner directory, for its coordinator. Every change goes through <see cref="DirectoryService"/>,
/// as the card's do: the same fields, the same refusals (in the caller's language), the same retry and race rules.
/// A change of something listed needs its ETag in If-Match (428 without, 412 with the current ETag when stale).
/// </summary>
public static class DirectoryEndpoints
{
    private const string Tag = "Directory";

    /// <summary>An organisation; <c>etag</c> is what a change sends back in <c>If-Match</c>.</summary>
    public sealed record OrganisationResponse(string Id, string Kind, string Name, bool ReceivesOnwardReferrals, string ETag);

    /// <summary><c>kind</c> is an organisation kind's name; <c>name</c> 1-100 characters.</summary>
    public sealed record PutOrganisationRequest(string? Kind, string? Name, bool? ReceivesOnwardReferrals);

    /// <summary>A person; <c>etag</c> is what a change or removal sends back in <c>If-Match</c>.</summary>
    public sealed record MemberResponse(string ObjectId, string Role, string? OrganisationId, string FirstName, string ETag);

    /// <summary><c>role</c> is a project role's name; <c>organisationId</c> is required for PartnerStaff and ignored for the other roles; <c>firstName</c> empty takes her given name from Entra.</summary>
    public sealed record PutMemberRequest(string? Role, string? OrganisationId, string? FirstName);

    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var directory = api.MapGroup("/projects/{projectId}/directory")
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithTags(Tag);

        directory.MapGet("/organisations", ListOrganisationsAsync)
            .WithName("ListOrganisations")
            .WithSummary("The project's partner organisations. Coordinator only.");

        // The problem statuses are declared by hand: a ProblemHttpResult does not say which status it carries.
        directory.MapPut("/organisations/{organisationId}", PutOrganisationAsync)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("PutOrganisation")
            .WithSummary("Adds (201) or changes (200) an organisation. The id is a slug: a-z, 0-9 and hyphens, 3-40, starting with a letter.")
            .WithDescription("A change needs the organisation's ETag in If-Match (428 without it, 412 with the current ETag when stale); an add sends none.");

        directory.MapGet("/members", ListMembersAsync)
            .WithName("ListMembers")
            .WithSummary("The project's people and their roles. Coordinator only.");

        directory.MapPut("/members/{objectId}", PutMemberAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("PutMember")
            .WithSummary("Adds (201) or changes (200) a person by Entra object id and grants her role in the project.")
            .WithDescription("For integrations: people choose the person on the directory card with Teams' people picker and never see the object id. She is checked in Entra: 400 on objectId when she is not in the organisation, her account is disabled, or she is a guest made coordinator. An empty firstName takes her given name from Entra. A change needs her ETag in If-Match (428 without it, 412 with the current ETag when stale); an add sends none. 409 when a coordinator would take away her own role or leave the project without a coordinator.");

        directory.MapDelete("/members/{objectId}", DeleteMemberAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("DeleteMember")
            .WithSummary("Revokes a person's role and removes her from the project. Needs her ETag in If-Match; a retry of a removal that happened answers 204.");

        return api;
    }

    private static async Task<Ok<List<OrganisationResponse>>> ListOrganisationsAsync(HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var organisations = await directory.StoredOrganisationsAsync(caller.ProjectId, cancellationToken);
        return TypedResults.Ok(organisations.Select(ToResponse).ToList());
    }

    private static async Task<Results<Created<OrganisationResponse>, Ok<OrganisationResponse>, ValidationProblem, ProblemHttpResult>> PutOrganisationAsync(
        HttpContext http, string organisationId, [FromHeader(Name = "If-Match")] string? ifMatch, PutOrganisationRequest body, DirectoryService service, CardCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var input = new OrganisationInput(organisationId, body.Name, body.Kind, body.ReceivesOnwardReferrals is true ? "true" : "false");
        var change = await service.SaveOrganisationAsync(caller.ToActor(), input, RestHeaders.IfMatch(ifMatch), cancellationToken);
        if (change.Current is { } current)
        {
            http.Response.Headers.ETag = current.ETag.ToString();
        }

        var problems = new DirectoryProblems(catalog, RestHeaders.Language(http.Request));
        return change.Outcome switch
        {
            DirectoryOutcome.Added when change.Current is { } added => TypedResults.Created($"/api/projects/{caller.ProjectId}/directory/organisations/{added.Organisation.Id}", ToResponse(added)),
            DirectoryOutcome.Saved or DirectoryOutcome.AlreadyApplied when change.Current is { } saved => TypedResults.Ok(ToResponse(saved)),
            DirectoryOutcome.Invalid => problems.Validation(change.Errors, new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = "organisationId" }),
            DirectoryOutcome.Added or DirectoryOutcome.Saved or DirectoryOutcome.AlreadyApplied => problems.Refused(DirectoryOutcome.LostRace, change.Errors, string.Empty),
            _ => problems.Refused(change.Outcome, change.Errors, "The organisation is already listed: send its ETag, as you read it, in an If-Match header to change it."),
        };
    }

    private static async Task<Ok<List<MemberResponse>>> ListMembersAsync(HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var members = await directory.StoredMembersAsync(caller.ProjectId, role: null, cancellationToken);
        return TypedResults.Ok(members.Select(ToResponse).ToList());
    }

    private static async Task<Results<Created<MemberResponse>, Ok<MemberResponse>, ValidationProblem, ProblemHttpResult>> PutMemberAsync(
        HttpContext http, string objectId, [FromHeader(Name = "If-Match")] string? ifMatch, PutMemberRequest body, DirectoryService service, CardCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var input = new MemberInput(objectId, body.Role, body.OrganisationId, body.FirstName);
        var change = await service.SaveMemberAsync(caller.ToActor(), caller.TenantId, input, RestHeaders.IfMatch(ifMatch), cancellationToken);
        if (change.Current is { } current)
        {
            http.Response.Headers.ETag = current.ETag.ToString();
        }

        var problems = new DirectoryProblems(catalog, RestHeaders.Language(http.Request));
        return change.Outcome switch
        {
            DirectoryOutcome.Added when change.Current is { } added => TypedResults.Created($"/api/projects/{caller.ProjectId}/directory/members/{added.Member.ObjectId}", ToResponse(added)),
            DirectoryOutcome.Saved or DirectoryOutcome.AlreadyApplied when change.Current is { } saved => TypedResults.Ok(ToResponse(saved)),
            DirectoryOutcome.Invalid => problems.Validation(change.Errors),
            // Saved, and removed by someone else before it could be read back.
            DirectoryOutcome.Added or DirectoryOutcome.Saved or DirectoryOutcome.AlreadyApplied => problems.Refused(DirectoryOutcome.LostRace, change.Errors, string.Empty),
            _ => problems.Refused(change.Outcome, change.Errors, "She is already listed: send her ETag, as you read it, in an If-Match header to change her."),
        };
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteMemberAsync(
        HttpContext http, string objectId, [FromHeader(Name = "If-Match")] string? ifMatch, DirectoryService service, CardCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var problems = new DirectoryProblems(catalog, RestHeaders.Language(http.Request));
        if (RestHeaders.IfMatch(ifMatch) is not { } expected)
        {
            return problems.PreconditionRequired("Send her ETag, as you read it, in an If-Match header to remove her.");
        }

        var change = await service.RemoveMemberAsync(caller.ToActor(), caller.TenantId, objectId, expected, cancellationToken);
        if (change.Succeeded)
        {
            return TypedResults.NoContent();
        }

        if (change.Current is { } current)
        {
            http.Response.Headers.ETag = current.ETag.ToString();
        }

        return change.Outcome == DirectoryOutcome.NotFound
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Member not found", detail: "There is no person with this object id in the project.")
            : problems.Refused(change.Outcome, change.Errors, string.Empty);
    }

    private static OrganisationResponse ToResponse(StoredOrganisation stored) =>
        new(stored.Organisation.Id, stored.Organisation.Kind.ToString(), stored.Organisation.Name, stored.Organisation.ReceivesOnwardReferrals, stored.ETag.ToString());

    private static MemberResponse ToResponse(StoredMember stored) =>
        new(stored.Member.ObjectId, stored.Member.Role.ToString(), stored.Member.OrganisationId, stored.Member.FirstName, stored.ETag.ToString());
}
