namespace PartnerHub.Core.Reporting;

/// <summary>
/// The programme lead's view across several projects: the projects' tables are added up first and suppressed once,
/// with the strictest threshold among them, so no project's small numbers show through the sum.
/// </summary>
public static class ProgrammeReport
{
    public static SuppressedTable Combine(IReadOnlyList<(CountTable Table, SuppressionRule Rule)> projects)
    {
        ArgumentNullException.ThrowIfNull(projects);
        if (projects.Count == 0)
        {
            throw new ArgumentException("At least one project is needed.", nameof(projects));
        }

        var first = projects[0].Table;
        if (projects.Any(project => project.Table.Rows != first.Rows || project.Table.Columns != first.Columns))
        {
            throw new ArgumentException("The projects' tables must have the same rows and columns.", nameof(projects));
        }

        var sums = new int[first.Rows, first.Columns];
        foreach (var (table, _) in projects)
        {
            for (var row = 0; row < first.Rows; row++)
            {
                for (var column = 0; column < first.Columns; column++)
                {
                    sums[row, column] = checked(sums[row, column] + table[row, column]);
                }
            }
        }

        var rule = SuppressionRule.Strictest(projects.Select(project => project.Rule));
        return SmallNumberSuppression.Suppress(new CountTable(sums), rule);
    }
}
