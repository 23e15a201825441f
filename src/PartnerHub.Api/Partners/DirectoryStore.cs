using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>A person as listed, with the ETag a change must match.</summary>
public sealed record StoredMember(ProjectMember Member, ETag ETag);

public enum MemberWriteOutcome
{
    Saved,

    /// <summary>Someone changed or removed her (or another coordinator) since the ETag was read: read again.</summary>
    Conflict,

    /// <summary>Refused: the project would have no coordinator left.</summary>
    LastCoordinator,

    NotFound,
    AlreadyMember,

    /// <summary>The same person's same change from the same version was already saved (a retry): nothing written again.</summary>
    AlreadyApplied,
}

/// <summary>
/// The partner directory of a project, in the main table (PartitionKey = project id):
/// organisations at <c>org|{id}</c> and people at <c>member|{objectId}</c>. Roles come from here, never from a client.
/// </summary>
public sealed class DirectoryStore(TableStore store, TableCallerDirectory callers)
{
    public const string OrganisationPrefix = "org|";
    public const string MemberPrefix = "member|";

    // Every change that takes a coordinator away also rewrites this row, conditional on the ETag read before counting
    // the coordinators: two coordinators demoting each other at once cannot both pass the "last coordinator" check.
    public const string CoordinatorGuardKey = "guard|coordinators";

    /// <summary>Idempotency rows of member changes: <c>directory-dedupe|{fingerprint}</c>.</summary>
    public const string DedupePrefix = "directory-dedupe|";

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
    /// Seeds a person unconditionally (demo data, tests): adds or replaces her row, then grants the membership callers
    /// are resolved by. Changes people make go through <see cref="AddMemberAsync"/>, <see cref="ChangeMemberAsync"/> and
    /// <see cref="RemoveMemberAsync"/>, which are conditional.
    /// </summary>
    public async Task UpsertMemberAsync(string tenantId, ProjectMember member, CancellationToken cancellationToken)
    {
        RequireProject(member.ProjectId);
        await Table.UpsertEntityAsync(MemberEntity(member), TableUpdateMode.Replace, cancellationToken);
        await callers.GrantAsync(tenantId, member.ObjectId, Membership(member), cancellationToken);
    }

    /// <summary>Adds a person who is not listed yet, then grants her role (listed before she has access, never the reverse).</summary>
    public async Task<MemberWriteOutcome> AddMemberAsync(string tenantId, ProjectMember member, CancellationToken cancellationToken)
    {
        RequireProject(member.ProjectId);
        try
        {
            await Table.AddEntityAsync(MemberEntity(member), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return MemberWriteOutcome.AlreadyMember;
        }

        await callers.GrantAsync(tenantId, member.ObjectId, Membership(member), cancellationToken);
        return MemberWriteOutcome.Saved;
    }

    /// <summary>
    /// Changes a listed person if her row still has <paramref name="expected"/>. Taking the coordinator role away is
    /// refused when she is the last one, and serialised with every other such change through the guard row.
    /// A lowered role is granted before the row commits (and restored if it does not), a raised one after: a failure in
    /// between never leaves anyone with more access than the list gives her.
    /// </summary>
    /// <param name="actorObjectId">Who changes her: with the change and <paramref name="expected"/>, what makes a retry a retry.</param>
    public async Task<MemberWriteOutcome> ChangeMemberAsync(string tenantId, string actorObjectId, ProjectMember member, ETag expected, CancellationToken cancellationToken)
    {
        RequireProject(member.ProjectId);
        var dedupe = DedupePrefix + ChangeFingerprint.Of(actorObjectId, member.ObjectId, expected.ToString(), "SaveMember", member)[..32];
        var current = await FindStoredMemberAsync(member.ProjectId, member.ObjectId, cancellationToken);
        if (current is null)
        {
            return MemberWriteOutcome.NotFound;
        }

        if (current.ETag != expected)
        {
            // Her own retry of the change that moved the ETag is answered as saved; anything else lost the race.
            var applied = await Table.GetEntityIfExistsAsync<TableEntity>(member.ProjectId, dedupe, select: ["PartitionKey"], cancellationToken: cancellationToken);
            return applied.HasValue ? MemberWriteOutcome.AlreadyApplied : MemberWriteOutcome.Conflict;
        }

        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, MemberEntity(member), expected),
            new(TableTransactionActionType.Add, new TableEntity(member.ProjectId, dedupe)),
        };
        var lowersCoordinator = current.Member.Role == ProjectRole.Coordinator && member.Role != ProjectRole.Coordinator;
        if (lowersCoordinator)
        {
            var guard = await GuardAsync(member.ProjectId, member.ObjectId, member.Role, cancellationToken);
            if (guard.Outcome is { } refused)
            {
                return refused;
            }

            actions.Add(guard.Action!);
            await callers.GrantAsync(tenantId, member.ObjectId, Membership(member), cancellationToken);
        }

