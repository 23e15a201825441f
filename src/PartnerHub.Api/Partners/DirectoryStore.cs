using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

/// <summary>A person as listed, with the ETag a change must match.</summary>
public sealed record StoredMember(ProjectMember Member, ETag ETag);

/// <summary>An organisation as listed, with the ETag a change must match.</summary>
public sealed record StoredOrganisation(Organisation Organisation, ETag ETag);

public enum DirectoryWriteOutcome
{
    Saved,

    /// <summary>
    /// Nothing written: the row is not as read (changed, added or removed since), the guard row moved, or the
    /// idempotency row exists. The service reads again to tell a retry from a lost race.
    /// </summary>
    Conflict,

    /// <summary>Refused: the project would have no coordinator left.</summary>
    LastCoordinator,
}

/// <summary>
/// The partner directory of a project, in the main table (PartitionKey = project id):
/// organisations at <c>org|{id}</c> and people at <c>member|{objectId}</c>, and the version every write moves
/// (<see cref="DirectoryVersion"/>). Roles come from here, never from a client.
/// Every change is conditional (an add on the row not existing, a change or removal on the ETag read) and commits
/// the change's idempotency row <c>directory-dedupe|{fingerprint}</c> in the same transaction. Which changes are
/// allowed is <see cref="DirectoryService"/>'s business, not this store's.
/// </summary>
public sealed class DirectoryStore(TableStore store, TableCallerDirectory callers, ReadCache? cache = null)
{
    // A project's people and organisations as cards and recipients read them, remembered per project for ReadCache's
    // lifetime; every write here drops them. Checks that guard a change (the last coordinator) read the rows themselves.
    // Apart, so a read of one that failed does not lose the other (a retried delivery goes on from what it has).
    private readonly CachedReads<string, IReadOnlyList<ProjectMember>> _members = new(cache, refreshAhead: true);
    private readonly CachedReads<string, IReadOnlyList<Organisation>> _organisations = new(cache, refreshAhead: true);

    // Reading them again after the lifetime asks the version row first (DirectoryVersion): unchanged, the rows read
    // before are still the rows, and the query over the project's partition is not made.
    private readonly RevalidatedReads<string, IReadOnlyList<ProjectMember>> _membersAsOf = new(cache);
    private readonly RevalidatedReads<string, IReadOnlyList<Organisation>> _organisationsAsOf = new(cache);

    public const string OrganisationPrefix = "org|";
    public const string MemberPrefix = "member|";

    // Every change that takes a coordinator away also rewrites this row, conditional on the ETag read before counting
    // the coordinators: two coordinators demoting each other at once cannot both pass the "last coordinator" check.
    public const string CoordinatorGuardKey = "guard|coordinators";

    /// <summary>Idempotency rows of directory changes: <c>directory-dedupe|{fingerprint}</c>.</summary>
    public const string DedupePrefix = "directory-dedupe|";

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>The idempotency row key of a change, from its <see cref="Core.Changes.ChangeFingerprint"/>.</summary>
    public static string DedupeRowKey(string fingerprint) => DedupePrefix + fingerprint[..32];

