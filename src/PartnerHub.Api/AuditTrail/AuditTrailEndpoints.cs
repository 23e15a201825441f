using Microsoft.Net.Http.Headers;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.AuditTrail;

/// <summary>
/// REST: <c>GET /api/projects/{projectId}/audit</c>, the project's audit trail for its coordinators, as JSON or as CSV
/// for Danish Excel. The role is checked before any query field is read; every field is then checked by
/// <see cref="AuditTrailFilter.Parse"/> (400 problem naming the field); the read or export is itself audited.
/// </summary>
public static class AuditTrailEndpoints
{
    private const string Tag = "Audit trail";

    public static RouteGroupBuilder MapAuditTrailEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/projects/{projectId}/audit", GetAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .Produces<AuditTrailResponse>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName("GetAuditTrail")
            .WithSummary("Who read or changed which record of the project, newest first. Coordinators of the project only.")
            .WithDescription("from, to: yyyy-MM-dd, Copenhagen dates, both included (default: the last 30 days; at most 36 calendar months). "
                + "actor: one person's object id. recordType and recordId together: one record (e.g. referral and its id). "
                + "format: json (default) or csv (UTF-8 with BOM, semicolons, for Danish Excel). Texts in the Accept-Language (da default, en). "
                + $"At most {AuditTrailService.MaxRows} rows; truncated says when more were left out.")
            .WithTags(Tag);
        return api;
    }

    private static async Task<IResult> GetAsync(
        HttpContext http, string? from, string? to, string? actor, string? recordType, string? recordId, string? format,
        AuditTrailService trail, AuditTrailTexts texts, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        var csv = format?.Trim().ToLowerInvariant() switch
        {
            null or "" or "json" => (bool?)false,
            "csv" => true,
            _ => null,
        };
        var parsed = AuditTrailFilter.Parse(from, to, actor, recordType, recordId, CopenhagenTime.DateOf(time.GetUtcNow()));
        if (parsed.Filter is not { } filter || csv is not { } asCsv)
        {
            var english = texts.For(Languages.English);
            var errors = parsed.Errors.ToDictionary(e => e.Key, e => new[] { english.Error(e.Value) }, StringComparer.Ordinal);
            if (csv is null)
            {
                errors["format"] = ["json or csv."];
            }

            return RestProblems.Validation(errors);
        }

        var page = await trail.ReadAsync(caller.ToActor(), filter, asCsv ? AuditTrailUse.Export : AuditTrailUse.View, cancellationToken);
        if (page is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the project's coordinators may read its audit trail.");
        }

        var text = texts.For(RestHeaders.Language(http.Request));
        http.Response.Headers.CacheControl = "no-store";
        if (!asCsv)
        {
            return TypedResults.Ok(AuditTrailResponse.Of(caller.ProjectId, page, text));
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = AuditTrailCsv.FileName(caller.ProjectId, filter, text) }.ToString();
        return Results.File(AuditTrailCsv.Create(page, text), Documents.ExcelCsv.ContentType);
    }
}

/// <summary>The trail as JSON: the period read, whether rows were left out, and the rows with their words.</summary>
public sealed record AuditTrailResponse(string ProjectId, string From, string To, bool Truncated, IReadOnlyList<AuditTrailRow> Entries)
{
    internal static AuditTrailResponse Of(string projectId, AuditTrailPage page, AuditTrailText text) => new(
        projectId,
        AuditTrailFilter.IsoDate(page.Filter.From),
        AuditTrailFilter.IsoDate(page.Filter.To),
        page.Truncated,
        [.. page.Entries.Select(e => new AuditTrailRow(e.At, e.Actor, page.Person(e, text), e.Action, text.Action(e.Action), e.RecordType, text.RecordType(e.RecordType), e.RecordId, e.Allowed))]);
}

/// <summary>One row: when (UTC), who (object id and in words), what action, which record, allowed or refused.</summary>
public sealed record AuditTrailRow(
    DateTimeOffset At, string Actor, string ActorName, string Action, string ActionText, string RecordType, string RecordTypeText, string RecordId, bool Allowed);
