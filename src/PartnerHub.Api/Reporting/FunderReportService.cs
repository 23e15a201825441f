using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Audit;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// The funder report: asks every registered <see cref="IReportSection"/> for its raw counts (keyed month rows) and
/// hands them to <see cref="FunderReportAssembly"/>, which suppresses. A coordinator gets her project's report; a
/// programme lead the sum over her projects of her own tenant, suppressed once with the strictest threshold. Every
/// read is audited here, whatever asked for it (JSON, an export, the tab), in each project it covers.
/// </summary>
public sealed class FunderReportService(
    IEnumerable<IReportSection> sections,
    ProjectStore projects,
    ReportSettingsStore settings,
    ProgrammeLeadStore leads,
    AuditLog audit,
    TimeProvider time) : IFunderReports
{
    [AuditAction]
    public const string ViewReportAction = "ViewReport";
    [AuditAction]
    public const string ViewProgrammeReportAction = "ViewProgrammeReport";

    /// <summary>The sections in the report's order; a feature not registered simply has no section.</summary>
    private static readonly string[] Order = ["referrals", "onward", "outreach", "supervision", "course"];

    private readonly IReadOnlyList<IReportSection> _sections =
        [.. sections.OrderBy(section => Array.IndexOf(Order, section.Id) is var i and >= 0 ? i : Order.Length).ThenBy(section => section.Id, StringComparer.Ordinal)];

    public async Task<FunderReport?> ForProjectAsync(Actor actor, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(period);
        if (actor.Role != ProjectRole.Coordinator || await projects.FindAsync(actor.ProjectId, cancellationToken) is not { } project)
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, ViewReportAction, "report", period.ToString(), allowed: false, cancellationToken);
            return null;
        }

        var report = FunderReportAssembly.Assemble([await ReadAsync(project, period, cancellationToken)], period, time.GetUtcNow());
        await audit.RecordAsync(project.Id, actor.ObjectId, ViewReportAction, "report", period.ToString(), allowed: true, cancellationToken);
        return report;
    }

    public async Task<FunderReport?> ForProgrammeLeadAsync(string tenantId, string objectId, ReportPeriod period, CancellationToken cancellationToken)
    {
        if (await leads.FindAsync(tenantId, objectId, cancellationToken) is not { } stored)
        {
            return null;
        }

        var mine = new List<ProjectSections>();
        foreach (var projectId in stored.Lead.ProjectIds.Distinct(StringComparer.Ordinal))
        {
            // Only projects of her own municipality, whatever the appointment says.
            if (await projects.FindAsync(projectId, cancellationToken) is { } project && string.Equals(project.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                mine.Add(await ReadAsync(project, period, cancellationToken));
            }
        }

        if (mine.Count == 0)
        {
            return null;
        }

        var report = FunderReportAssembly.Assemble(mine, period, time.GetUtcNow());
        foreach (var project in mine)
        {
            await audit.RecordAsync(project.ProjectId, objectId, ViewProgrammeReportAction, "report", period.ToString(), allowed: true, cancellationToken);
        }

        return report;
    }

    private async Task<ProjectSections> ReadAsync(Project project, ReportPeriod period, CancellationToken cancellationToken)
    {
        var rule = (await settings.ReadAsync(project.Id, cancellationToken)).Rule;
        var counts = await Task.WhenAll(_sections.Select(section => section.ReadAsync(project.Id, period, cancellationToken)));
        return new ProjectSections(project.Id, project.Name, rule, counts);
    }
}