    /// <summary>True when the change with this fingerprint was committed.</summary>
    public async Task<bool> WasAppliedAsync(string projectId, string fingerprint, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(projectId, DedupeRowKey(fingerprint), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    /// <summary>Seeds an organisation unconditionally (demo data, tests). Changes people make go through the service.</summary>
    public async Task UpsertOrganisationAsync(Organisation organisation, CancellationToken cancellationToken)
    {
        RequireProject(organisation.ProjectId);
        await SeedAsync(OrganisationEntity(organisation), cancellationToken);
    }

    /// <summary>Adds an organisation whose id is free, with the change's idempotency row.</summary>
    public Task<DirectoryWriteOutcome> AddOrganisationAsync(Organisation organisation, string fingerprint, CancellationToken cancellationToken)
    {
        RequireProject(organisation.ProjectId);
        return CommitAsync(
            [
                new(TableTransactionActionType.Add, OrganisationEntity(organisation)),
                new(TableTransactionActionType.Add, new TableEntity(organisation.ProjectId, DedupeRowKey(fingerprint))),
            ],
            cancellationToken);
    }

    /// <summary>Replaces an organisation if its row still has <paramref name="expected"/>, with the change's idempotency row.</summary>
    public Task<DirectoryWriteOutcome> ReplaceOrganisationAsync(Organisation organisation, ETag expected, string fingerprint, CancellationToken cancellationToken)
    {
        RequireProject(organisation.ProjectId);
        return CommitAsync(
            [
                new(TableTransactionActionType.UpdateReplace, OrganisationEntity(organisation), expected),
                new(TableTransactionActionType.Add, new TableEntity(organisation.ProjectId, DedupeRowKey(fingerprint))),
            ],
            cancellationToken);
    }

    public async Task<Organisation?> FindOrganisationAsync(string projectId, string organisationId, CancellationToken cancellationToken) =>
        (await FindStoredOrganisationAsync(projectId, organisationId, cancellationToken))?.Organisation;

    public async Task<StoredOrganisation?> FindStoredOrganisationAsync(string projectId, string organisationId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !Organisation.IsValidId(organisationId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, OrganisationPrefix + TableKeys.Escape(organisationId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new StoredOrganisation(ToOrganisation(entity), entity.ETag) : null;
    }

    public async Task<IReadOnlyList<StoredOrganisation>> StoredOrganisationsAsync(string projectId, CancellationToken cancellationToken)
    {
        RequireProject(projectId);
        var result = new List<StoredOrganisation>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OrganisationPrefix), cancellationToken: cancellationToken))
        {
            result.Add(new StoredOrganisation(ToOrganisation(entity), entity.ETag));
        }

        return result;
    }

    /// <summary>
    /// An organisation's kind, for the report's counters; null when it is not in the directory. From the remembered
    /// organisations when <see cref="ReadCache"/> is on (a kind changed on another instance counts within its lifetime),
    /// else one point read of the kind alone.
    /// </summary>
    public async Task<OrganisationKind?> OrganisationKindAsync(string projectId, string organisationId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !Organisation.IsValidId(organisationId))
        {
            return null;
        }

        if (cache is { Enabled: true })
        {
            return (await OrganisationsAsync(projectId, cancellationToken)).FirstOrDefault(o => o.Id == organisationId)?.Kind;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, OrganisationPrefix + TableKeys.Escape(organisationId), select: ["Kind"], cancellationToken: cancellationToken);
        return row.HasValue && Enum.TryParse<OrganisationKind>(row.Value!.GetString("Kind"), out var kind) ? kind : null;
    }

    /// <summary>The project's organisations as remembered, or read when the version row says the directory changed.</summary>
    public Task<IReadOnlyList<Organisation>> OrganisationsAsync(string projectId, CancellationToken cancellationToken)
    {
        RequireProject(projectId);
        return ListedAsync(
            _organisations,
            _organisationsAsOf,
            projectId,
            async token => (await StoredOrganisationsAsync(projectId, token)).Select(o => o.Organisation).ToList(),
            cancellationToken);
    }

    /// <summary>A list of the project remembered for ReadCache's lifetime; after it, read again only if the version moved.</summary>
    private Task<IReadOnlyList<T>> ListedAsync<T>(
        CachedReads<string, IReadOnlyList<T>> remembered,
        RevalidatedReads<string, IReadOnlyList<T>> asOf,
        string projectId,
        Func<CancellationToken, Task<IReadOnlyList<T>>> read,
        CancellationToken cancellationToken) =>
        remembered.GetAsync(projectId, token => asOf.GetAsync(projectId, t => DirectoryVersion.ReadAsync(Table, projectId, t), read, token), cancellationToken);

    /// <summary>
    /// Seeds a person unconditionally (demo data, tests): adds or replaces her row, then grants the membership callers
    /// are resolved by. Changes people make go through <see cref="DirectoryService"/>, which uses the conditional
    /// <see cref="AddMemberAsync"/>, <see cref="ChangeMemberAsync"/> and <see cref="RemoveMemberAsync"/>.
    /// </summary>
    public async Task UpsertMemberAsync(string tenantId, ProjectMember member, CancellationToken cancellationToken)
    {
        RequireProject(member.ProjectId);
        await SeedAsync(MemberEntity(member), cancellationToken);
        await callers.GrantAsync(tenantId, member.ObjectId, Membership(member), cancellationToken);
    }

