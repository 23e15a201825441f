namespace PartnerHub.Core.Reporting;

/// <summary>
/// Whether a suppressed cell can take another value that fits every shown number, for a reader who knows that
/// suppressed cells are at least 1. Cells are edges between their row line and column line; a missing line (a single
/// row or column has none) is one free node. A cell is protected when it lies on a cycle of suppressed cells along
/// which moving by one keeps every line's sum (signs alternate at each line) and lowers only cells of 2 or more.
/// </summary>
internal sealed class ProtectionAudit
{
    // Search budget per cell: beyond it the cell counts as unprotected, which only suppresses more.
    private const int StepBudget = 20_000;

    private readonly TotalsGrid _grid;
    private readonly bool[,] _suppressed;
    private readonly List<(int Row, int Column)> _hidden;
    private readonly int _free;
    private int _steps;
    private int _firstSign;

    public ProtectionAudit(TotalsGrid grid, bool[,] suppressed)
    {
        _grid = grid;
        _suppressed = suppressed;
        _hidden = [.. grid.AllCells().Where(cell => suppressed[cell.Row, cell.Column])];
        _free = grid.Height + grid.Width;
    }

    /// <summary>The first suppressed cell (grid order) that the shown numbers give away, if any.</summary>
    public (int Row, int Column)? FirstExposed() =>
        _hidden.Select(cell => ((int Row, int Column)?)cell).FirstOrDefault(cell => !IsProtected(cell!.Value));

    private bool IsProtected((int Row, int Column) cell) =>
        CanMove(cell, +1) || (_grid.Values[cell.Row, cell.Column] >= 2 && CanMove(cell, -1));

    private bool CanMove((int Row, int Column) cell, int change)
    {
        _steps = 0;
        var start = RowNode(cell.Row);
        var end = ColumnNode(cell.Column);
        if (start == _free && end == _free)
        {
            return true;
        }

        // Walk from the column end back to the row end; the first step leaves the column line, so the next cell
        // there must balance this one's change (opposite sign in the signed grid).
        _firstSign = SignOf(cell) * change;
        var visited = new HashSet<int> { end };
        return Walk(end, -_firstSign, start, cell, visited);
    }

    private bool Walk(int node, int needed, int target, (int Row, int Column) first, HashSet<int> visited)
    {
        if (++_steps > StepBudget)
        {
            return false;
        }

        foreach (var next in _hidden.Where(cell => cell != first && Touches(cell, node)))
        {
            var other = OtherEnd(next, node);
            foreach (var sign in node == _free ? [+1, -1] : new[] { needed })
            {
                if (!MayMove(next, SignOf(next) * sign))
                {
                    continue;
                }

                if (other == target && (target == _free || sign == -_firstSign))
                {
                    return true;
                }

                if (other != target && visited.Add(other))
                {
                    if (Walk(other, -sign, target, first, visited))
                    {
                        return true;
                    }

                    visited.Remove(other);
                }
            }
        }

        return false;
    }

    private bool MayMove((int Row, int Column) cell, int change) => change > 0 || _grid.Values[cell.Row, cell.Column] >= 2;

    // Totals enter their lines with the opposite sign; in the signed grid every line sums to zero.
    private int SignOf((int Row, int Column) cell) =>
        (cell.Row >= _grid.Rows ? -1 : 1) * (cell.Column >= _grid.Columns ? -1 : 1);

    private bool Touches((int Row, int Column) cell, int node) => RowNode(cell.Row) == node || ColumnNode(cell.Column) == node;

    private int OtherEnd((int Row, int Column) cell, int node) => RowNode(cell.Row) == node ? ColumnNode(cell.Column) : RowNode(cell.Row);

    private int RowNode(int row) => _grid.Width > _grid.Columns ? row : _free;

    private int ColumnNode(int column) => _grid.Height > _grid.Rows ? _grid.Height + column : _free;
}
