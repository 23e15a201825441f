using System.Collections.Concurrent;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>A caller directory for tests that need no storage: memberships by (tenant, object id).</summary>
internal sealed class InMemoryCallerDirectory : ICallerDirectory
{
    private readonly ConcurrentDictionary<(string TenantId, string ObjectId), ConcurrentDictionary<string, ProjectMembership>> _people = new();

    public InMemoryCallerDirectory Grant(string tenantId, string objectId, string projectId, ProjectRole role, string? organisationId = null)
    {
        _people.GetOrAdd((tenantId, objectId), _ => new())[projectId] = new ProjectMembership(projectId, role, organisationId);
        return this;
    }

    public Task<IReadOnlyList<ProjectMembership>> MembershipsAsync(string tenantId, string objectId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ProjectMembership>>(
            _people.TryGetValue((tenantId, objectId), out var memberships) ? [.. memberships.Values] : []);
}
