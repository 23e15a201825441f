using PartnerHub.Core.Reporting;

namespace PartnerHub.Core.Tests.Reporting;

/// <summary>Hand-worked tables (threshold 5 unless said): which cells the funder report hides, and why.</summary>
public class SmallNumberSuppressionTests
{
    private static readonly SuppressionRule Five = SuppressionRule.Default;

    [Fact]
    public void A_table_without_small_numbers_is_shown_whole_zeros_included()
    {
        var table = new CountTable(new[,] { { 0, 7 }, { 12, 5 } });

        var published = SmallNumberSuppression.Suppress(table, Five);

        Assert.Equal(0, published[0, 0].Count);
        Assert.Equal(5, published[1, 1].Count);
        Assert.Equal(7, published.RowTotal(0).Count);
        Assert.Equal(12, published.ColumnTotal(1).Count);
        Assert.Equal(24, published.GrandTotal.Count);
    }

    [Fact]
    public void In_a_single_column_the_next_smallest_count_hides_the_small_one_and_the_total_stays()
    {
        var published = SmallNumberSuppression.Suppress(CountTable.Column([20, 3, 10]), Five);

        Assert.False(published.HasRowTotals);
        Assert.Equal(20, published[0, 0].Count);
        Assert.True(published[1, 0].IsSuppressed);
        Assert.True(published[2, 0].IsSuppressed);
        Assert.Equal(33, published.GrandTotal.Count);
    }

    [Fact]
    public void A_total_below_the_threshold_is_itself_hidden_and_protects_its_only_small_count()
    {
        var published = SmallNumberSuppression.Suppress(CountTable.Column([3, 0, 0]), Five);

        Assert.True(published[0, 0].IsSuppressed);
        Assert.Equal(0, published[1, 0].Count);
        Assert.True(published.GrandTotal.IsSuppressed);
    }

    [Fact]
    public void Secondary_cells_close_every_row_and_column_in_a_rectangle()
    {
        var table = new CountTable(new[,] { { 1, 5 }, { 6, 6 } });

        var published = SmallNumberSuppression.Suppress(table, Five);

        Assert.All(new[] { published[0, 0], published[0, 1], published[1, 0], published[1, 1] }, cell => Assert.True(cell.IsSuppressed));
        Assert.Equal(6, published.RowTotal(0).Count);
        Assert.Equal(12, published.RowTotal(1).Count);
        Assert.Equal(7, published.ColumnTotal(0).Count);
        Assert.Equal(11, published.ColumnTotal(1).Count);
        Assert.Equal(18, published.GrandTotal.Count);
    }

    [Fact]
    public void A_cell_that_also_protects_a_crossing_line_is_preferred_over_a_smaller_one()
    {
        // Row 0 could hide the 8 (smallest), but the 9 also protects column 1, where the 3 is alone.
        var table = new CountTable(new[,] { { 2, 9, 8 }, { 7, 3, 9 }, { 9, 9, 9 } });

        var published = SmallNumberSuppression.Suppress(table, Five);

        var hidden = Hidden(published);
        Assert.Equal([(0, 0), (0, 1), (1, 0), (1, 1)], hidden);
        Assert.Equal(19, published.RowTotal(0).Count);
        Assert.Equal(65, published.GrandTotal.Count);
    }

    [Fact]
    public void When_a_row_total_is_small_another_total_is_hidden_so_it_cannot_be_recomputed_from_the_grand_total()
    {
        var table = new CountTable(new[,] { { 2, 2 }, { 10, 10 } });

        var published = SmallNumberSuppression.Suppress(table, Five);

        Assert.True(published.RowTotal(0).IsSuppressed);
        Assert.True(published.RowTotal(1).IsSuppressed);
        Assert.Equal(12, published.ColumnTotal(0).Count);
        Assert.Equal(24, published.GrandTotal.Count);
        Assert.Equal(4, Hidden(published).Count);
    }

    [Fact]
    public void When_only_ones_are_hidden_beside_a_shown_total_the_total_is_hidden_too()
    {
        // Threshold 2: the ones are hidden, but "at least 1 each, 2 together" would give them away.
        var published = SmallNumberSuppression.Suppress(new CountTable(new[,] { { 1, 1 } }), new SuppressionRule(2));

        Assert.True(published[0, 0].IsSuppressed);
        Assert.True(published[0, 1].IsSuppressed);
        Assert.True(published.GrandTotal.IsSuppressed);
    }

    [Fact]
    public void A_cell_given_away_across_lines_is_protected_by_more_suppression()
    {
        // Threshold 2. Hiding only the two 8s and their 1s leaves 8 + 8 = 16 beside row totals of 9: partners of at
        // least 1 put each 8 at its maximum, so both would be known. The audit hides more until they are not.
        var table = new CountTable(new[,] { { 0, 1 }, { 8, 1 }, { 8, 1 } });

        var published = SmallNumberSuppression.Suppress(table, new SuppressionRule(2));

        var pinned = Recomputation.PinnedCells(new PublishedGrid(table, published));
        Assert.NotNull(pinned);
        Assert.Empty(pinned);
        Assert.Equal(0, published[0, 0].Count);
    }

    [Fact]
    public void A_single_small_cell_is_hidden_and_the_threshold_travels_with_the_table()
    {
        var published = SmallNumberSuppression.Suppress(new CountTable(new[,] { { 4 } }), new SuppressionRule(10));

        Assert.True(published.GrandTotal.IsSuppressed);
        Assert.True(published[0, 0].IsSuppressed);
        Assert.Equal(10, published.Threshold);
    }

    [Fact]
    public void Bad_tables_and_rules_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SuppressionRule(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new CountTable(new[,] { { 1, -1 } }));
        Assert.Throws<ArgumentException>(() => new CountTable(new int[0, 2]));
    }

    private static List<(int, int)> Hidden(SuppressedTable published) =>
        [.. from row in Enumerable.Range(0, published.Rows)
            from column in Enumerable.Range(0, published.Columns)
            where published[row, column].IsSuppressed
            select (row, column)];
}
