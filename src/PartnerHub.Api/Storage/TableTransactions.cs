using Azure;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage;

/// <summary>How every entity-group transaction is committed.</summary>
public static class TableTransactions
{
    /// <summary>
    /// Submits the transaction. Once it has committed, each row it added carries the ETag storage gave it, so whoever
    /// holds the row next (the outbox dispatcher of this instance) can write it conditionally without reading it back.
    /// Only added rows: they were made for this transaction, while an updated row may be an object a cache still holds.
    /// </summary>
    public static async Task<Response<IReadOnlyList<Response>>> CommitAsync(
        this TableClient table, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(actions);
        var response = await table.SubmitTransactionAsync(actions, cancellationToken);
        var results = response.Value;
        for (var i = 0; i < actions.Count && i < results.Count; i++)
        {
            if (actions[i].ActionType == TableTransactionActionType.Add && results[i].Headers.ETag is { } etag)
            {
                actions[i].Entity.ETag = etag;
            }
        }

        return response;
    }
}
