using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The project's own row: PartitionKey = project id, RowKey = "project", in the main table; and its tenant's index row,
/// PartitionKey = <c>tenantproject|{tenant}</c>, RowKey = project id, so a tenant's projects are one partition query.
/// A project read is remembered for <see cref="ReadCache"/>'s lifetime; this instance's own writes are seen at once.
/// </summary>
public sealed class ProjectStore(TableStore store, ProjectRegistry registry, ReadCache? cache = null)
{
    private readonly CachedReads<string, Project?> _found = new(cache, refreshAhead: true);

    public const string RowKey = "project";
    public const string TenantIndexPrefix = "tenantproject|";

    /// <summary>More than any municipality runs; bounds what one unknown person's message can make us read.</summary>
    public const int MaxProjectsPerTenant = 20;

    private TableClient Table => store.Table(TableNames.Main);

    public Task<Project?> FindAsync(string projectId, CancellationToken cancellationToken) =>
        Project.IsValidId(projectId) ? _found.GetAsync(projectId, token => ReadAsync(projectId, token), cancellationToken) : Task.FromResult<Project?>(null);

    private async Task<Project?> ReadAsync(string projectId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity
            ? new Project(projectId, entity.GetString("Name") ?? projectId, entity.GetString("Municipality") ?? string.Empty, entity.GetString("FixedPlace") ?? string.Empty)
            {
                Areas = JsonColumn.ReadList(entity.GetString("Areas")),
                TenantId = entity.GetString("TenantId") ?? string.Empty,
                // Projects stored before the setting existed are Danish, the default.
                Language = Languages.For(null, entity.GetString("Language")),
            }
            : null;
    }

    public async Task UpsertAsync(Project project, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(project.Id))
        {
            throw new ArgumentException("Invalid project id.", nameof(project));
        }

        await IndexAsync(project, cancellationToken);
        await _found.WriteAsync(project.Id, () => Table.UpsertEntityAsync(Entity(project), TableUpdateMode.Replace, cancellationToken));
        // The outbox sweep finds a project's pending notifications through this registry.
        await registry.RegisterAsync(project.Id, cancellationToken);
    }

    /// <summary>Adds the project unless it exists; false when it does, and then nothing of it is written.</summary>
    /// <param name="extra">Rows of the same project committed with it (the creation's receipt), or none.</param>
    public async Task<bool> CreateAsync(Project project, CancellationToken cancellationToken, IEnumerable<TableTransactionAction>? extra = null)
    {
        if (!Project.IsValidId(project.Id))
        {
            throw new ArgumentException("Invalid project id.", nameof(project));
        }

        await IndexAsync(project, cancellationToken);
        var created = await _found.WriteAsync(project.Id, async () =>
        {
            try
            {
                await Table.CommitAsync([new TableTransactionAction(TableTransactionActionType.Add, Entity(project)), .. extra ?? []], cancellationToken);
                return true;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                return false;
            }
        });
        if (!created)
        {
            return false;
        }

        await registry.RegisterAsync(project.Id, cancellationToken);
        return true;
    }

    /// <summary>
    /// The projects of a tenant, by id: one partition query on the index, then a point read of each project, kept only
    /// when it still names this tenant (an index row whose project write failed, or was refused, points nowhere).
    /// </summary>
    public async Task<IReadOnlyList<Project>> ProjectsOfTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        var found = new List<Project>();
        if (string.IsNullOrEmpty(tenantId))
        {
            return found;
        }

        var ids = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Partition(TenantPartition(tenantId)), maxPerPage: MaxProjectsPerTenant, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
            if (ids.Count == MaxProjectsPerTenant)
            {
                break;
            }
        }

        foreach (var id in ids)
        {
            if (await FindAsync(id, cancellationToken) is { } project && string.Equals(project.TenantId, tenantId, StringComparison.OrdinalIgnoreCase))
            {
                found.Add(project);
            }
        }

        return found;
    }

    /// <summary>
    /// Written before the project row (a partition of its own, so not in the project's transaction): a project is never
    /// stored without its index row; a stray index row is filtered out when read.
    /// </summary>
    private async Task IndexAsync(Project project, CancellationToken cancellationToken)
    {
        if (project.TenantId.Length > 0)
        {
            await Table.UpsertEntityAsync(new TableEntity(TenantPartition(project.TenantId), project.Id), TableUpdateMode.Replace, cancellationToken);
        }
    }

    private static string TenantPartition(string tenantId) => TenantIndexPrefix + TableKeys.Escape(tenantId.ToLowerInvariant());

    private static TableEntity Entity(Project project) => new(project.Id, RowKey)
    {
        ["Name"] = project.Name,
        ["Municipality"] = project.Municipality,
        ["FixedPlace"] = project.FixedPlace,
        ["Areas"] = JsonColumn.Write(project.Areas),
        ["TenantId"] = project.TenantId,
        ["Language"] = Languages.For(null, project.Language),
    };
}
