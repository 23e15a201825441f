using Azure.Data.Tables;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The directory's version row <c>directory|version</c> in the project's partition: every write of a person or an
/// organisation gives it a new stamp, in the write's own transaction (a seed's unconditional upsert too). An instance that read the directory at one stamp and finds the same stamp later knows with one
/// point read that no row has changed (<see cref="Storage.ReadCaching.RevalidatedReads{TKey, TValue}"/>). The stamp is
/// a fresh GUID rather than the row's ETag: two writes in one millisecond may get the same ETag on the emulator.
/// </summary>
public static class DirectoryVersion
{
    public const string RowKey = "directory|version";
    public const string StampColumn = "Stamp";

    /// <summary>The transaction action that moves the version, added to every directory change.</summary>
    public static TableTransactionAction Move(string projectId) => new(TableTransactionActionType.UpsertReplace, Row(projectId));

    /// <summary>The stamp as stored now; null before any write has moved it.</summary>
    public static async Task<string?> ReadAsync(TableClient table, string projectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey, select: [StampColumn], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString(StampColumn) : null;
    }

    private static TableEntity Row(string projectId) => new(projectId, RowKey) { [StampColumn] = Guid.NewGuid().ToString("N") };
}
