namespace PartnerHub.Core.Tests.Reporting;

/// <summary>
/// An attacker who knows every shown number, that totals add up, and that a suppressed cell is at least 1 (zero is
/// always shown): by brute force over the suppressed inner cells, the values each suppressed cell can take. Values
/// are capped a little above the true grand total, which only shrinks the attacker's choices – two values found here are two
/// values she cannot tell apart. Stops as soon as every suppressed cell has two; meant for small tables.
/// </summary>
internal sealed class Recomputation
{
    private readonly PublishedGrid _grid;
    private readonly int _cap;
    private readonly int[,] _guess;
    private readonly Dictionary<(int, int), HashSet<int>> _seen = [];

    // Tables with many suppressed totals can take the search exponentially long; past this it gives up (null).
    private const int NodeBudget = 500_000;
    private int _nodes;

    private Recomputation(PublishedGrid grid)
    {
        _grid = grid;
        _cap = grid.Truth[grid.Height - 1, grid.Width - 1] + 5;
        _guess = new int[grid.Height, grid.Width];
        for (var row = 0; row < grid.Height; row++)
        {
            for (var column = 0; column < grid.Width; column++)
            {
                if (grid.Cells[row, column].IsSuppressed)
                {
                    _seen[(row, column)] = [];
                }
            }
        }
    }

    /// <summary>
    /// The suppressed cells (grid positions) whose value the published numbers pin to a single value; null when the
    /// search was too big to finish.
    /// </summary>
    public static List<(int Row, int Column)>? PinnedCells(PublishedGrid grid)
    {
        var attack = new Recomputation(grid);
        attack.Search(0);
        var pinned = attack._seen.Where(entry => entry.Value.Count < 2).Select(entry => entry.Key).ToList();
        return pinned.Count > 0 && attack.OverBudget ? null : pinned;
    }

    private bool OverBudget => _nodes > NodeBudget;

    private bool Done => OverBudget || _seen.Values.All(values => values.Count >= 2);

    private void Search(int index)
    {
        _nodes++;
        if (Done)
        {
            return;
        }

        if (index == _grid.Rows * _grid.Columns)
        {
            RecordIfConsistent();
            return;
        }

        var (row, column) = (index / _grid.Columns, index % _grid.Columns);
        var cell = _grid.Cells[row, column];
        if (!cell.IsSuppressed)
        {
            _guess[row, column] = cell.Count!.Value;
            Search(index + 1);
            return;
        }

        // Nearest the true value first: the second possible value is usually a step away.
        var truth = _grid.Truth[row, column];
        foreach (var value in Enumerable.Range(1, _cap).OrderBy(value => Math.Abs(value - truth)).ThenBy(value => value))
        {
            if (Done)
            {
                break;
            }

            _guess[row, column] = value;
            if (WithinShownTotals(row, column))
            {
                Search(index + 1);
            }
        }
    }

    private bool WithinShownTotals(int row, int column)
    {
        var rowSum = Enumerable.Range(0, column + 1).Sum(c => _guess[row, c]);
        var columnSum = Enumerable.Range(0, row + 1).Sum(r => _guess[r, column]);
        var rowLimit = _grid.Width > _grid.Columns ? ShownOr(_grid.Cells[row, _grid.Columns], _cap) : _cap;
        var columnLimit = _grid.Height > _grid.Rows ? ShownOr(_grid.Cells[_grid.Rows, column], _cap) : _cap;
        return rowSum <= rowLimit && columnSum <= columnLimit;
    }

    private static int ShownOr(PartnerHub.Core.Reporting.ReportCell cell, int otherwise) => cell.Count ?? otherwise;

    private void RecordIfConsistent()
    {
        var full = FillTotals();
        for (var row = 0; row < _grid.Height; row++)
        {
            for (var column = 0; column < _grid.Width; column++)
            {
                var cell = _grid.Cells[row, column];
                var fits = cell.IsSuppressed ? full[row, column] >= 1 : full[row, column] == cell.Count;
                if (!fits)
                {
                    return;
                }
            }
        }

        foreach (var (position, values) in _seen)
        {
            values.Add(full[position.Item1, position.Item2]);
        }
    }

    private int[,] FillTotals()
    {
        var full = (int[,])_guess.Clone();
        var (rows, columns) = (_grid.Rows, _grid.Columns);
        for (var row = 0; row < _grid.Height; row++)
        {
            for (var column = 0; column < _grid.Width; column++)
            {
                if (row >= rows || column >= columns)
                {
                    full[row, column] = SumOfInner(row < rows ? row : null, column < columns ? column : null);
                }
            }
        }

        return full;
    }

    private int SumOfInner(int? row, int? column)
    {
        var sum = 0;
        for (var r = 0; r < _grid.Rows; r++)
        {
            for (var c = 0; c < _grid.Columns; c++)
            {
                if ((row is null || row == r) && (column is null || column == c))
                {
                    sum += _guess[r, c];
                }
            }
        }

        return sum;
    }
}
