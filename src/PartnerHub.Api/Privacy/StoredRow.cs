using System.Text.Json;

namespace PartnerHub.Api.Privacy;

/// <summary>
/// One kind of stored row (or blob, or queue message): where it lives, its keys, what it is for, who sees it, how long
/// it is kept, which source files write it, and every field. Declared fluently by the feature that owns the store.
/// </summary>
public sealed class StoredRow(string store, string key, string what)
{
    private readonly List<string> _writtenIn = [];
    private readonly List<StoredField> _fields = [];
    private readonly List<(string Column, Type Record, JsonSerializerOptions Options)> _json = [];

    /// <summary>The logical table name (<c>TableNames</c>), blob container or queue (<see cref="DataInventory.Stores"/>).</summary>
    public string Store { get; } = store;

    /// <summary>PartitionKey and RowKey, as patterns ("{project id}", "referral|{id}").</summary>
    public string Key { get; } = key;

    public string What { get; } = what;

    public string Audience { get; private set; } = string.Empty;

    public Retention Retention { get; private set; } = Retention.WhileProjectExists();

    /// <summary>Source files that write the row, relative to src/PartnerHub.Api ("Referrals/ReferralEntity.cs").</summary>
    public IReadOnlyList<string> Writers => _writtenIn;

    public IReadOnlyList<StoredField> Fields => _fields;

    /// <summary>
    /// Columns holding a record serialised as JSON with the store's own options: every property those options write
    /// must be a declared field "Column.Property" (names as in the code).
    /// </summary>
    public IReadOnlyList<(string Column, Type Record, JsonSerializerOptions Options)> JsonColumns => _json;

    public StoredRow WrittenIn(params string[] files)
    {
        _writtenIn.AddRange(files);
        return this;
    }

    public StoredRow SeenBy(string audience)
    {
        Audience = audience;
        return this;
    }

    public StoredRow Kept(Retention retention)
    {
        Retention = retention;
        return this;
    }

    /// <summary>Declares fields that share a kind and a purpose.</summary>
    public StoredRow With(DataKind kind, string purpose, params string[] names)
    {
        _fields.AddRange(names.Select(name => new StoredField(name, kind, purpose)));
        return this;
    }

    /// <summary>Says that <paramref name="column"/> holds <paramref name="record"/> as JSON, written with <paramref name="options"/>.</summary>
    public StoredRow Json(string column, Type record, JsonSerializerOptions options)
    {
        _json.Add((column, record, options));
        return this;
    }

    /// <summary>A personal field, or a key that names a person (an object id in the key, as the key pattern says).</summary>
    public bool IsPersonal => _fields.Any(f => DataKinds.IsPersonal(f.Kind)) || Key.Contains("object id", StringComparison.Ordinal);
}
