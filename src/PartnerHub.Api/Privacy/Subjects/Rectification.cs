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

    /// <summary>The inventory rows a declaration may name: same store, and the key contains its part.</summary>
    public static IReadOnlyList<StoredRow> RowsNamed(FieldRectification field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return [.. DataInventory.Rows().Where(r => r.Store == field.Store && r.Key.Contains(field.Row, StringComparison.Ordinal))];
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
            if (rows[i].Store == field.Store && rows[i].Key.Contains(field.Row, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return int.MaxValue;
    }
}
