using Azure.Data.Tables;

namespace PartnerHub.Api.Cards.Holders;

/// <summary>
/// A kind of card whose record keeps a holders row (<see cref="HoldersRow"/>): <see cref="CardLocationStore"/> merges
/// every location of the kind into it, in the same transaction as the location, and reads every card of the record by
/// one point read of it (<see cref="CardLocationStore.ForAsync"/>). The feature creates the row complete with its record
/// (<see cref="HoldersRow.CreatedWith"/>); the row must be in the record's partition (the project).
/// </summary>
public interface ICardHolderRows
{
    CardKind Kind { get; }

    /// <summary>The record's holders row key; by default <see cref="HoldersRow.Key"/>.</summary>
    string RowKey(string id) => HoldersRow.Key(Kind, id);

    /// <summary>Rows the feature writes beside every location too, for what still reads its older layout (upserted, ids only); none by default.</summary>
    IEnumerable<TableEntity> RowsBeside(string projectId, string id, CardLocation location) => [];

    /// <summary>
    /// Around a location written on its own with its rows (a card sent, not a change of the record), so the feature can
    /// keep what it remembers beside the record in step. By default it just writes.
    /// </summary>
    Task RecordedAloneAsync(string projectId, string id, CardLocation location, Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return write();
    }
}

/// <summary>A kind that keeps a holders row and nothing else beside its record.</summary>
public sealed class CardHolderRows(CardKind kind) : ICardHolderRows
{
    public CardKind Kind => kind;
}

public static class CardHolderRowsRegistration
{
    /// <summary>Cards of <paramref name="kind"/> are read and written with their record's holders row (<see cref="HoldersRow"/>).</summary>
    public static IServiceCollection AddCardHoldersRow(this IServiceCollection services, CardKind kind) =>
        services.AddSingleton<ICardHolderRows>(new CardHolderRows(kind));
}
