using PartnerHub.Api.Reporting;
using PartnerHub.Core.Course;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Course;

/// <summary>
/// The report's course figures (Core's <see cref="CourseReportCounts"/>): one prefix query for the project's cohorts
/// (a project runs one or two a year), then attendance and certificates only of the cohorts the period can count.
/// Read from the cohort rows themselves, so they are as current as the course.
/// </summary>
public sealed class CourseReportSection(CourseStore store, CertificateStore certificates, CourseSettingsStore settings, CourseChanges changes) : IReportSection
{
    public string Id => "course";

    public async Task<SectionCounts> ReadAsync(string projectId, ReportPeriod period, CancellationToken cancellationToken)
    {
        var cohorts = new List<CohortForReport>();
        foreach (var stored in await store.CohortsAsync(projectId, cancellationToken))
        {
            var cohort = stored.Cohort;
            if (!CourseReportCounts.MayCount(cohort, period))
            {
                continue;
            }

            var register = await store.AttendanceAsync(projectId, cohort.Id, cancellationToken);
            var issued = await certificates.ListAsync(projectId, cohort.Id, cancellationToken);
            cohorts.Add(new CohortForReport(cohort, register.Register, [.. issued.Select(c => c.IssuedAt)]));
        }

        var rule = (await settings.GetAsync(projectId, cancellationToken)).Settings.Completion;
        return CourseReportCounts.For(cohorts, rule, period, changes.Today);
    }
}
