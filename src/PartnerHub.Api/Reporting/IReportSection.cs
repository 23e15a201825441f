using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Reporting;

/// <summary>
/// What one feature contributes to the funder report: its figures for a project and period, read from its keyed
/// per-month counter rows (never a scan over the project's history). Each feature registers its own.
/// </summary>
public interface IReportSection
{
    /// <summary>"referrals", "onward", "outreach", "supervision", "course": the report's order and the strings' key.</summary>
    string Id { get; }

    Task<SectionCounts> ReadAsync(string projectId, ReportPeriod period, CancellationToken cancellationToken);
}
