using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Reporting;

/// <summary>
/// The tests' own view of a published table: the cells with their totals as one grid, its lines, and the true values
/// behind them – built from the public API, independent of the implementation's grid.
/// </summary>
internal sealed class PublishedGrid
{
    public PublishedGrid(CountTable truth, SuppressedTable published)
    {
        Rows = truth.Rows;
        Columns = truth.Columns;
        Height = Rows + (published.HasColumnTotals ? 1 : 0);
        Width = Columns + (published.HasRowTotals ? 1 : 0);
        Cells = new ReportCell[Height, Width];
        Truth = new int[Height, Width];
        for (var row = 0; row < Height; row++)
        {
            for (var column = 0; column < Width; column++)
            {
                (Cells[row, column], Truth[row, column]) = Read(truth, published, row, column);
            }
        }
    }

    public int Rows { get; }

    public int Columns { get; }

    public int Height { get; }

    public int Width { get; }

    public ReportCell[,] Cells { get; }

    public int[,] Truth { get; }

    /// <summary>Every row and column of the grid whose last cell is the sum of the others.</summary>
    public IEnumerable<List<(int Row, int Column)>> Lines()
    {
        if (Width > Columns)
        {
            for (var row = 0; row < Height; row++)
            {
                yield return Enumerable.Range(0, Width).Select(column => (row, column)).ToList();
            }
        }

        if (Height > Rows)
        {
            for (var column = 0; column < Width; column++)
            {
                yield return Enumerable.Range(0, Height).Select(row => (row, column)).ToList();
            }
        }
    }

    private (ReportCell, int) Read(CountTable truth, SuppressedTable published, int row, int column)
    {
        var totalRow = row == Rows;
        var totalColumn = column == Columns;
        if (totalRow && totalColumn)
        {
            return (published.GrandTotal, truth.GrandTotal);
        }

        if (totalRow)
        {
            return Columns == 1 ? (published.GrandTotal, truth.GrandTotal) : (published.ColumnTotal(column), truth.ColumnTotal(column));
        }

        if (totalColumn)
        {
            return Rows == 1 ? (published.GrandTotal, truth.GrandTotal) : (published.RowTotal(row), truth.RowTotal(row));
        }

        return (published[row, column], truth[row, column]);
    }
}
