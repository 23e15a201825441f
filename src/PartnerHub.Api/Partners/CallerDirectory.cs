using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>A person's place in one project: the role, and for partner staff the organisation they act for.</summary>
public sealed record ProjectMembership(string ProjectId, ProjectRole Role, string? OrganisationId = null);

/// <summary>
/// Maps a validated Entra identity (tenant id + object id) to project memberships. The only source of roles for
/// the REST API: token roles and groups claims are never used for that.
/// </summary>
public interface ICallerDirectory
{
    Task<IReadOnlyList<ProjectMembership>> MembershipsAsync(string tenantId, string objectId, CancellationToken cancellationToken);
}

/// <summary>
/// Memberships in table <c>people</c>: PartitionKey = <c>{tenantId}|{objectId}</c> (each part escaped),
/// RowKey = project id, properties Role and OrganisationId. A caller costs one partition read, never a scan, and is
/// remembered for <see cref="ReadCache"/>'s lifetime (default 30 s): a grant or removal made here is seen at once, one
/// made by another instance within that time.
/// </summary>
public sealed class TableCallerDirectory(TableStore store, ReadCache? cache = null) : ICallerDirectory
{
    private readonly CachedReads<string, IReadOnlyList<ProjectMembership>> _memberships = new(cache, refreshAhead: true);

    private TableClient Table => store.Table(TableNames.People);

    public Task<IReadOnlyList<ProjectMembership>> MembershipsAsync(string tenantId, string objectId, CancellationToken cancellationToken)
    {
        var partition = PartitionFor(tenantId, objectId);
        return _memberships.GetAsync(partition, token => ReadMembershipsAsync(partition, token), cancellationToken);
    }

    private async Task<IReadOnlyList<ProjectMembership>> ReadMembershipsAsync(string partition, CancellationToken cancellationToken)
    {
        var memberships = new List<ProjectMembership>();
        // A filter string, not an expression: the SDK compiles an expression's closure on every call.
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableQueries.Partition(partition), cancellationToken: cancellationToken))
        {
            // A row that no longer parses (renamed role, hand-edited id) grants nothing: fail closed.
            if (Project.IsValidId(entity.RowKey) && Enum.TryParse<ProjectRole>(entity.GetString("Role"), ignoreCase: false, out var role) && Enum.IsDefined(role))
            {
                memberships.Add(new ProjectMembership(entity.RowKey, role, entity.GetString("OrganisationId")));
            }
        }

        return memberships;
    }

    /// <summary>Grants (or replaces) the person's one membership in a project.</summary>
    public async Task GrantAsync(string tenantId, string objectId, ProjectMembership membership, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(membership);
        if (!Project.IsValidId(membership.ProjectId))
        {
            throw new ArgumentException("Invalid project id.", nameof(membership));
        }

        if (!Enum.IsDefined(membership.Role))
        {
            throw new ArgumentException("Unknown role.", nameof(membership));
        }

        var partition = PartitionFor(tenantId, objectId);
        await _memberships.WriteAsync(partition, () => Table.UpsertEntityAsync(
            new TableEntity(partition, membership.ProjectId)
            {
                ["Role"] = membership.Role.ToString(),
                ["OrganisationId"] = membership.OrganisationId,
            },
            TableUpdateMode.Replace,
            cancellationToken));
    }

    /// <summary>Removes the person's membership in a project; nothing happens when there is none.</summary>
    public async Task RevokeAsync(string tenantId, string objectId, string projectId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId))
        {
            return;
        }

        var partition = PartitionFor(tenantId, objectId);
        await _memberships.WriteAsync(partition, async () =>
        {
            try
            {
                await Table.DeleteEntityAsync(partition, projectId, ETag.All, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Already gone: revoking is idempotent.
            }
        });
    }

    internal static string PartitionFor(string tenantId, string objectId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(objectId);

        // Escape also encodes '|', so the separator is unambiguous whatever the ids contain.
        return TableKeys.Escape(tenantId) + "|" + TableKeys.Escape(objectId);
    }
}
