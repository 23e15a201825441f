using System.Globalization;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Append-only audit (table <c>audit</c>, PartitionKey = <c>{projectId}|{yyyyMM}</c>): who read or changed which record,
/// and whether it was allowed. Ids and action names only — never names, notes or anything else about a person.
/// </summary>
public sealed partial class AuditLog(TableStore store, TimeProvider time, ILogger<AuditLog> logger)
{
    public async Task RecordAsync(string projectId, string actorObjectId, string action, string recordType, string recordId, bool allowed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - now.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var entity = new TableEntity(
            TableKeys.Escape(projectId) + "|" + now.ToString("yyyyMM", CultureInfo.InvariantCulture),
            inverted + "|" + Guid.NewGuid().ToString("N"))
        {
            ["At"] = now,
            ["Actor"] = actorObjectId,
            ["Action"] = action,
            ["RecordType"] = recordType,
            ["RecordId"] = recordId,
            ["Allowed"] = allowed,
        };
        try
        {
            await store.Table(TableNames.Audit).AddEntityAsync(entity, cancellationToken);
        }
        catch (Azure.RequestFailedException e)
        {
            // The action itself succeeded or was refused already; an audit write failure is loud but not the user's problem.
            LogAuditFailed(logger, action, recordType, e.Status);
        }

        if (!allowed)
        {
            LogDenied(logger, action, recordType, recordId);
        }
    }

    /// <summary>
    /// The project's audit rows for the months of <paramref name="query"/>, newest first, narrowed to one person (the
    /// actor) and/or one record. Each month is one partition: a keyed query, its filter built by the SDK (escaped).
    /// </summary>
    public async IAsyncEnumerable<AuditEntry> ReadAsync(string projectId, AuditQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var table = store.Table(TableNames.Audit);
        foreach (var month in query.MonthsNewestFirst())
        {
            var partition = TableKeys.Escape(projectId) + "|" + month.ToString("yyyyMM", CultureInfo.InvariantCulture);
            await foreach (var row in table.QueryAsync<TableEntity>(query.Filter(partition), cancellationToken: cancellationToken))
            {
                var entry = AuditEntry.From(row);
                if (entry.At >= query.From && entry.At < query.Until)
                {
                    yield return entry;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit row not written for {Action} on {RecordType} (status {Status})")]
    private static partial void LogAuditFailed(ILogger logger, string action, string recordType, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Access denied: {Action} on {RecordType} {RecordId}")]
    private static partial void LogDenied(ILogger logger, string action, string recordType, string recordId);
}
