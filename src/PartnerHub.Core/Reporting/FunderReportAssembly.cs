namespace PartnerHub.Core.Reporting;

/// <summary>One project's raw sections for the period, with its own suppression rule.</summary>
public sealed record ProjectSections(string ProjectId, string ProjectName, SuppressionRule Rule, IReadOnlyList<SectionCounts> Sections);

/// <summary>
/// Turns raw section counts into the published <see cref="FunderReport"/>. For several projects (a programme lead)
/// the raw counts are added first – tables row by row under the union of their keys, histograms day by day, rates
/// part by part – and suppressed once with the strictest rule, so no project's small numbers show through the sum.
/// </summary>
public static class FunderReportAssembly
{
    public static FunderReport Assemble(IReadOnlyList<ProjectSections> projects, ReportPeriod period, DateTimeOffset madeAt)
    {
        ArgumentNullException.ThrowIfNull(projects);
        ArgumentNullException.ThrowIfNull(period);
        if (projects.Count == 0)
        {
            throw new ArgumentException("At least one project is needed.", nameof(projects));
        }

        var rule = SuppressionRule.Strictest(projects.Select(project => project.Rule));
        var sections = projects.SelectMany(project => project.Sections).ToList();
        var figures = CombineFigures(sections.SelectMany(section => section.Figures)).Select(figure => Publish(figure, rule)).ToList();
        var tables = CombineTables(sections.SelectMany(section => section.Tables)).Select(table => Publish(table, rule)).ToList();
        return new FunderReport(
            projects.Select(project => project.ProjectId).ToList(),
            projects.Select(project => project.ProjectName).ToList(),
            period,
            rule,
            figures,
            tables,
            madeAt);
    }

    /// <summary>The median of a histogram of whole days (the mean of the two middle cases when their number is even); null when empty.</summary>
    public static double? Median(IReadOnlyDictionary<int, int> histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        var total = histogram.Values.Where(count => count > 0).Sum();
        if (total == 0)
        {
            return null;
        }

        var ordered = histogram.Where(pair => pair.Value > 0).OrderBy(pair => pair.Key).ToList();
        return (Nth((total - 1) / 2) + Nth(total / 2)) / 2.0;

        int Nth(int index)
        {
            foreach (var (days, count) in ordered)
            {
                if (index < count)
                {
                    return days;
                }

                index -= count;
            }

            throw new InvalidOperationException("Unreachable: the index is within the total.");
        }
    }

    private static ReportFigure Publish(RawFigure figure, SuppressionRule rule) => figure switch
    {
        RawCount count => ReportFigure.Count(count.Id, count.Count, rule),
        RawRate rate => ReportFigure.Of(rate.Id, ReportFigureKind.Percent, rate.Denominator, rate.Denominator == 0 ? null : 100.0 * rate.Numerator / rate.Denominator, rule),
        RawMedianDays median => ReportFigure.Of(median.Id, ReportFigureKind.MedianDays, median.DaysHistogram.Values.Where(c => c > 0).Sum(), Median(median.DaysHistogram), rule),
        _ => throw new ArgumentException("Unknown figure kind.", nameof(figure)),
    };

    private static ReportTable Publish(RawTable table, SuppressionRule rule) =>
        new(table.Id, table.RowKeys, table.ColumnKeys, SmallNumberSuppression.Suppress(table.Counts, rule), table.Chart) { CountsMentions = table.CountsMentions };

    private static IEnumerable<RawFigure> CombineFigures(IEnumerable<RawFigure> figures) =>
        figures.GroupBy(figure => figure.Id, StringComparer.Ordinal).Select(group => group.Aggregate(Add));

    private static RawFigure Add(RawFigure left, RawFigure right) => (left, right) switch
    {
        (RawCount a, RawCount b) => a with { Count = checked(a.Count + b.Count) },
        (RawRate a, RawRate b) => a with { Numerator = checked(a.Numerator + b.Numerator), Denominator = checked(a.Denominator + b.Denominator) },
        (RawMedianDays a, RawMedianDays b) => a with
        {
            DaysHistogram = a.DaysHistogram.Concat(b.DaysHistogram)
                .GroupBy(pair => pair.Key)
                .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value)),
        },
        _ => throw new ArgumentException($"Figure '{left.Id}' is of different kinds in different projects."),
    };

    private static IEnumerable<RawTable> CombineTables(IEnumerable<RawTable> tables) =>
        tables.GroupBy(table => table.Id, StringComparer.Ordinal).Select(group => group.Count() == 1 ? group.First() : Sum(group.ToList()));

    private static RawTable Sum(List<RawTable> tables)
    {
        var rows = tables.SelectMany(table => table.RowKeys).Distinct(StringComparer.Ordinal).ToList();
        var columns = tables.SelectMany(table => table.ColumnKeys).Distinct(StringComparer.Ordinal).ToList();
        var cells = new int[rows.Count, columns.Count];
        foreach (var table in tables)
        {
            for (var row = 0; row < table.RowKeys.Count; row++)
            {
                for (var column = 0; column < table.ColumnKeys.Count; column++)
                {
                    var (r, c) = (rows.IndexOf(table.RowKeys[row]), columns.IndexOf(table.ColumnKeys[column]));
                    cells[r, c] = checked(cells[r, c] + table.Counts[row, column]);
                }
            }
        }

        return tables[0] with { RowKeys = rows, ColumnKeys = columns, Counts = new CountTable(cells) };
    }
}
