using PartnerHub.Api.Rest;

namespace PartnerHub.Api.Reporting;

/// <summary>The report endpoints' problems, one wording for the JSON report and the exports alike.</summary>
internal static class ReportProblems
{
    public static IResult BadPeriod() => RestProblems.Validation(
        new Dictionary<string, string[]> { ["period"] = ["Give the period as 2026-Q3, 2026 or 2026-01..2026-06 (years 2000-2100, at most 60 months, first month first)."] });

    /// <summary>
    /// The programme report's caller, asked before her period so the role decides first, the same for the JSON report and
    /// the exports: no Entra identity is 401 (as the REST policy rules: such a token authenticates nobody), not appointed
    /// is 403; otherwise her identity.
    /// </summary>
    public static async Task<(IResult? Refusal, (string TenantId, string ObjectId) Lead)> ProgrammeLeadAsync(HttpContext http, ProgrammeLeadStore leads, CancellationToken cancellationToken)
    {
        if (http.User.EntraIdentity() is not { } identity)
        {
            return (Results.Problem(statusCode: StatusCodes.Status401Unauthorized), default);
        }

        return await leads.FindAsync(identity.TenantId, identity.ObjectId, cancellationToken) is null ? (Forbidden(), default) : (null, identity);
    }

    public static IResult Forbidden() => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: "Only the project's coordinator, or a programme lead for her own projects, may have this report.");
}
