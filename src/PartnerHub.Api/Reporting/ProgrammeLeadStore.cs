using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Reporting;

/// <summary>A programme lead: the projects whose combined report she may see.</summary>
public sealed record ProgrammeLead(string TenantId, string ObjectId, string FirstName, IReadOnlyList<string> ProjectIds);

public sealed record StoredProgrammeLead(ProgrammeLead Lead, ETag ETag);

/// <summary>
/// Programme leads, keyed by tenant and Entra object id (<c>programme-lead|{tenant}</c> / object id) in the main table:
/// one point read per request. She is no project member; she sees aggregates only.
/// </summary>
public sealed class ProgrammeLeadStore(TableStore store)
{
    public const string PartitionPrefix = "programme-lead|";

    private TableClient Table => store.Table(TableNames.Main);

    public async Task<StoredProgrammeLead?> FindAsync(string tenantId, string objectId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(tenantId) || string.IsNullOrWhiteSpace(objectId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition(tenantId), TableKeys.Escape(objectId), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity
            ? new StoredProgrammeLead(new ProgrammeLead(tenantId, objectId, entity.GetString("FirstName") ?? string.Empty, JsonColumn.ReadList(entity.GetString("ProjectIds"))), entity.ETag)
            : null;
    }

    /// <summary>
    /// Adds her when <paramref name="expected"/> is null (fails if she is appointed already), or replaces her row if it
    /// still has <paramref name="expected"/>. Null when the row is not as the caller saw it.
    /// </summary>
    public async Task<StoredProgrammeLead?> WriteAsync(ProgrammeLead lead, ETag? expected, string changedBy, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(Partition(lead.TenantId), TableKeys.Escape(lead.ObjectId))
        {
            ["FirstName"] = lead.FirstName,
            ["ProjectIds"] = JsonColumn.Write(lead.ProjectIds),
            ["ChangedBy"] = changedBy,
        };
        try
        {
            var response = expected is { } etag
                ? await Table.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken)
                : await Table.AddEntityAsync(entity, cancellationToken);
            return new StoredProgrammeLead(lead, response.Headers.ETag ?? default);
        }
        catch (RequestFailedException e) when (ClientETags.IsStale(e, expected is not null))
        {
            return null;
        }
    }

    private static string Partition(string tenantId) => PartitionPrefix + TableKeys.Escape(tenantId.ToLowerInvariant());
}
