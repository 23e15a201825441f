using PartnerHub.Core.Course;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>
/// Funder reports built the way the real service builds them: true counts per table, suppressed by Core's
/// <see cref="SmallNumberSuppression"/>. Every table and figure id of the report contract, with its keys.
/// </summary>
internal static class ReportSamples
{
    public static readonly ReportPeriod Quarter = ReportPeriod.Quarter(2026, 3);

    /// <summary>Each table's shape: id, row keys, column keys, chart, counts mentions.</summary>
    public static IReadOnlyList<(string Id, string[] Rows, string[] Columns, ReportChart Chart, bool Mentions)> Shapes(ReportPeriod period) =>
    [
        ("referralsByOrgKind", Keys("orgKind", "Kindergarten", "Nursery", "School", "SocialServices", "HealthVisitor", "JobCentre", "HousingAssociation", "VolunteerAssociation", "WomensCentre"), ["count"], ReportChart.Bars, false),
        ("referralsByNeed", Keys("need", "Children", "Health", "Language", "Work", "Network", "Authorities"), ["count"], ReportChart.Bars, true),
        ("referralsByState", Keys("state", "Submitted", "Accepted", "Declined", "Assigned", "Contacted", "Closed", "Withdrawn"), ["count"], ReportChart.None, false),
        ("referralsByOutcome", Keys("outcome", "JoinedActivities", "ReferredOn", "NotReached", "Declined"), ["count"], ReportChart.Bars, false),
        ("onwardByServiceAndAnswer", Keys("service", "JobCentre", "HealthVisitor", "SocialServices", "WomensCentre"), Keys("onwardState", "Sent", "Accepted", "Declined"), ReportChart.Bars, false),
        ("referralsByMonth", Months(period), ["count"], ReportChart.Lines, false),
        ("outreachByMonth", Months(period), ["contacts", "women"], ReportChart.Lines, false),
        ("outreachByKind", Keys("outreachKind", "HomeVisit", "OpenHouse", "Phone", "ElsewhereMeeting"), ["contacts", "women"], ReportChart.Bars, false),
        ("outreachByTopic", ThemeCatalogue.Default.Themes.Take(6).Select(t => "topic." + t.Id).ToArray(), ["count"], ReportChart.Bars, true),
        ("outreachByService", Keys("service", "JobCentre", "HealthVisitor", "SocialServices", "WomensCentre"), ["count"], ReportChart.None, true),
    ];

    public static readonly (string Id, ReportFigureKind Kind)[] FigureIds =
    [
        ("referrals", ReportFigureKind.Count),
        ("medianDaysToFirstContact", ReportFigureKind.MedianDays),
        ("onwardReferrals", ReportFigureKind.Count),
        ("outreachContacts", ReportFigureKind.Count),
        ("womenReached", ReportFigureKind.Count),
        ("activeMothers", ReportFigureKind.Count),
        ("sessionsHeld", ReportFigureKind.Count),
        ("attendanceRate", ReportFigureKind.Percent),
        ("courseParticipants", ReportFigureKind.Count),
        ("courseCompleted", ReportFigureKind.Count),
        ("certificatesIssued", ReportFigureKind.Count),
    ];

    /// <summary>A report from true counts: <paramref name="count"/>(table index, row, column) and <paramref name="figure"/>(figure index).</summary>
    public static (FunderReport Report, IReadOnlyList<CountTable> Truth, int[] FigureTruth) Build(
        Func<int, int, int, int> count, Func<int, int> figure, SuppressionRule? rule = null, ReportPeriod? period = null, string[]? projectNames = null)
    {
        rule ??= SuppressionRule.Default;
        period ??= Quarter;
        var truths = new List<CountTable>();
        var tables = new List<ReportTable>();
        var shapes = Shapes(period);
        for (var t = 0; t < shapes.Count; t++)
        {
            var (id, rows, columns, chart, mentions) = shapes[t];
            var counts = new int[rows.Length, columns.Length];
            for (var r = 0; r < rows.Length; r++)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    counts[r, c] = count(t, r, c);
                }
            }

            var truth = new CountTable(counts);
            truths.Add(truth);
            tables.Add(new ReportTable(id, rows, columns, SmallNumberSuppression.Suppress(truth, rule), chart) { CountsMentions = mentions });
        }

        var figureTruth = FigureIds.Select((_, i) => figure(i)).ToArray();
        var figures = FigureIds.Select((f, i) => f.Kind switch
        {
            ReportFigureKind.Count => ReportFigure.Count(f.Id, figureTruth[i], rule),
            ReportFigureKind.MedianDays => ReportFigure.Of(f.Id, f.Kind, figureTruth[i], 4.5, rule),
            _ => ReportFigure.Of(f.Id, f.Kind, figureTruth[i], 82.4, rule),
        }).ToList();
        var names = projectNames ?? ["Bydelsmødre Vollsmose"];
        var ids = names.Select((_, i) => "project-" + i).ToList();
        var report = new FunderReport(ids, names, period, rule, figures, tables, new DateTimeOffset(2026, 10, 5, 9, 30, 0, TimeSpan.Zero));
        return (report, truths, figureTruth);
    }

    /// <summary>A report worth looking at: mostly comfortable counts, a few small ones that must be hidden.</summary>
    public static FunderReport Typical(SuppressionRule? rule = null, ReportPeriod? period = null) =>
        Build((t, r, c) => ((t * 7) + (r * 13) + (c * 5)) % 23 is var n && n is 3 ? 2 : n + 6, i => i == 5 ? 3 : 20 + (i * 9), rule, period).Report;

    private static string[] Keys(string prefix, params string[] names) => names.Select(n => prefix + "." + n).ToArray();

    private static string[] Months(ReportPeriod period) => period.Months().Select(m => "month." + ReportPeriod.MonthKey(m)).ToArray();
}
