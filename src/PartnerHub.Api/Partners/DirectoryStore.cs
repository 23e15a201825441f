using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>
/// The partner directory of a project, in the main table (PartitionKey = project id):
/// organisations at <c>org|{id}</c> and people at <c>member|{objectId}</c>. Roles come from here, never from a client.
/// </summary>
public sealed class DirectoryStore(TableStore store, TableCallerDirectory callers)
{
    public const string OrganisationPrefix = "org|";
    public const string MemberPrefix = "member|";

    private TableClient Table => store.Table(TableNames.Main);

    public async Task UpsertOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        RequireProject(organisation.ProjectId);
        await Table.UpsertEntityAsync(
            new TableEntity(organisation.ProjectId, OrganisationPrefix + TableKeys.Escape(organisation.Id))
            {
                ["Kind"] = organisation.Kind.ToString(),
                ["Name"] = organisation.Name,
                ["ReceivesOnwardReferrals"] = organisation.ReceivesOnwardReferrals,
            },
            TableUpdateMode.Replace,
            cancellationToken);
    }

    public async Task<Organisation?> FindOrganisationAsync(string projectId, string organisationId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, OrganisationPrefix + TableKeys.Escape(organisationId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ToOrganisation(entity) : null;
    }

    public async Task<IReadOnlyList<Organisation>> OrganisationsAsync(string projectId, CancellationToken cancellationToken)
    {
        RequireProject(projectId);
        var result = new List<Organisation>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OrganisationPrefix), cancellationToken: cancellationToken))
        {
            result.Add(ToOrganisation(entity));
        }

        return result;
    }

    /// <summary>
    /// Adds or changes a person in the project, then grants the membership callers are resolved by. In that order:
    /// a failure in between leaves a listed person without access, never access without a listed person.
    /// </summary>
    public async Task UpsertMemberAsync(string tenantId, ProjectMember member, CancellationToken cancellationToken)
    {
        RequireProject(member.ProjectId);
        await Table.UpsertEntityAsync(
            new TableEntity(member.ProjectId, MemberPrefix + TableKeys.Escape(member.ObjectId))
            {
                ["Role"] = member.Role.ToString(),
                ["OrganisationId"] = member.OrganisationId,
                ["FirstName"] = member.FirstName,
            },
            TableUpdateMode.Replace,
            cancellationToken);
        await callers.GrantAsync(tenantId, member.ObjectId, new ProjectMembership(member.ProjectId, member.Role, member.OrganisationId), cancellationToken);
    }

    /// <summary>Revokes access first, then removes the person from the project's list.</summary>
    public async Task RemoveMemberAsync(string tenantId, string projectId, string objectId, CancellationToken cancellationToken)
    {
        RequireProject(projectId);
        await callers.RevokeAsync(tenantId, objectId, projectId, cancellationToken);
        await Table.DeleteEntityAsync(projectId, MemberPrefix + TableKeys.Escape(objectId), ETag.All, cancellationToken);
    }

    public async Task<ProjectMember?> FindMemberAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || string.IsNullOrEmpty(objectId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, MemberPrefix + TableKeys.Escape(objectId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ToMember(entity) : null;
    }

    public async Task<IReadOnlyList<ProjectMember>> MembersAsync(string projectId, ProjectRole? role, CancellationToken cancellationToken)
    {
        RequireProject(projectId);
        var result = new List<ProjectMember>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, MemberPrefix), cancellationToken: cancellationToken))
        {
            var member = ToMember(entity);
            if (role is null || member.Role == role)
            {
                result.Add(member);
            }
        }

        return result;
    }

    private static Organisation ToOrganisation(TableEntity entity) => new(
        TableKeys.Unescape(entity.RowKey[OrganisationPrefix.Length..]),
        entity.PartitionKey,
        Enum.Parse<OrganisationKind>(entity.GetString("Kind") ?? nameof(OrganisationKind.SocialServices)),
        entity.GetString("Name") ?? string.Empty,
        entity.GetBoolean("ReceivesOnwardReferrals") ?? false);

    private static ProjectMember ToMember(TableEntity entity) => new(
        TableKeys.Unescape(entity.RowKey[MemberPrefix.Length..]),
        entity.PartitionKey,
        Enum.Parse<ProjectRole>(entity.GetString("Role") ?? nameof(ProjectRole.PartnerStaff)),
        entity.GetString("OrganisationId"),
        entity.GetString("FirstName") ?? string.Empty);

    private static void RequireProject(string projectId)
    {
        if (!Project.IsValidId(projectId))
        {
            throw new ArgumentException("Invalid project id.", nameof(projectId));
        }
    }
}