        var outcome = await CommitAsync(actions, cancellationToken);
        if (outcome != MemberWriteOutcome.Saved)
        {
            if (lowersCoordinator)
            {
                await callers.GrantAsync(tenantId, member.ObjectId, Membership(current.Member), cancellationToken);
            }

            return outcome;
        }

        if (!lowersCoordinator)
        {
            await callers.GrantAsync(tenantId, member.ObjectId, Membership(member), cancellationToken);
        }

        return MemberWriteOutcome.Saved;
    }

    /// <summary>
    /// Removes a listed person if her row still has <paramref name="expected"/>: her access goes first, then the row;
    /// if the row does not go (a lost race, the last coordinator) her access is restored.
    /// </summary>
    /// <param name="extra">Rows of the same project committed with the removal (its outbox row), or none.</param>
    public async Task<MemberWriteOutcome> RemoveMemberAsync(
        string tenantId, string projectId, string objectId, ETag expected, CancellationToken cancellationToken, IEnumerable<TableTransactionAction>? extra = null)
    {
        RequireProject(projectId);
        var current = await FindStoredMemberAsync(projectId, objectId, cancellationToken);
        if (current is null)
        {
            return MemberWriteOutcome.NotFound;
        }

        if (current.ETag != expected)
        {
            return MemberWriteOutcome.Conflict;
        }

        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.Delete, new TableEntity(projectId, MemberRowKey(objectId)), expected) };
        if (current.Member.Role == ProjectRole.Coordinator)
        {
            var guard = await GuardAsync(projectId, objectId, newRole: null, cancellationToken);
            if (guard.Outcome is { } refused)
            {
                return refused;
            }

            actions.Add(guard.Action!);
        }

        actions.AddRange(extra ?? []);
        await callers.RevokeAsync(tenantId, objectId, projectId, cancellationToken);
        var outcome = await CommitAsync(actions, cancellationToken);
        if (outcome != MemberWriteOutcome.Saved)
        {
            await callers.GrantAsync(tenantId, objectId, Membership(current.Member), cancellationToken);
        }

        return outcome;
    }

    public async Task<StoredMember?> FindStoredMemberAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || string.IsNullOrEmpty(objectId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, MemberRowKey(objectId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new StoredMember(ToMember(entity), entity.ETag) : null;
    }

    /// <summary>
    /// Reads the guard row's ETag first, then the coordinators: a change that commits in between moves the ETag, so a
    /// decision made on a stale count can never commit.
    /// </summary>
    private async Task<(MemberWriteOutcome? Outcome, TableTransactionAction? Action)> GuardAsync(string projectId, string objectId, ProjectRole? newRole, CancellationToken cancellationToken)
    {
        var guard = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, CoordinatorGuardKey, cancellationToken: cancellationToken);
        var coordinators = await MembersAsync(projectId, ProjectRole.Coordinator, cancellationToken);
        if (DirectoryAccess.LeavesNoCoordinator(coordinators, objectId, newRole))
        {
            return (MemberWriteOutcome.LastCoordinator, null);
        }

        var changes = (guard.HasValue ? guard.Value!.GetInt64("Changes") ?? 0 : 0) + 1;
        var row = new TableEntity(projectId, CoordinatorGuardKey) { ["Changes"] = changes };
        var action = guard.HasValue
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, guard.Value!.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
        return (null, action);
    }

    private async Task<MemberWriteOutcome> CommitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return MemberWriteOutcome.Saved;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return MemberWriteOutcome.Conflict;
        }
    }

    private static TableEntity MemberEntity(ProjectMember member) => new(member.ProjectId, MemberRowKey(member.ObjectId))
    {
        ["Role"] = member.Role.ToString(),
        ["OrganisationId"] = member.OrganisationId,
        ["FirstName"] = member.FirstName,
    };

    private static string MemberRowKey(string objectId) => MemberPrefix + TableKeys.Escape(objectId);

    private static ProjectMembership Membership(ProjectMember member) => new(member.ProjectId, member.Role, member.OrganisationId);

    public async Task<ProjectMember?> FindMemberAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || string.IsNullOrEmpty(objectId))
        {
            return null;
        }

        return (await FindStoredMemberAsync(projectId, objectId, cancellationToken))?.Member;
    }

    public async Task<IReadOnlyList<ProjectMember>> MembersAsync(string projectId, ProjectRole? role, CancellationToken cancellationToken) =>
        (await StoredMembersAsync(projectId, role, cancellationToken)).Select(m => m.Member).ToList();

    public async Task<IReadOnlyList<StoredMember>> StoredMembersAsync(string projectId, ProjectRole? role, CancellationToken cancellationToken)
    {
        RequireProject(projectId);
        var result = new List<StoredMember>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, MemberPrefix), cancellationToken: cancellationToken))
        {
            var member = ToMember(entity);
            if (role is null || member.Role == role)
            {
                result.Add(new StoredMember(member, entity.ETag));
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
