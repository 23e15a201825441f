using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// The data inventory (docs/privacy.md) is declared in code beside each store; these tests fail when a store writes a
/// column, or a JSON column's record gains a property, that nobody declared — or when a declaration names something
/// that is no longer there.
/// </summary>
public class DataInventoryTests
{
    private static readonly IReadOnlyList<StoredRow> Rows = DataInventory.Rows();

    [Fact]
    public void Every_table_the_host_creates_is_declared_with_its_rows()
    {
        var places = DataInventory.Stores.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.All(TableNames.All, table => Assert.Contains(table, places));
        Assert.Empty(Rows.Where(r => !places.Contains(r.Store)).Select(r => $"{r.Store}: {r.Key}"));
        Assert.All(places, place => Assert.Contains(Rows, r => r.Store == place));
    }

    [Fact]
    public void Every_column_a_store_writes_is_declared_for_that_store()
    {
        var missing = StoredSource.ColumnsByFile
            .SelectMany(file => file.Value
                .Where(column => !Rows.Any(r => r.Writers.Contains(file.Key) && r.Fields.Any(f => f.Name == column)))
                .Select(column => $"{file.Key}: {column}"))
            .ToList();

        Assert.True(missing.Count == 0, "Declare these columns in the feature's *DataInventory (src/PartnerHub.Api/Privacy/README.md):\n" + string.Join('\n', missing));
    }

    [Fact]
    public void Every_declared_column_is_written_by_a_declared_writer()
    {
        var stale = Rows
            .SelectMany(r => r.Fields
                .Where(f => IsPlainColumn(f.Name) && !r.JsonColumns.Any(j => j.Column == f.Name))
                .Where(f => !r.Writers.Any(w => StoredSource.ColumnsByFile.TryGetValue(w, out var columns) && columns.Contains(f.Name)))
                .Select(f => $"{r.Key}: {f.Name}"))
            .ToList();
        var missingFiles = Rows.SelectMany(r => r.Writers).Distinct().Where(w => !File.Exists(Path.Combine(StoredSource.ApiFolder, w))).ToList();

        Assert.True(stale.Count == 0, "Declared but not written by the row's writers:\n" + string.Join('\n', stale));
        Assert.Empty(missingFiles);
    }

    [Fact]
    public void Every_property_of_a_json_column_is_declared()
    {
        var missing = new List<string>();
        var stale = new List<string>();
        foreach (var row in Rows)
        {
            foreach (var (column, record, options) in row.JsonColumns)
            {
                var paths = JsonPaths.Of(record, column, options);
                missing.AddRange(paths.Where(p => !row.Fields.Any(f => Covers(f.Name, p))).Select(p => $"{row.Key}: {p}"));
                stale.AddRange(row.Fields
                    .Where(f => f.Name.StartsWith(column + ".", StringComparison.Ordinal) && !f.Name.EndsWith(".*", StringComparison.Ordinal))
                    .Where(f => !paths.Contains(f.Name))
                    .Select(f => $"{row.Key}: {f.Name}"));
            }
        }

        Assert.True(missing.Count == 0, "Declare these JSON properties:\n" + string.Join('\n', missing));
        Assert.True(stale.Count == 0, "Declared but not in the record:\n" + string.Join('\n', stale));
    }

    [Fact]
    public void Every_row_says_what_it_is_for_who_sees_it_and_how_long_it_is_kept()
    {
        foreach (var row in Rows)
        {
            Assert.False(string.IsNullOrWhiteSpace(row.What), row.Key);
            Assert.False(string.IsNullOrWhiteSpace(row.Audience), row.Key);
            Assert.False(string.IsNullOrWhiteSpace(row.Retention.Period), row.Key);
            Assert.False(string.IsNullOrWhiteSpace(row.Retention.EnforcedBy), row.Key);
            Assert.NotEmpty(row.Writers);
            Assert.All(row.Fields, f => Assert.False(string.IsNullOrWhiteSpace(f.Purpose), $"{row.Key}: {f.Name}"));
            Assert.Equal(row.Fields.Count, row.Fields.Select(f => f.Name).Distinct(StringComparer.Ordinal).Count());
        }
    }

    [Fact]
    public void A_womans_personal_fields_live_only_in_the_referral_row()
    {
        // ARCHITECTURE §8: indexes, outbox payloads, audit rows and file names carry ids; her data is in one row.
        var womanRows = Rows.Where(r => r.Fields.Any(f => f.Kind == DataKind.WomanData)).Select(r => r.Key).ToList();

        Assert.Contains(womanRows, key => key.Contains("referral|{id}", StringComparison.Ordinal));
        Assert.DoesNotContain(Rows.Where(r => r.Store == TableNames.Audit || r.Key.Contains("outbox", StringComparison.Ordinal)).SelectMany(r => r.Fields), f => f.Kind is DataKind.WomanData or DataKind.FreeText or DataKind.StaffName);
    }

    private static bool IsPlainColumn(string name) => !name.Contains('.', StringComparison.Ordinal) && !name.Contains('*', StringComparison.Ordinal) && !name.StartsWith('(');

    private static bool Covers(string declared, string path) =>
        declared == path || (declared.EndsWith(".*", StringComparison.Ordinal) && path.StartsWith(declared[..^1], StringComparison.Ordinal));
}
