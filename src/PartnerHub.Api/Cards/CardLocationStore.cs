using Azure.Data.Tables;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;

namespace PartnerHub.Api.Cards;

/// <summary>
/// Where the cards showing a record live, for every feature alike: <c>card|{kind}|{id}|{objectId}</c> in the project
/// partition (<see cref="CardKind"/>; id and object id escaped), one per person who has one, so every change updates
/// each in place with that person's own view. Ids only. A card's refresh audience (who has one) is remembered for
/// <see cref="ReadCache"/>'s lifetime and dropped whenever this instance records a card of the record; the updates
/// themselves always read the locations (<see cref="ForAsync"/>). A kind may keep a holders row beside its record
/// (<see cref="ICardHolderRows"/>, <see cref="HoldersRow"/>): every location of that kind is merged into it in the same
/// transaction, and the record's cards are read by one point read of it.
/// </summary>
public sealed class CardLocationStore(TableStore store, ReadCache? cache = null, IEnumerable<ICardHolderRows>? holderRows = null)
{
    public const string Prefix = "card|";

    // Who has a card of a record (object id, Teams user id), in row order, remembered per record.
    private readonly CachedReads<(string, string), IReadOnlyList<Holder>> _audiences = new(cache);

    private readonly Dictionary<CardKind, ICardHolderRows> _holderRows = (holderRows ?? []).ToDictionary(rows => rows.Kind);

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>The upsert, for a caller's transaction (the acting card is recorded with the change, or not at all).</summary>
    /// <remarks>
    /// Unless she is in the record's remembered audience already (her card moved, or was acted on again: usually), drops
    /// it now, so the answer read after the caller's commit includes her card.
    /// </remarks>
    public TableTransactionAction Upsert(string projectId, CardKind kind, string id, CardLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (_holderRows.ContainsKey(kind))
        {
            // Its holder row would be missing: the record's read would then answer a short refresh audience.
            throw new InvalidOperationException($"Cards of kind {kind} are recorded with {nameof(Upserts)}.");
        }

        return UpsertLocation(projectId, kind, id, location);
    }

    /// <summary>The upserts for a caller's transaction: the location and, for a kind kept beside its record, its holder row.</summary>
    public IReadOnlyList<TableTransactionAction> Upserts(string projectId, CardKind kind, string id, CardLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        var upsert = UpsertLocation(projectId, kind, id, location);
        return _holderRows.TryGetValue(kind, out var rows) ? [upsert, .. HolderActions(rows, projectId, id, location)] : [upsert];
    }

    private static IEnumerable<TableTransactionAction> HolderActions(ICardHolderRows rows, string projectId, string id, CardLocation location)
    {
        foreach (var row in rows.RowsBeside(projectId, id, location))
        {
            yield return new(TableTransactionActionType.UpsertReplace, row);
        }

        yield return new(TableTransactionActionType.UpsertMerge, HoldersRow.Merge(projectId, rows.RowKey(id), location));
    }

    private TableTransactionAction UpsertLocation(string projectId, CardKind kind, string id, CardLocation location)
    {
        var key = (projectId, RecordPrefix(kind, id));
        if (!_audiences.TryPeek(key, out var holders) || !holders.Contains(Holder.Of(location)))
        {
            _audiences.Invalidate(key);
        }

        return new(TableTransactionActionType.UpsertReplace, ToEntity(projectId, kind, id, location));
    }

    /// <summary>Records a card sent; the record's remembered audience gains her, so the next card sent need not read it.</summary>
    public async Task SaveAsync(string projectId, CardKind kind, string id, CardLocation location, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(location);
        var key = (projectId, RecordPrefix(kind, id));
        await _audiences.WriteAsync(
            key,
            () => WriteLocationAsync(projectId, kind, id, location, cancellationToken),
            holders => CachedChange.Keep<IReadOnlyList<Holder>>([.. holders.Where(h => h.ObjectId != location.ObjectId).Append(Holder.Of(location)).OrderBy(h => TableKeys.Escape(h.ObjectId), StringComparer.Ordinal)]));
    }

