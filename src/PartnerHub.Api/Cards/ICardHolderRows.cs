using Azure.Data.Tables;

namespace PartnerHub.Api.Cards;

/// <summary>
/// A feature that keeps who holds a card of its record beside the record itself, so the record's own read brings them
/// (no second call for a card's refresh audience). <see cref="CardLocationStore"/> writes the feature's row in the same
/// transaction as every card location of that kind; the row must be in the record's partition (the project).
/// </summary>
public interface ICardHolderRows
{
    CardKind Kind { get; }

    /// <summary>The row that says she holds a card of the record (ids only); upserted, so writing it twice is harmless.</summary>
    TableEntity Row(string projectId, string id, CardLocation location);

    /// <summary>
    /// A row merged with every location of the kind (upsert-merge: one property per holder), which can answer
    /// <see cref="LocationsAsync"/> by one point read; null when the feature keeps none.
    /// </summary>
    TableEntity? MergedRow(string projectId, string id, CardLocation location) => null;

    /// <summary>Every card location of the record by a point read of the merged row, or null when it cannot tell (then the locations are queried).</summary>
    Task<IReadOnlyList<CardLocation>?> LocationsAsync(TableClient table, string projectId, string id, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<CardLocation>?>(null);

    /// <summary>
    /// Around a location written on its own with its row (a card sent, not a change of the record), so the feature can
    /// keep what it remembers beside the record in step. By default it just writes.
    /// </summary>
    Task RecordedAloneAsync(string projectId, string id, CardLocation location, Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write();
    }
}
