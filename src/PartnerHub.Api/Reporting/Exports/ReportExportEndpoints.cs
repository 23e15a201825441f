using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;
using PartnerHub.Api.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting.Exports;

/// <summary>
/// REST: the funder report as a download, for a project's coordinator and for a programme lead across her projects.
/// Who may have it is asked before the period is read (a caller without the role learns nothing from a 400), and again
/// by <see cref="IFunderReports"/> (null → 403); the report it returns is already suppressed, so these handlers only
/// write it out. The file name is built from the project id and the period alone.
/// </summary>
public static class ReportExportEndpoints
{
    private const string Tag = "Reports";

    public static RouteGroupBuilder MapReportExportEndpoints(this RouteGroupBuilder api)
    {
        ArgumentNullException.ThrowIfNull(api);
        foreach (var format in ExportFormat.All)
        {
            api.MapGet($"/projects/{{projectId}}/report.{format.Extension}", (HttpContext http, string? period, string? lang, [FromServices] IFunderReports reports, [FromServices] ReportTexts texts, CancellationToken cancellationToken) =>
                    ProjectAsync(http, format, period, lang, reports, texts, cancellationToken))
                .RequireProjectRole(ProjectRole.Coordinator)
                .WithTags(Tag)
                .WithName("ProjectReport" + format.Name)
                .WithSummary($"The project's funder report for a period as {format.Name} (coordinator only; aggregates, small numbers hidden).")
                .WithDescription("period: 2026-Q3, 2026 or 2026-01..2026-06 (at most 60 months). lang: da (default) or en; without it, Accept-Language.");

            api.MapGet($"/programme/report.{format.Extension}", (HttpContext http, string? period, string? lang, [FromServices] IFunderReports reports, [FromServices] ProgrammeLeadStore leads, [FromServices] ReportTexts texts, CancellationToken cancellationToken) =>
                    ProgrammeAsync(http, format, period, lang, reports, leads, texts, cancellationToken))
                .WithTags(Tag)
                .WithName("ProgrammeReport" + format.Name)
                .WithSummary($"The funder report across the caller's projects as a programme lead, as {format.Name} (aggregates only).")
                .WithDescription("period: 2026-Q3, 2026 or 2026-01..2026-06 (at most 60 months). lang: da (default) or en; without it, Accept-Language.");
        }

        return api;
    }

    private static async Task<IResult> ProjectAsync(
        HttpContext http, ExportFormat format, string? period, string? lang, IFunderReports reports, ReportTexts texts, CancellationToken cancellationToken)
    {
        var caller = http.GetCaller();
        if (ReportPeriod.Parse(period) is not { } parsed)
        {
            return ReportProblems.BadPeriod();
        }

        var report = await reports.ForProjectAsync(caller.ToActor(), parsed, cancellationToken);
        return report is null ? ReportProblems.Forbidden() : File(http, format, report, texts.For(lang ?? RestHeaders.Language(http.Request)), caller.ProjectId);
    }

    private static async Task<IResult> ProgrammeAsync(
        HttpContext http, ExportFormat format, string? period, string? lang, IFunderReports reports, ProgrammeLeadStore leads, ReportTexts texts, CancellationToken cancellationToken)
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
        return report is null ? ReportProblems.Forbidden() : File(http, format, report, texts.For(lang ?? RestHeaders.Language(http.Request)), "programme");
    }

    private static IResult File(HttpContext http, ExportFormat format, FunderReport report, ReportText text, string scope)
    {
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = FileName(scope, report.Period, format, text.Language) }.ToString();
        return Results.File(format.Write(report, text), format.ContentType);
    }

    /// <summary>"rapport-vollsmose-2026-Q3.xlsx": ids and the period only (ASCII by construction), never a name someone typed.</summary>
    internal static string FileName(string scope, ReportPeriod period, ExportFormat format, string language) =>
        $"{(language == "en" ? "report" : "rapport")}-{scope}-{period.ToString().Replace("..", "_to_", StringComparison.Ordinal)}.{format.Extension}";
}

/// <summary>One download format: its extension, content type and writer.</summary>
public sealed record ExportFormat(string Name, string Extension, string ContentType, Func<FunderReport, ReportText, byte[]> Write)
{
    public static ExportFormat Xlsx { get; } = new("Xlsx", "xlsx", ReportWorkbook.ContentType, ReportWorkbook.Create);

    public static ExportFormat Csv { get; } = new("Csv", "csv", ReportCsv.ContentType, ReportCsv.Create);

    public static ExportFormat Pdf { get; } = new("Pdf", "pdf", ReportPdf.ContentType, ReportPdf.Create);

    public static IReadOnlyList<ExportFormat> All { get; } = [Xlsx, Csv, Pdf];
}
