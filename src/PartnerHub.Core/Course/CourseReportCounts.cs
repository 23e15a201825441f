using PartnerHub.Core.Localization;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Course;

/// <summary>One cohort as the report needs it: its plan and participants, the attendance, when its certificates were issued.</summary>
public sealed record CohortForReport(Cohort Cohort, AttendanceRegister Register, IReadOnlyList<DateTimeOffset> CertificatesIssuedAt);

/// <summary>
/// The course's figures for the funder report. A cohort's participants count in a period the course ran in (a
/// counting session in it); who completed counts in the period the course ended in, once it has ended; a certificate
/// counts in the Copenhagen month it was issued. Read from the few cohort rows, never from people.
/// </summary>
public static class CourseReportCounts
{
    /// <summary>How far back a cohort can end and still have certificates issued in the period.</summary>
    public const int CertificateMonthsAfterEnd = 12;

    public static DateOnly? FirstDay(Cohort cohort) => cohort.Plan.Counting.Select(s => (DateOnly?)s.Date).FirstOrDefault();

    public static DateOnly? LastDay(Cohort cohort) => cohort.Plan.Counting.Select(s => (DateOnly?)s.Date).LastOrDefault();

    /// <summary>Whether the report for <paramref name="period"/> needs this cohort's attendance and certificates at all.</summary>
    public static bool MayCount(Cohort cohort, ReportPeriod period) =>
        FirstDay(cohort) is { } first && LastDay(cohort) is { } last
        && first <= period.LastDay && last >= period.FirstMonth.AddMonths(-CertificateMonthsAfterEnd);

    public static SectionCounts For(IEnumerable<CohortForReport> cohorts, CompletionRule rule, ReportPeriod period, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(cohorts);
        ArgumentNullException.ThrowIfNull(period);
        int participants = 0, completed = 0, certificates = 0;
        foreach (var (cohort, register, issued) in cohorts)
        {
            if (cohort.Plan.Counting.Any(s => period.Contains(s.Date)))
            {
                participants += cohort.Participants.Count;
            }

            if (LastDay(cohort) is { } end && period.Contains(end) && end <= today)
            {
                completed += Completion.Completed(cohort.Participants, cohort.Plan, register, rule, end).Count;
            }

            certificates += issued.Count(at => period.Contains(CopenhagenTime.DateOf(at)));
        }

        return new SectionCounts(
            [new RawCount("courseParticipants", participants), new RawCount("courseCompleted", completed), new RawCount("certificatesIssued", certificates)],
            []);
    }
}