    private async Task WriteLocationAsync(string projectId, CardKind kind, string id, CardLocation location, CancellationToken cancellationToken)
    {
        if (_holderRows.TryGetValue(kind, out var rows))
        {
            // The location and the holder row beside the record: both or neither.
            await rows.RecordedAloneAsync(projectId, id, location, () => Table.CommitAsync(
                [new(TableTransactionActionType.UpsertReplace, ToEntity(projectId, kind, id, location)), .. HolderActions(rows, projectId, id, location)],
                cancellationToken));
        }
        else
        {
            await Table.UpsertEntityAsync(ToEntity(projectId, kind, id, location), TableUpdateMode.Replace, cancellationToken);
        }
    }

    /// <summary>
    /// Every card showing one record: one point read of its holders row when its kind keeps one and the row is complete
    /// (<see cref="HoldersRow.LocationsIn"/>), else (a record older than its row, or a kind without one) one prefix range
    /// in the project's partition.
    /// </summary>
    public async Task<IReadOnlyList<CardLocation>> ForAsync(string projectId, CardKind kind, string id, CancellationToken cancellationToken)
    {
        if (_holderRows.TryGetValue(kind, out var rows)
            && HoldersRow.LocationsIn(await HoldersRow.ReadAsync(Table, projectId, rows.RowKey(id), cancellationToken)) is { } merged)
        {
            return merged;
        }

        var result = new List<CardLocation>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, RecordPrefix(kind, id)), cancellationToken: cancellationToken))
        {
            result.Add(FromEntity(row));
        }

        return result;
    }

    /// <summary>One person's card for one record, by a point read.</summary>
    public async Task<CardLocation?> FindAsync(string projectId, CardKind kind, string id, string objectId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(kind, id, objectId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? FromEntity(row) : null;
    }

    /// <summary>The Teams user ids of everyone with a card of this record, for a card's refresh audience (at most 60, Teams' limit).</summary>
    public async Task<IReadOnlyList<string>> AudienceAsync(string projectId, CardKind kind, string id, CancellationToken cancellationToken)
    {
        var holders = await _audiences.GetAsync(
            (projectId, RecordPrefix(kind, id)),
            async token => (await ForAsync(projectId, kind, id, token)).Select(Holder.Of).ToList(),
            cancellationToken);
        return Audience(holders.Select(h => h.UserId));
    }

    public static IReadOnlyList<string> Audience(IEnumerable<CardLocation> locations) => Audience(locations.Select(l => l.UserId));

    /// <summary>A refresh audience from the holders' Teams user ids (in row order): no empty ids, no repeats, at most 60.</summary>
    public static List<string> Audience(IEnumerable<string> userIds) =>
        userIds.Where(userId => userId.Length > 0).Distinct(StringComparer.Ordinal).Take(60).ToList();

    private sealed record Holder(string ObjectId, string UserId)
    {
        public static Holder Of(CardLocation location) => new(location.ObjectId, location.UserId);
    }

    public static string RowKey(CardKind kind, string id, string objectId) => RecordPrefix(kind, id) + TableKeys.Escape(objectId);

    private static string RecordPrefix(CardKind kind, string id) => $"{Prefix}{kind.Key()}|{TableKeys.Escape(id)}|";

    private static TableEntity ToEntity(string projectId, CardKind kind, string id, CardLocation location) =>
        new(projectId, RowKey(kind, id, location.ObjectId))
        {
            ["UserId"] = location.UserId,
            ["ServiceUrl"] = location.ServiceUrl,
            ["ConversationId"] = location.ConversationId,
            ["ActivityId"] = location.ActivityId,
            ["Language"] = location.Language,
        };

    private static CardLocation FromEntity(TableEntity row) => new(
        TableKeys.Unescape(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..]),
        row.GetString("UserId") ?? string.Empty,
        row.GetString("ServiceUrl") ?? string.Empty,
        row.GetString("ConversationId") ?? string.Empty,
        row.GetString("ActivityId") ?? string.Empty,
        row.GetString("Language") ?? "da");
}
