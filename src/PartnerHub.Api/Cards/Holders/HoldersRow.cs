using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Cards.Holders;

/// <summary>
/// A record's holders row: every card location of one record in one row beside it, so the record's card update and
/// refresh audience are one point read instead of a prefix query over its <c>card|{kind}|{id}|</c> rows (which Azurite
/// answers by filtering the whole table). One property per person holding a card: "h" and a hash of her object id, the
/// value her location as JSON (the same as her <c>card|…</c> row). Only ever merged into (upsert-merge), so writers
/// need no ETag and two instances writing at once cannot lose each other's card. <see cref="CompleteMark"/> is written
/// only when the row is created with its record: a row without it (none, or one made by a merge for a record older than
/// the row) is not trusted, and the record's card locations are queried as before.
/// </summary>
public static class HoldersRow
{
    public const string KeyPrefix = "card-holders|";

    /// <summary>The property that says the row was created with its record, so it holds every card since.</summary>
    public const string CompleteMark = "Complete";

    // A property name must be short and plain: "h" and a hash of her object id (which the value carries).
    private const int HolderPropertyLength = 33;

    /// <summary>A kind's holders row by default: <c>card-holders|{kind}|{id}</c> (id escaped), beside the card locations.</summary>
    public static string Key(CardKind kind, string id) => $"{KeyPrefix}{kind.Key()}|{TableKeys.Escape(id)}";

    /// <summary>The row as created with its record: complete from the start.</summary>
    public static TableEntity New(string projectId, string rowKey) => new(projectId, rowKey) { [CompleteMark] = true };

    /// <summary>Her card's location, merged into the row.</summary>
    public static TableEntity Merge(string projectId, string rowKey, CardLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return new(projectId, rowKey) { [HolderProperty(location.ObjectId)] = JsonSerializer.Serialize(location) };
    }

    /// <summary>A complete row with these cards, for writing a record's whole life at once (the benchmark's seeding).</summary>
    public static TableEntity Full(string projectId, string rowKey, IEnumerable<CardLocation> locations)
    {
        ArgumentNullException.ThrowIfNull(locations);
        var row = New(projectId, rowKey);
        foreach (var location in locations)
        {
            row[HolderProperty(location.ObjectId)] = JsonSerializer.Serialize(location);
        }

        return row;
    }

    /// <summary>The row by its keys, or null when there is none.</summary>
    public static async Task<TableEntity?> ReadAsync(TableClient table, string projectId, string rowKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(projectId, rowKey, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value : null;
    }

    /// <summary>
    /// The card locations in a row, in the order of their <c>card|…</c> keys (as the prefix query returns them), or null
    /// when the row is not complete (none, or made by a merge for an older record).
    /// </summary>
    public static IReadOnlyList<CardLocation>? LocationsIn(TableEntity? row) =>
        row is null || row.GetBoolean(CompleteMark) != true
            ? null
            : [.. LocationsOf(row).OrderBy(location => TableKeys.Escape(location.ObjectId), StringComparer.Ordinal)];

    /// <summary>The card locations a transaction merges into the row (the acting card of a change).</summary>
    public static IReadOnlyList<CardLocation> MergedBy(IEnumerable<TableTransactionAction> actions, string projectId, string rowKey) =>
        [.. actions
            .Where(a => a.ActionType == TableTransactionActionType.UpsertMerge && a.Entity.PartitionKey == projectId && a.Entity.RowKey == rowKey)
            .Select(a => a.Entity)
            .OfType<TableEntity>()
            .SelectMany(LocationsOf)];

    /// <summary>
    /// The actions of a record's creating transaction with its complete row added (last): a card's location merged into
    /// it there (the card she created it on) is folded into the one row, as a transaction touches a row once.
    /// </summary>
    public static List<TableTransactionAction> CreatedWith(string projectId, string rowKey, IEnumerable<TableTransactionAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var row = New(projectId, rowKey);
        var result = new List<TableTransactionAction>();
        foreach (var action in actions)
        {
            if (action.Entity is TableEntity merged && merged.PartitionKey == projectId && merged.RowKey == rowKey)
            {
                foreach (var (name, value) in merged.Where(p => p.Key is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag")))
                {
                    row[name] = value;
                }
            }
            else
            {
                result.Add(action);
            }
        }

        result.Add(new(TableTransactionActionType.Add, row));
        return result;
    }

    private static IEnumerable<CardLocation> LocationsOf(TableEntity row) =>
        row.Keys
            .Where(key => key.Length == HolderPropertyLength && key[0] == 'h')
            .Select(key => row.GetString(key) is { } json ? JsonSerializer.Deserialize<CardLocation>(json) : null)
            .OfType<CardLocation>();

    private static string HolderProperty(string objectId) =>
        "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(objectId)))[..(HolderPropertyLength - 1)];
}
