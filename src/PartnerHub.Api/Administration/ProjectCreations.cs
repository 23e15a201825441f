using Azure.Data.Tables;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Administration;

/// <summary>
/// The receipt of a project's creation, written in the same transaction as the project row, in its partition
/// (<c>admin-dedupe|{fingerprint of administrator and Idempotency-Key}</c>): what lets a retried request be told
/// from another request for the same id.
/// </summary>
public sealed class ProjectCreations(TableStore store)
{
    public const string DedupePrefix = "admin-dedupe|";
    private const string RequestColumn = "Request";

    /// <param name="requestFingerprint">The request's content, so a key reused for another request is told apart.</param>
    public static TableTransactionAction Receipt(string projectId, string receiptKey, string requestFingerprint) =>
        new(TableTransactionActionType.Add, new TableEntity(projectId, receiptKey) { [RequestColumn] = requestFingerprint });

    /// <summary>The fingerprint of the request the receipt was written for; null when there is none.</summary>
    public async Task<string?> FindAsync(string projectId, string receiptKey, CancellationToken cancellationToken)
    {
        var response = await store.Table(TableNames.Main).GetEntityIfExistsAsync<TableEntity>(projectId, receiptKey, select: [RequestColumn], cancellationToken: cancellationToken);
        return response.HasValue ? response.Value!.GetString(RequestColumn) : null;
    }
}