    /// <summary>Adds a person who is not listed yet, then grants her role (listed before she has access, never the reverse).</summary>
    /// <param name="extra">Rows of the same project committed with the add (its outbox row), or none.</param>
    public async Task<DirectoryWriteOutcome> AddMemberAsync(
        string tenantId, ProjectMember member, string fingerprint, CancellationToken cancellationToken, IEnumerable<TableTransactionAction>? extra = null)
    {
        RequireProject(member.ProjectId);
        var outcome = await CommitAsync(
            [
                new(TableTransactionActionType.Add, MemberEntity(member)),
                new(TableTransactionActionType.Add, new TableEntity(member.ProjectId, DedupeRowKey(fingerprint))),
                .. extra ?? [],
            ],
            cancellationToken);
        if (outcome == DirectoryWriteOutcome.Saved)
        {
            await callers.GrantAsync(tenantId, member.ObjectId, Membership(member), cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// Changes a listed person if her row still has <paramref name="current"/>'s ETag. Taking the coordinator role away
    /// is refused when she is the last one, and serialised with every other such change through the guard row.
    /// A lowered role is granted before the row commits (and restored if it does not), a raised one after: a failure in
    /// between never leaves anyone with more access than the list gives her.
    /// </summary>
    /// <param name="extra">Rows of the same project committed with the change (its outbox row), or none.</param>
    public async Task<DirectoryWriteOutcome> ChangeMemberAsync(
        string tenantId, StoredMember current, ProjectMember member, string fingerprint, CancellationToken cancellationToken, IEnumerable<TableTransactionAction>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        RequireProject(member.ProjectId);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, MemberEntity(member), current.ETag),
            new(TableTransactionActionType.Add, new TableEntity(member.ProjectId, DedupeRowKey(fingerprint))),
        };
        actions.AddRange(extra ?? []);
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
        if (outcome != DirectoryWriteOutcome.Saved)
        {
            if (lowersCoordinator)
            {
                await RestoreGrantAsync(tenantId, member.ProjectId, member.ObjectId, cancellationToken);
            }

            return outcome;
        }

        if (!lowersCoordinator)
        {
            await callers.GrantAsync(tenantId, member.ObjectId, Membership(member), cancellationToken);
        }

        return DirectoryWriteOutcome.Saved;
    }

    /// <summary>
    /// Removes a listed person if her row still has <paramref name="current"/>'s ETag: her access goes first, then the
    /// row; if the row does not go (a lost race, the last coordinator) her access is restored.
    /// </summary>
    /// <param name="extra">Rows of the same project committed with the removal (its outbox row), or none.</param>
    public async Task<DirectoryWriteOutcome> RemoveMemberAsync(
        string tenantId, StoredMember current, string fingerprint, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(current);
        var (projectId, objectId) = (current.Member.ProjectId, current.Member.ObjectId);
        RequireProject(projectId);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Delete, new TableEntity(projectId, MemberRowKey(objectId)), current.ETag),
            new(TableTransactionActionType.Add, new TableEntity(projectId, DedupeRowKey(fingerprint))),
        };
        if (current.Member.Role == ProjectRole.Coordinator)
        {
            var guard = await GuardAsync(projectId, objectId, newRole: null, cancellationToken);
            if (guard.Outcome is { } refused)
            {
                return refused;
            }

            actions.Add(guard.Action!);
        }

        actions.AddRange(extra);
        await callers.RevokeAsync(tenantId, objectId, projectId, cancellationToken);
        var outcome = await CommitAsync(actions, cancellationToken);
        if (outcome != DirectoryWriteOutcome.Saved)
        {
            await RestoreGrantAsync(tenantId, projectId, objectId, cancellationToken);
        }

