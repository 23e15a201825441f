using PartnerHub.Api.Reporting;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Outreach;

/// <summary>
/// The outreach part of the funder report, from the month counter rows of the period (one RowKey range): contacts,
/// women reached, active mothers (each counted once over the period), and the tables by month, kind, topic and service.
/// </summary>
public sealed class OutreachReportSection(OutreachStore store, OutreachLog log) : IReportSection
{
    public string Id => "outreach";

    public async Task<SectionCounts> ReadAsync(string projectId, ReportPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var months = await store.MonthsAsync(projectId, period.FirstMonth, period.LastMonth, cancellationToken);
        var themes = await log.TopicsAsync(projectId, cancellationToken);
        return Counts(months, [.. themes.Themes.Select(t => t.Id)]);
    }

    /// <summary>The section from the period's months, in order; topics in the catalogue's order, then any no longer in it.</summary>
    public static SectionCounts Counts(IReadOnlyList<OutreachMonth> months, IReadOnlyList<string> topicOrder)
    {
        ArgumentNullException.ThrowIfNull(months);
        ArgumentNullException.ThrowIfNull(topicOrder);
        var mothers = months.SelectMany(m => m.Mothers).Distinct(StringComparer.Ordinal).Count();
        var figures = new List<RawFigure>
        {
            new RawCount("outreachContacts", months.Sum(m => m.Entries)),
            new RawCount("womenReached", months.Sum(m => m.Women)),
            new RawCount("activeMothers", mothers),
        };

        var kinds = Enum.GetValues<OutreachKind>();
        var services = Enum.GetValues<OutreachService>();
        var topics = topicOrder.Concat(months.SelectMany(m => m.ByTopic.Keys).Order(StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var tables = new List<RawTable>
        {
            new(
                "outreachByMonth",
                [.. months.Select(m => "month." + ReportPeriod.MonthKey(m.Month))],
                ["contacts", "women"],
                ByMonth(months),
                ReportChart.Lines),
            new(
                "outreachByKind",
                [.. kinds.Select(k => "outreachKind." + k)],
                ["contacts"],
                CountTable.Column([.. kinds.Select(k => months.Sum(m => m.ByKind.GetValueOrDefault(k)))]),
                ReportChart.Bars),
            new(
                "outreachByService",
                [.. services.Select(s => "service." + s)],
                ["contacts"],
                CountTable.Column([.. services.Select(s => months.Sum(m => m.ByService.GetValueOrDefault(s)))]),
                ReportChart.Bars,
                CountsMentions: true),
        };
        if (topics.Count > 0)
        {
            // Without themes in the catalogue and none ever chosen there is no topic table: a table has at least one row.
            tables.Insert(2, new RawTable(
                "outreachByTopic",
                [.. topics.Select(t => "topic." + t)],
                ["contacts"],
                CountTable.Column([.. topics.Select(t => months.Sum(m => m.ByTopic.GetValueOrDefault(t)))]),
                ReportChart.Bars,
                CountsMentions: true));
        }

        return new SectionCounts(figures, tables);
    }

    private static CountTable ByMonth(IReadOnlyList<OutreachMonth> months)
    {
        var cells = new int[months.Count, 2];
        for (var row = 0; row < months.Count; row++)
        {
            cells[row, 0] = months[row].Entries;
            cells[row, 1] = months[row].Women;
        }

        return new CountTable(cells);
    }
}
