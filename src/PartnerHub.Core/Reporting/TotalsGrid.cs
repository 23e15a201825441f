namespace PartnerHub.Core.Reporting;

/// <summary>
/// A count table extended by its totals (a totals column when there is more than one column, a totals row when there
/// is more than one row), with the lines – rows and columns whose last cell is the sum of the others.
/// </summary>
internal sealed class TotalsGrid
{
    public TotalsGrid(CountTable table)
    {
        Rows = table.Rows;
        Columns = table.Columns;
        Height = Rows + (table.HasColumnTotals ? 1 : 0);
        Width = Columns + (table.HasRowTotals ? 1 : 0);
        Values = new int[Height, Width];
        for (var row = 0; row < Rows; row++)
        {
            for (var column = 0; column < Columns; column++)
            {
                Values[row, column] = table[row, column];
            }
        }

        FillTotals(table);
        Lines = BuildLines(table);
    }

    public int Rows { get; }

    public int Columns { get; }

    public int Height { get; }

    public int Width { get; }

    public int[,] Values { get; }

    /// <summary>Row lines first (top to bottom), then column lines (left to right): the fixed order of the algorithm.</summary>
    public IReadOnlyList<IReadOnlyList<(int Row, int Column)>> Lines { get; }

    public bool IsTotal((int Row, int Column) cell) => cell.Row >= Rows || cell.Column >= Columns;

    public IEnumerable<(int Row, int Column)> AllCells() =>
        from row in Enumerable.Range(0, Height)
        from column in Enumerable.Range(0, Width)
        select (row, column);

    public IEnumerable<IReadOnlyList<(int Row, int Column)>> LinesThrough((int Row, int Column) cell) =>
        Lines.Where(line => line.Contains(cell));

    private void FillTotals(CountTable table)
    {
        if (table.HasRowTotals)
        {
            for (var row = 0; row < Rows; row++)
            {
                Values[row, Columns] = table.RowTotal(row);
            }
        }

        if (table.HasColumnTotals)
        {
            for (var column = 0; column < Columns; column++)
            {
                Values[Rows, column] = table.ColumnTotal(column);
            }
        }

        if (table.HasRowTotals && table.HasColumnTotals)
        {
            Values[Rows, Columns] = table.GrandTotal;
        }
    }

    private List<IReadOnlyList<(int Row, int Column)>> BuildLines(CountTable table)
    {
        var lines = new List<IReadOnlyList<(int Row, int Column)>>();
        if (table.HasRowTotals)
        {
            lines.AddRange(Enumerable.Range(0, Height).Select(row => Enumerable.Range(0, Width).Select(column => (row, column)).ToList()));
        }

        if (table.HasColumnTotals)
        {
            lines.AddRange(Enumerable.Range(0, Width).Select(column => Enumerable.Range(0, Height).Select(row => (row, column)).ToList()));
        }

        return lines;
    }
}