        return outcome;
    }

    /// <summary>
    /// After a write that did not commit, her access follows her row as it is now: the row another change left (not the
    /// one read before), or none when someone else removed her meanwhile.
    /// </summary>
    private async Task RestoreGrantAsync(string tenantId, string projectId, string objectId, CancellationToken cancellationToken)
    {
        if (await FindStoredMemberAsync(projectId, objectId, cancellationToken) is { } now)
        {
            await callers.GrantAsync(tenantId, objectId, Membership(now.Member), cancellationToken);
        }
        else
        {
            await callers.RevokeAsync(tenantId, objectId, projectId, cancellationToken);
        }
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
    private async Task<(DirectoryWriteOutcome? Outcome, TableTransactionAction? Action)> GuardAsync(string projectId, string objectId, ProjectRole? newRole, CancellationToken cancellationToken)
    {
        var guard = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, CoordinatorGuardKey, cancellationToken: cancellationToken);
        var coordinators = (await StoredMembersAsync(projectId, ProjectRole.Coordinator, cancellationToken)).Select(m => m.Member).ToList();
        if (DirectoryAccess.LeavesNoCoordinator(coordinators, objectId, newRole))
        {
            return (DirectoryWriteOutcome.LastCoordinator, null);
        }

        var changes = (guard.HasValue ? guard.Value!.GetInt64("Changes") ?? 0 : 0) + 1;
        var row = new TableEntity(projectId, CoordinatorGuardKey) { ["Changes"] = changes };
        var action = guard.HasValue
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, row, guard.Value!.ETag)
            : new TableTransactionAction(TableTransactionActionType.Add, row);
        return (null, action);
    }

    /// <summary>A row written unconditionally, with the version's move in the same transaction (demo data, tests).</summary>
    private async Task SeedAsync(TableEntity row, CancellationToken cancellationToken)
    {
        Changed(row.PartitionKey);
        try
        {
            await Table.CommitAsync([new(TableTransactionActionType.UpsertReplace, row), DirectoryVersion.Move(row.PartitionKey)], cancellationToken);
        }
        finally
        {
            Changed(row.PartitionKey);
        }
    }

    private async Task<DirectoryWriteOutcome> CommitAsync(List<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        var projectId = actions[0].Entity.PartitionKey;
        actions.Add(DirectoryVersion.Move(projectId));
        Changed(projectId);
        try
        {
            await Table.CommitAsync(actions, cancellationToken);
            return DirectoryWriteOutcome.Saved;
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return DirectoryWriteOutcome.Conflict;
        }
        finally
        {
            Changed(projectId);
        }
    }

    /// <summary>Before and after every write: a read that overlapped it is never remembered.</summary>
    private void Changed(string projectId)
    {
        _members.Invalidate(projectId);
        _organisations.Invalidate(projectId);
        _membersAsOf.Invalidate(projectId);
        _organisationsAsOf.Invalidate(projectId);
    }

    private static TableEntity OrganisationEntity(Organisation organisation) => new(organisation.ProjectId, OrganisationPrefix + TableKeys.Escape(organisation.Id))
    {
        ["Kind"] = organisation.Kind.ToString(),
        ["Name"] = organisation.Name,
        ["ReceivesOnwardReferrals"] = organisation.ReceivesOnwardReferrals,
    };

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

    /// <summary>
    /// A person of the project as the remembered people have her (<see cref="MembersAsync"/>): a change made through this
    /// instance at once, one made elsewhere within <c>ReadCache:Seconds</c>. No call while the people are remembered.
    /// </summary>
    public async Task<ProjectMember?> RememberedMemberAsync(string projectId, string objectId, CancellationToken cancellationToken) =>
        Project.IsValidId(projectId) && !string.IsNullOrEmpty(objectId)
            ? (await MembersAsync(projectId, null, cancellationToken)).FirstOrDefault(m => string.Equals(m.ObjectId, objectId, StringComparison.Ordinal))
            : null;

    /// <summary>The project's people (of one role, or all) as remembered, or read when the version row says the directory changed.</summary>
    public async Task<IReadOnlyList<ProjectMember>> MembersAsync(string projectId, ProjectRole? role, CancellationToken cancellationToken)
    {
        RequireProject(projectId);
        var all = await ListedAsync(
            _members,
            _membersAsOf,
            projectId,
            async token => (await StoredMembersAsync(projectId, null, token)).Select(m => m.Member).ToList(),
            cancellationToken);
        return role is null ? all : all.Where(m => m.Role == role).ToList();
    }

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
