using PartnerHub.Api.Rest;

namespace PartnerHub.Api.Reporting;

/// <summary>The report endpoints' problems, one wording for the JSON report and the exports alike.</summary>
internal static class ReportProblems
{
    public static IResult BadPeriod() => RestProblems.Validation(
        new Dictionary<string, string[]> { ["period"] = ["Give the period as 2026-Q3, 2026 or 2026-01..2026-06 (years 2000-2100, at most 60 months, first month first)."] });

    /// <summary>Whether the caller is appointed a programme lead: asked before the period, so the role decides first.</summary>
    public static async Task<bool> IsProgrammeLeadAsync(ProgrammeLeadStore leads, (string TenantId, string ObjectId) identity, CancellationToken cancellationToken) =>
        await leads.FindAsync(identity.TenantId, identity.ObjectId, cancellationToken) is not null;

    public static IResult Forbidden() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the project's coordinator, or a programme lead for her own projects, may have this report.");
}
