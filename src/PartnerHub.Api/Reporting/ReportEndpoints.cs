using Azure;
using Microsoft.AspNetCore.Mvc;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// REST: the funder report as JSON for the coordinator (her project) and the programme lead (her projects combined),
/// and the project's threshold. Aggregates only; hidden cells are <c>null</c> with <c>hidden: true</c>.
/// </summary>
public static class ReportEndpoints
{
    private const string Tag = "Funder report";

    public static RouteGroupBuilder MapReportEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        api.MapGet("/projects/{projectId}/report", ProjectReportAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .Produces<FunderReportResponse>()
            .ProducesValidationProblem()
            .WithName("GetFunderReport")
            .WithSummary("The project's funder report for a period (period=2026-Q3, 2026 or 2026-01..2026-06). Coordinators of the project only.")
            .WithTags(Tag);

        api.MapGet("/programme/report", ProgrammeReportAsync)
            .Produces<FunderReportResponse>()
            .ProducesValidationProblem()
            .WithName("GetProgrammeReport")
            .WithSummary("The combined funder report of the caller's projects as programme lead (aggregates only). 403 for anyone not appointed.")
            .WithTags(Tag);

        api.MapGet("/projects/{projectId}/report/settings", GetSettingsAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .Produces<ReportSettingsResponse>()
            .WithName("GetReportSettings")
            .WithSummary("The project's small-number threshold (default 5), with its ETag.")
            .WithTags(Tag);

        api.MapPut("/projects/{projectId}/report/settings", PutSettingsAsync)
            .RequireProjectRole(ProjectRole.Coordinator)
            .Produces<ReportSettingsResponse>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithName("PutReportSettings")
            .WithSummary("Changes the threshold (at least 2). If-Match with the ETag read, or If-None-Match: * when it was never set; 412 when someone changed it first.")
            .WithTags(Tag);
        return api;
    }

    private static async Task<IResult> ProjectReportAsync(HttpContext http, string? period, IFunderReports reports, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (ReportPeriod.Parse(period) is not { } parsed)
        {
            return ReportProblems.BadPeriod();
        }

        var report = await reports.ForProjectAsync(caller.ToActor(), parsed, cancellationToken);
        return report is null ? ReportProblems.Forbidden() : TypedResults.Ok(FunderReportResponse.Of(report));
    }

    private static async Task<IResult> ProgrammeReportAsync(HttpContext http, string? period, IFunderReports reports, ProgrammeLeadStore leads, CancellationToken cancellationToken)
    {
        var (refusal, identity) = await ReportProblems.ProgrammeLeadAsync(http, leads, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (ReportPeriod.Parse(period) is not { } parsed)
        {
            return ReportProblems.BadPeriod();
        }

        var report = await reports.ForProgrammeLeadAsync(identity.TenantId, identity.ObjectId, parsed, cancellationToken);
        return report is null ? ReportProblems.Forbidden() : TypedResults.Ok(FunderReportResponse.Of(report));
    }

    private static async Task<IResult> GetSettingsAsync(HttpContext http, ReportSettingsStore settings, CancellationToken cancellationToken)
    {
        var stored = await settings.ReadAsync(http.GetCaller().ProjectId, cancellationToken);
        return TypedResults.Ok(new ReportSettingsResponse(stored.Rule.Threshold, stored.ETag?.ToString()));
    }

    private static async Task<IResult> PutSettingsAsync(
        HttpContext http,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromHeader(Name = "If-None-Match")] string? ifNoneMatch,
        ReportSettingsRequest? body,
        ReportSettingsService settings,
        CancellationToken cancellationToken)
    {
        if (!SuppressionRule.IsValidThreshold(body?.Threshold))
        {
            return RestProblems.Validation(new Dictionary<string, string[]>
            {
                ["threshold"] = [$"A whole number from {SuppressionRule.MinThreshold} to {SuppressionRule.MaxThreshold}."],
            });
        }

        var etag = RestHeaders.IfMatch(ifMatch);
        if (etag is null && ifNoneMatch?.Trim() != "*")
        {
            return RestHeaders.PreconditionRequired("Send the ETag you read in If-Match, or If-None-Match: * when the threshold was never set.");
        }

        var change = await settings.ChangeAsync(http.GetCaller().ToActor(), body!.Threshold, etag is null ? null : new ETag(etag), cancellationToken);
        if (change is not { Outcome: ThresholdOutcome.Saved, Settings: { } written })
        {
            return change.Outcome == ThresholdOutcome.Forbidden
                ? ReportProblems.Forbidden()
                : RestProblems.PreconditionFailed("The threshold was changed by someone else; read it again.");
        }

        http.Response.Headers.ETag = written.ETag?.ToString();
        return TypedResults.Ok(new ReportSettingsResponse(written.Rule.Threshold, written.ETag?.ToString()));
    }
}
