namespace PartnerHub.Core.Reporting;

/// <summary>
/// A report table ready to publish: every cell and total is either shown or suppressed. Row totals exist when
/// there is more than one column, column totals when there is more than one row (as in <see cref="CountTable"/>).
/// </summary>
public sealed class SuppressedTable
{
    private readonly ReportCell[,] _grid;

    internal SuppressedTable(ReportCell[,] grid, int rows, int columns, int threshold)
    {
        _grid = grid;
        Rows = rows;
        Columns = columns;
        Threshold = threshold;
    }

    public int Rows { get; }

    public int Columns { get; }

    /// <summary>The threshold applied, for the display text ("&lt;5").</summary>
    public int Threshold { get; }

    public bool HasRowTotals => Columns > 1;

    public bool HasColumnTotals => Rows > 1;

    public ReportCell this[int row, int column] => _grid[row, column];

    /// <summary>Only when <see cref="HasRowTotals"/>.</summary>
    public ReportCell RowTotal(int row) =>
        HasRowTotals ? _grid[row, Columns] : throw new InvalidOperationException("A single column has no row totals.");

    /// <summary>Only when <see cref="HasColumnTotals"/>.</summary>
    public ReportCell ColumnTotal(int column) =>
        HasColumnTotals ? _grid[Rows, column] : throw new InvalidOperationException("A single row has no column totals.");

    /// <summary>The total of all cells (for a single row or column, its one total; for one cell, that cell).</summary>
    public ReportCell GrandTotal => _grid[_grid.GetLength(0) - 1, _grid.GetLength(1) - 1];
}
