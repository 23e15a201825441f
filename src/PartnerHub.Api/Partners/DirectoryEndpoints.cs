using System.Text.RegularExpressions;
using Azure;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Teams.Cards;

namespace PartnerHub.Api.Partners;

/// <summary>
/// REST: the project's partner directory, for its coordinator. The directory decides every role in PartnerHub, so
/// only a coordinator may read or change it, every change is audited, and a coordinator cannot lock herself out.
/// </summary>
public static partial class DirectoryEndpoints
{
    public const int MaxOrganisationNameLength = 100;
    public const string InvalidId = "invalidId";
    public const string NotAllowed = "notAllowed";
    public const string InvalidText = "invalidText";

    private const string Tag = "Directory";
    private const string OrganisationRecord = "organisation";
    private const string MemberRecord = "member";

    // Codes the form card has no string for; the rest come from the cards' formErrors, as for referrals.
    private static readonly Dictionary<string, (string Da, string En)> OwnMessages = new(StringComparer.Ordinal)
    {
        [InvalidId] = ("Ugyldigt id.", "Not a valid id."),
        [NotAllowed] = ("Kun for partnermedarbejdere.", "Only for partner staff."),
        [InvalidText] = ("Teksten indeholder tegn, der ikke er tilladt.", "The text contains characters that are not allowed."),
    };

    public sealed record OrganisationResponse(string Id, string Kind, string Name, bool ReceivesOnwardReferrals);

    /// <summary><c>kind</c> is an organisation kind's name; <c>name</c> 1-100 characters.</summary>
    public sealed record PutOrganisationRequest(string? Kind, string? Name, bool? ReceivesOnwardReferrals);

    /// <summary>A person; <c>etag</c> is what a change or removal sends back in <c>If-Match</c>.</summary>
    public sealed record MemberResponse(string ObjectId, string Role, string? OrganisationId, string FirstName, string ETag);

    /// <summary><c>role</c> is a project role's name; <c>organisationId</c> is required for PartnerStaff (and only for them).</summary>
    public sealed record PutMemberRequest(string? Role, string? OrganisationId, string? FirstName);

    public static RouteGroupBuilder MapDirectoryEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var directory = api.MapGroup("/projects/{projectId}/directory")
            .RequireProjectRole(ProjectRole.Coordinator)
            .WithTags(Tag);

        directory.MapGet("/organisations", ListOrganisationsAsync)
            .Produces<IReadOnlyList<OrganisationResponse>>()
            .WithName("ListOrganisations")
            .WithSummary("The project's partner organisations. Coordinator only.");

        directory.MapPut("/organisations/{organisationId}", PutOrganisationAsync)
            .Produces<OrganisationResponse>()
            .Produces<OrganisationResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .WithName("PutOrganisation")
            .WithSummary("Adds (201) or replaces (200) an organisation. The id is a slug: a-z, 0-9 and hyphens, 3-40, starting with a letter.");

        directory.MapGet("/members", ListMembersAsync)
            .Produces<IReadOnlyList<MemberResponse>>()
            .WithName("ListMembers")
            .WithSummary("The project's people and their roles. Coordinator only.");

        directory.MapPut("/members/{objectId}", PutMemberAsync)
            .Produces<MemberResponse>()
            .Produces<MemberResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("PutMember")
            .WithSummary("Adds (201) or changes (200) a person by Entra object id and grants her role in the project.")
            .WithDescription("A change needs her ETag in If-Match (428 without it, 412 when stale); an add sends none. 409 when it would leave the project without a coordinator.");

        directory.MapDelete("/members/{objectId}", DeleteMemberAsync)
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("DeleteMember")
            .WithSummary("Revokes a person's role and removes her from the project.");

