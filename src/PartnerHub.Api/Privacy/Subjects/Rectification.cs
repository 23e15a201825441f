namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// Rectification (GDPR Art. 16) as declared by the features: for every personal field of the data inventory, the
/// surface that corrects it and who may, or why it is not corrected. Found by reflection, as <see cref="DataInventory"/>
/// finds the inventory, so this folder imports no feature.
/// </summary>
public static class Rectification
{
    /// <summary>Every declared way, in the order of the data inventory's rows, then as declared.</summary>
    public static IReadOnlyList<FieldRectification> Fields()
    {
        var rows = DataInventory.Rows();
        return [.. Declarations()
            .SelectMany(d => d.Rows)
            .SelectMany(r => r.Fields)
            .OrderBy(f => RowOrder(rows, f))];
    }

    /// <summary>The inventory rows a declaration may name: same store, and the key holds its part as a whole key pattern.</summary>
    public static IReadOnlyList<StoredRow> RowsNamed(FieldRectification field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return [.. DataInventory.Rows().Where(r => Names(r, field))];
    }

    /// <summary>
    /// The part ends where a key pattern ends (at the end, a comma, a semicolon or a space), so <c>referral|{id}</c> names the
    /// referral's row and not the rows kept beside it (<c>referral|{id}|card|…</c>).
    /// </summary>
    private static bool Names(StoredRow row, FieldRectification field)
    {
        if (row.Store != field.Store)
        {
            return false;
        }

        for (var at = row.Key.IndexOf(field.Row, StringComparison.Ordinal); at >= 0; at = row.Key.IndexOf(field.Row, at + 1, StringComparison.Ordinal))
        {
            var end = at + field.Row.Length;
            if (end == row.Key.Length || row.Key[end] is ',' or ';' or ' ')
            {
                return true;
            }
        }

        return false;
    }

    public static IEnumerable<IRectificationDeclaration> Declarations() =>
        typeof(Rectification).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRectificationDeclaration).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IRectificationDeclaration)Activator.CreateInstance(t, nonPublic: true)!);

    private static int RowOrder(IReadOnlyList<StoredRow> rows, FieldRectification field)
    {
        for (var i = 0; i < rows.Count; i++)
        {
            if (Names(rows[i], field))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
