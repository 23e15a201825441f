namespace PartnerHub.Core.Reporting;

/// <summary>
/// Primary and secondary small-number suppression of one table (algorithm and its limits: README.md here).
/// Works on the table extended by its totals: every row and every column of that grid is a line whose cells add up
/// to the line's last cell.
/// </summary>
public static class SmallNumberSuppression
{
    public static SuppressedTable Suppress(CountTable table, SuppressionRule rule)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(rule);
        var grid = new TotalsGrid(table);
        var suppressed = new bool[grid.Height, grid.Width];
        foreach (var (row, column) in grid.AllCells())
        {
            suppressed[row, column] = rule.IsTooSmall(grid.Values[row, column]);
        }

        // Each round suppresses one more cell, so the loops end: at worst every non-zero cell is suppressed.
        while ((NextSecondary(grid, suppressed) ?? NextAfterAudit(grid, suppressed)) is { } cell)
        {
            suppressed[cell.Row, cell.Column] = true;
        }

        var cells = new ReportCell[grid.Height, grid.Width];
        foreach (var (row, column) in grid.AllCells())
        {
            cells[row, column] = suppressed[row, column] ? ReportCell.Suppressed : ReportCell.Shown(grid.Values[row, column]);
        }

        return new SuppressedTable(cells, table.Rows, table.Columns, rule.Threshold);
    }

    private static (int Row, int Column)? NextSecondary(TotalsGrid grid, bool[,] suppressed)
    {
        foreach (var line in grid.Lines)
        {
            if (!IsExposed(grid, suppressed, line))
            {
                continue;
            }

            if (Cheapest(grid, suppressed, line, line) is { } choice)
            {
                return choice;
            }
        }

        return null;
    }

    /// <summary>
    /// Lines alone can still give a cell away across several lines (e.g. its partners are all 1s, so it is at its
    /// maximum). Then one more cell in the exposed cell's lines – or anywhere, if those are used up – is suppressed.
    /// </summary>
    private static (int Row, int Column)? NextAfterAudit(TotalsGrid grid, bool[,] suppressed)
    {
        if (new ProtectionAudit(grid, suppressed).FirstExposed() is not { } exposed)
        {
            return null;
        }

        var near = grid.LinesThrough(exposed).SelectMany(line => line);
        return Cheapest(grid, suppressed, near, line: null) ?? Cheapest(grid, suppressed, grid.AllCells(), line: null);
    }

    private static (int Row, int Column)? Cheapest(
        TotalsGrid grid, bool[,] suppressed, IEnumerable<(int Row, int Column)> cells, IReadOnlyList<(int Row, int Column)>? line) =>
        cells
            .Where(cell => !suppressed[cell.Row, cell.Column] && grid.Values[cell.Row, cell.Column] > 0)
            .OrderBy(cell => grid.IsTotal(cell))
            .ThenByDescending(cell => grid.LinesThrough(cell).Any(other => other != line && IsExposed(grid, suppressed, other)))
            .ThenBy(cell => grid.Values[cell.Row, cell.Column])
            .ThenBy(cell => cell.Row)
            .ThenBy(cell => cell.Column)
            .Select(cell => ((int Row, int Column)?)cell)
            .FirstOrDefault();

    /// <summary>
    /// A line gives a suppressed cell away when it is the line's only one (subtraction), or when the total is shown
    /// and every suppressed cell in it is 1: suppressed means at least 1, so their sum pins each of them.
    /// </summary>
    private static bool IsExposed(TotalsGrid grid, bool[,] suppressed, IReadOnlyList<(int Row, int Column)> line)
    {
        var hidden = line.Where(cell => suppressed[cell.Row, cell.Column]).ToList();
        if (hidden.Count == 1)
        {
            return true;
        }

        var total = line[^1];
        return hidden.Count > 1
            && !suppressed[total.Row, total.Column]
            && hidden.All(cell => grid.Values[cell.Row, cell.Column] == 1);
    }
}
