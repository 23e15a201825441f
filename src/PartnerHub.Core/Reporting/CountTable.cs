namespace PartnerHub.Core.Reporting;

/// <summary>
/// An aggregate report table before suppression: rows × columns of non-negative counts. Totals are derived, never
/// given, so they always add up. A table with more than one column has row totals; one with more than one row has
/// column totals; a single column therefore carries just its total.
/// </summary>
public sealed class CountTable
{
    private readonly int[,] _counts;

    public CountTable(int[,] counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.GetLength(0) == 0 || counts.GetLength(1) == 0)
        {
            throw new ArgumentException("A report table has at least one row and one column.", nameof(counts));
        }

        foreach (var count in counts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(counts));
        }

        _counts = (int[,])counts.Clone();
    }

    /// <summary>A single column of counts with its total.</summary>
    public static CountTable Column(IReadOnlyList<int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var cells = new int[counts.Count, 1];
        for (var row = 0; row < counts.Count; row++)
        {
            cells[row, 0] = counts[row];
        }

        return new CountTable(cells);
    }

    public int Rows => _counts.GetLength(0);

    public int Columns => _counts.GetLength(1);

    public bool HasRowTotals => Columns > 1;

    public bool HasColumnTotals => Rows > 1;

    public int this[int row, int column] => _counts[row, column];

    public int RowTotal(int row) => Enumerable.Range(0, Columns).Sum(column => _counts[row, column]);

    public int ColumnTotal(int column) => Enumerable.Range(0, Rows).Sum(row => _counts[row, column]);

    public int GrandTotal => Enumerable.Range(0, Rows).Sum(RowTotal);
}
