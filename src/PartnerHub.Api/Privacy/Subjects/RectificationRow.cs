namespace PartnerHub.Api.Privacy.Subjects;

/// <summary>
/// How the personal fields of one kind of row are corrected, declared fluently by the feature that owns the row (beside
/// its <c>*DataInventory</c>). A field may be corrected through several surfaces; one that is not correctable says why.
/// </summary>
public sealed class RectificationRow(string store, string row)
{
    private readonly List<FieldRectification> _fields = [];

    public string Store { get; } = store;

    /// <summary>A part of the row's key in the data inventory ("RowKey = referral|{id}").</summary>
    public string Row { get; } = row;

    public IReadOnlyList<FieldRectification> Fields => _fields;

    /// <summary>These fields are corrected through <paramref name="surface"/> by <paramref name="roles"/>.</summary>
    public RectificationRow Through(string surface, string how, AccessRole[] roles, params string[] fields) =>
        Add(new CorrectedThrough(surface, roles, how), fields);

    public RectificationRow NotCorrectable(string why, params string[] fields) => Add(new NotCorrectable(why), fields);

    public RectificationRow NoPathYet(string why, params string[] fields) => Add(new NoPathYet(why), fields);

    private RectificationRow Add(RectificationWay way, string[] fields)
    {
        _fields.AddRange(fields.Select(field => new FieldRectification(Store, Row, field, way)));
        return this;
    }
}
