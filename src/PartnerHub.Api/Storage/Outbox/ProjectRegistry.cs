using Azure.Data.Tables;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// The projects the outbox sweep visits: partition <c>_projects</c> of the main table, RowKey = project id.
/// The sweep reads this partition and then ranges inside each project's partition, so it never scans the table.
/// Features and seeding call <see cref="RegisterAsync"/> when a project comes into being (idempotent).
/// </summary>
public sealed class ProjectRegistry(TableStore store, TimeProvider timeProvider)
{
    private TableClient Table => store.Table(TableNames.Main);

    public async Task RegisterAsync(string projectId, CancellationToken cancellationToken)
    {
        OutboxKeys.ValidateProjectId(projectId);
        var entity = new TableEntity(OutboxKeys.RegistryPartition, projectId) { ["RegisteredAt"] = timeProvider.GetUtcNow() };
        // Merge keeps a registration idempotent and never races with itself.
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
    }

    public async IAsyncEnumerable<string> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OutboxKeys.RegistryPartition}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            yield return entity.RowKey;
        }
    }
}
