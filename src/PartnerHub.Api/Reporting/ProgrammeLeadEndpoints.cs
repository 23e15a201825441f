using Azure;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// REST for administrators: appoint a programme lead (<c>PUT /api/admin/programme-leads/{objectId}</c>) who may see
/// the combined funder report of projects of the administrator's own tenant.
/// </summary>
public static class ProgrammeLeadEndpoints
{
    public const int MaxProjects = ProjectStore.MaxProjectsPerTenant;
    public const int MaxFirstNameLength = 60;

    public static RouteGroupBuilder MapProgrammeLeadEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        var admin = api.MapGroup("/admin/programme-leads").RequireAuthorization(AdministrationRegistration.Policy).WithTags("Administration");
        admin.MapGet("/{objectId}", GetAsync)
            .Produces<ProgrammeLeadResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetProgrammeLead")
            .WithSummary("A programme lead's appointment, with its ETag. Administrators only.");
        admin.MapPut("/{objectId}", PutAsync)
            .Produces<ProgrammeLeadResponse>()
            .Produces<ProgrammeLeadResponse>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("PutProgrammeLead")
            .WithSummary("Appoints (If-None-Match: *, 201) or changes (If-Match, 200) a programme lead: projectIds of this tenant and her first name. Administrators only.");
        return api;
    }

    private static async Task<IResult> GetAsync(HttpContext http, string objectId, ProgrammeLeadStore leads, CancellationToken cancellationToken)
    {
        var (tenantId, _) = http.User.EntraIdentity()!.Value;
        return IsObjectId(objectId) && await leads.FindAsync(tenantId, objectId, cancellationToken) is { } stored
            ? TypedResults.Ok(ToResponse(stored))
            : RestProblems.NotFound("Programme lead not found", "No programme lead with this object id in your tenant.");
    }

    private static async Task<IResult> PutAsync(
        HttpContext http,
        string objectId,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch,
        ProgrammeLeadRequest? body,
        ProgrammeLeadStore leads,
        ProjectStore projects,
        CancellationToken cancellationToken)
    {
        var (tenantId, adminId) = http.User.EntraIdentity()!.Value;
        var errors = new Dictionary<string, string[]>();
        if (!IsObjectId(objectId))
        {
            errors["objectId"] = ["An Entra object id (a GUID)."];
        }

        var firstName = body?.FirstName?.Trim();
        if (string.IsNullOrEmpty(firstName) || firstName.Length > MaxFirstNameLength || firstName.Any(char.IsControl))
        {
            errors["firstName"] = [$"Required, at most {MaxFirstNameLength} characters."];
        }

        var ids = (body?.ProjectIds ?? []).Select(id => id?.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count is 0 or > MaxProjects || ids.Any(id => !Project.IsValidId(id)))
        {
            errors["projectIds"] = [$"1 to {MaxProjects} project ids."];
        }
        else
        {
            foreach (var id in ids)
            {
                if (await projects.FindAsync(id!, cancellationToken) is not { } project || !string.Equals(project.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
                {
                    errors["projectIds"] = ["Every project must exist in your tenant."];
                    break;
                }
            }
        }

        if (errors.Count > 0)
        {
            return RestProblems.Validation(errors);
        }

        var etag = RestHeaders.IfMatch(ifMatch);
        var creating = ifNoneMatch?.Trim() == "*";
        if (etag is null && !creating)
        {
            return RestHeaders.PreconditionRequired("Send If-None-Match: * to appoint her, or If-Match with the ETag you read to change her appointment.");
        }

        var lead = new ProgrammeLead(tenantId, objectId, firstName!, ids!);
        var written = await leads.WriteAsync(lead, etag is null ? null : new ETag(etag), adminId, cancellationToken);
        if (written is null)
        {
            return RestProblems.PreconditionFailed(creating ? "She is a programme lead already; read her appointment and send If-Match." : "Her appointment was changed by someone else; read it again.");
        }

        http.Response.Headers.ETag = written.ETag.ToString();
        return creating ? TypedResults.Created($"/api/admin/programme-leads/{objectId}", ToResponse(written)) : TypedResults.Ok(ToResponse(written));
    }

    private static bool IsObjectId(string? objectId) => Guid.TryParseExact(objectId, "D", out _);

    private static ProgrammeLeadResponse ToResponse(StoredProgrammeLead stored) =>
        new(stored.Lead.ObjectId, stored.Lead.FirstName, stored.Lead.ProjectIds, stored.ETag.ToString());
}