        return api;
    }

    private static async Task<IResult> ListOrganisationsAsync(HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var organisations = await directory.OrganisationsAsync(caller.ProjectId, cancellationToken);
        return TypedResults.Ok(organisations.Select(ToResponse).ToList());
    }

    private static async Task<IResult> PutOrganisationAsync(
        HttpContext http, string organisationId, PutOrganisationRequest body, DirectoryStore directory, AuditLog audit, CardCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Organisation.IsValidId(organisationId))
        {
            errors["organisationId"] = InvalidId;
        }

        var kind = EnumField<OrganisationKind>(body.Kind, "kind", errors);
        var name = Text(body.Name, "name", MaxOrganisationNameLength, errors);
        if (errors.Count > 0)
        {
            return Invalid(http, catalog, errors);
        }

        var existing = await directory.FindOrganisationAsync(caller.ProjectId, organisationId, cancellationToken);
        var organisation = new Organisation(organisationId, caller.ProjectId, kind!.Value, name!, body.ReceivesOnwardReferrals ?? false);
        await directory.UpsertOrganisationAsync(organisation, cancellationToken);
        await audit.RecordAsync(caller.ProjectId, caller.ObjectId, "PutOrganisation", OrganisationRecord, organisationId, allowed: true, cancellationToken);
        return existing is null
            ? TypedResults.Created($"/api/projects/{caller.ProjectId}/directory/organisations/{organisationId}", ToResponse(organisation))
            : TypedResults.Ok(ToResponse(organisation));
    }

    private static async Task<IResult> ListMembersAsync(HttpContext http, DirectoryStore directory, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var members = await directory.StoredMembersAsync(caller.ProjectId, role: null, cancellationToken);
        return TypedResults.Ok(members.Select(ToResponse).ToList());
    }

    private static async Task<IResult> PutMemberAsync(
        HttpContext http, string objectId, [FromHeader(Name = "If-Match")] string? ifMatch, PutMemberRequest body, DirectoryStore directory, AuditLog audit, CardCatalog catalog, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var id = ObjectId(objectId);
        if (id is null)
        {
            errors["objectId"] = InvalidId;
        }

        var role = EnumField<ProjectRole>(body.Role, "role", errors);
        var firstName = Text(body.FirstName, "firstName", ReferralForm.MaxNameLength, errors);
        if (firstName is not null && !NamePattern().IsMatch(firstName))
        {
            errors["firstName"] = ReferralForm.Errors.InvalidName;
        }

        var organisationId = string.IsNullOrWhiteSpace(body.OrganisationId) ? null : body.OrganisationId.Trim();
        if (role == ProjectRole.PartnerStaff && organisationId is null)
        {
            errors["organisationId"] = ReferralForm.Errors.Required;
        }
        else if (role is not null and not ProjectRole.PartnerStaff && organisationId is not null)
        {
            // Access rules read a person's organisation as "her referrals are theirs": only partner staff have one.
            errors["organisationId"] = NotAllowed;
        }
        else if (organisationId is not null
            && (!Organisation.IsValidId(organisationId) || await directory.FindOrganisationAsync(caller.ProjectId, organisationId, cancellationToken) is null))
        {
            errors["organisationId"] = ReferralForm.Errors.UnknownValue;
        }

        if (errors.Count > 0)
        {
            return Invalid(http, catalog, errors);
        }

        if (id == caller.ObjectId && role != ProjectRole.Coordinator)
        {
            return RestProblems.Conflict("You cannot take away your own coordinator role. Ask another coordinator.");
        }

        var existing = await directory.FindStoredMemberAsync(caller.ProjectId, id!, cancellationToken);
        var expected = RestHeaders.IfMatch(ifMatch);
        if (existing is not null && expected is null)
        {
            return RestHeaders.PreconditionRequired("She is already listed: send her ETag, as you read it, in an If-Match header to change her.");
        }

        var member = new ProjectMember(id!, caller.ProjectId, role!.Value, organisationId, firstName!);
        var outcome = existing is null
            ? expected is null ? await directory.AddMemberAsync(caller.TenantId, member, cancellationToken) : MemberWriteOutcome.NotFound
            : await directory.ChangeMemberAsync(caller.TenantId, caller.ObjectId, member, new ETag(expected!), cancellationToken);
        if (outcome is not (MemberWriteOutcome.Saved or MemberWriteOutcome.AlreadyApplied))
        {
            return await RefusedAsync(http, caller, id!, "PutMember", outcome, directory, audit, cancellationToken);
        }

        if (outcome == MemberWriteOutcome.Saved)
        {
            await audit.RecordAsync(caller.ProjectId, caller.ObjectId, "PutMember", MemberRecord, id!, allowed: true, cancellationToken);
        }

        var saved = await directory.FindStoredMemberAsync(caller.ProjectId, id!, cancellationToken);
        if (saved is null)
        {
            return RestProblems.PreconditionFailed("She was removed right after this change. Read the directory again.");
        }

        http.Response.Headers.ETag = saved.ETag.ToString();
        return existing is null
            ? TypedResults.Created($"/api/projects/{caller.ProjectId}/directory/members/{id}", ToResponse(saved))
            : TypedResults.Ok(ToResponse(saved));
    }

    /// <summary>A change that did not happen: 409 for the last coordinator, 412 (with the current ETag) for a lost race.</summary>
    private static async Task<IResult> RefusedAsync(
        HttpContext http, Caller caller, string id, string action, MemberWriteOutcome outcome, DirectoryStore directory, AuditLog audit, CancellationToken cancellationToken)
    {
        if (outcome == MemberWriteOutcome.LastCoordinator)
        {
            await audit.RecordAsync(caller.ProjectId, caller.ObjectId, action, MemberRecord, id, allowed: false, cancellationToken);
            return RestProblems.Conflict("She is the project's last coordinator. Make someone else coordinator first.");
        }

        if (await directory.FindStoredMemberAsync(caller.ProjectId, id, cancellationToken) is { } current)
        {
            http.Response.Headers.ETag = current.ETag.ToString();
        }

        return RestProblems.PreconditionFailed("She has changed (or been added or removed) since the ETag you sent. Read her again and decide again.");
    }

    private static async Task<IResult> DeleteMemberAsync(
        HttpContext http, string objectId, [FromHeader(Name = "If-Match")] string? ifMatch, DirectoryStore directory, AuditLog audit, OutboxWriter outbox, IOutboxNudge nudge, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (ObjectId(objectId) is not { } id || await directory.FindMemberAsync(caller.ProjectId, id, cancellationToken) is not { } member)
        {
            return RestProblems.NotFound("Member not found", "There is no person with this object id in the project.");
        }

        if (id == caller.ObjectId)
        {
            return RestProblems.Conflict("You cannot remove yourself. Ask another coordinator.");
        }

        if (RestHeaders.IfMatch(ifMatch) is not { } expected)
        {
            return RestHeaders.PreconditionRequired("Send her ETag, as you read it, in an If-Match header to remove her.");
        }

        // Other features learn which role she had (a mother leaves referrals behind); the removal is conditional on her ETag.
        var removed = outbox.Create(caller.ProjectId, DirectoryNotifications.MemberRemoved(id, member.Role, caller.ObjectId));
        var outcome = await directory.RemoveMemberAsync(caller.TenantId, caller.ProjectId, id, new ETag(expected), cancellationToken, [removed.Action]);
        if (outcome != MemberWriteOutcome.Saved)
        {
            return await RefusedAsync(http, caller, id, "DeleteMember", outcome, directory, audit, cancellationToken);
        }

        await nudge.NudgeAsync([removed], cancellationToken);
        await audit.RecordAsync(caller.ProjectId, caller.ObjectId, "DeleteMember", MemberRecord, id, allowed: true, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Entra object ids are GUIDs; canonical lower-case "D" form, as tokens carry them, so lookups match.</summary>
    private static string? ObjectId(string value) =>
        Guid.TryParseExact(value, "D", out var guid) ? guid.ToString("D") : null;

    private static T? EnumField<T>(string? value, string field, Dictionary<string, string> errors)
        where T : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = ReferralForm.Errors.Required;
            return null;
        }

        // Names only, any case; never a number (Enum.TryParse would take "3").
        if (Array.Find(Enum.GetNames<T>(), n => n.Equals(value.Trim(), StringComparison.OrdinalIgnoreCase)) is { } match)
        {
            return Enum.Parse<T>(match);
        }

        errors[field] = ReferralForm.Errors.UnknownValue;
        return null;
    }

    private static string? Text(string? value, string field, int maxLength, Dictionary<string, string> errors)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors[field] = ReferralForm.Errors.Required;
            return null;
        }

        if (text.Length > maxLength)
        {
            errors[field] = ReferralForm.Errors.TooLong;
            return null;
        }

        if (text.Any(char.IsControl))
        {
            errors[field] = InvalidText;
            return null;
        }

        return text;
    }

    private static IResult Invalid(HttpContext http, CardCatalog catalog, Dictionary<string, string> errors)
    {
        var language = RestHeaders.Language(http.Request);
        var messages = errors.ToDictionary(
            e => e.Key,
            e => new[]
            {
                OwnMessages.TryGetValue(e.Value, out var own)
                    ? (language == Languages.English ? own.En : own.Da)
                    : catalog.Text(language, "formErrors." + e.Value),
            },
            StringComparer.Ordinal);
        return RestProblems.Validation(messages);
    }

    private static OrganisationResponse ToResponse(Organisation o) => new(o.Id, o.Kind.ToString(), o.Name, o.ReceivesOnwardReferrals);

    private static MemberResponse ToResponse(StoredMember stored) =>
        new(stored.Member.ObjectId, stored.Member.Role.ToString(), stored.Member.OrganisationId, stored.Member.FirstName, stored.ETag.ToString());

    /// <summary>Organisation ids become row keys and URL segments: the same plain shape as project ids.</summary>

    /// <summary>Letters, with spaces, hyphens, apostrophes and dots between: as the referral form's first name, never digits.</summary>
    [GeneratedRegex(@"^[\p{L}][\p{L}\p{M} .'\-]*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex NamePattern();
}
