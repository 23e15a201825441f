using Azure;
using PartnerHub.Api.People;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Partners;

public enum DirectoryOutcome
{
    /// <summary>Written: an existing record changed, or a person removed.</summary>
    Saved,

    /// <summary>Written: a new record.</summary>
    Added,

    /// <summary>The same person's same command from the same version was already applied (a retry): nothing written again.</summary>
    AlreadyApplied,

    /// <summary>Refused: the fields are not valid (<see cref="DirectoryChange{T}.Errors"/> says which and why).</summary>
    Invalid,

    /// <summary>Refused: only the project's coordinators change its directory.</summary>
    Forbidden,

    /// <summary>Refused: a change or removal of someone (or an organisation) not listed.</summary>
    NotFound,

    /// <summary>Refused: an add of someone (or an organisation id) already listed.</summary>
    Exists,

    /// <summary>Refused: changed by someone else since the version sent; <see cref="DirectoryChange{T}.Current"/> is the current one.</summary>
    LostRace,

    /// <summary>Refused: a coordinator taking her own coordinator role away, or removing herself.</summary>
    OwnRole,

    /// <summary>Refused: the project would be left without a coordinator.</summary>
    LastCoordinator,

    /// <summary>Not written: the organisation's directory could not say whether the person is in it; try again.</summary>
    Unavailable,
}

/// <summary>What a directory change came to.</summary>
/// <param name="Current">The record as it is now (after the change, or the one that won the race); null when there is none.</param>
/// <param name="Errors">Field → strings path of the message, for <see cref="DirectoryOutcome.Invalid"/>, <see cref="DirectoryOutcome.Exists"/>,
/// <see cref="DirectoryOutcome.OwnRole"/> and <see cref="DirectoryOutcome.LastCoordinator"/>; empty otherwise.</param>
public sealed record DirectoryChange<T>(DirectoryOutcome Outcome, T? Current, IReadOnlyDictionary<string, string> Errors)
    where T : class
{
    public bool Succeeded => Outcome is DirectoryOutcome.Saved or DirectoryOutcome.Added or DirectoryOutcome.AlreadyApplied;
}

/// <summary>
/// The partner directory's application layer, the one way in for every change, from card actions and REST alike:
/// who may change it, the fields (<see cref="DirectoryForms"/>), that no coordinator takes away her own role and no
/// change leaves the project without one, and retry versus lost race. A change names the version it was made on
/// (the ETag the card showed or REST sent in If-Match; null for an add): only the same person sending the same command
/// from the same version is a retry, answered as applied; anything else from an older version lost the race.
/// A person added or changed is checked in the organisation's directory first (<see cref="ChosenPerson"/>).
/// </summary>
public sealed class DirectoryService(DirectoryStore directory, AuditLog audit, OutboxWriter outbox, IOutboxNudge nudge, ChosenPerson people)
{
    /// <summary>The audit's record type for everything in the directory.</summary>
    public const string RecordType = "directory";

    /// <summary>The version a card sends when it carried none (a card from before versions were sent): matches no row.</summary>
    public const string NoVersion = "-";

    /// <summary>The strings path of the notice when the person could not be checked (Entra unreachable).</summary>
    public const string PersonUnavailable = "directory.errors.personCheckUnavailable";

    private static readonly IReadOnlyDictionary<string, string> NoErrors = new Dictionary<string, string>();

    public static string OrganisationRecord(string id) => DirectoryStore.OrganisationPrefix + id;

    public static string MemberRecord(string objectId) => DirectoryStore.MemberPrefix + objectId;

    /// <summary>Adds (<paramref name="fromVersion"/> null) or changes an organisation of the actor's project.</summary>
    public async Task<DirectoryChange<StoredOrganisation>> SaveOrganisationAsync(Actor actor, OrganisationInput input, string? fromVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var action = fromVersion is null ? DirectoryAuditActions.AddOrganisation : DirectoryAuditActions.SaveOrganisation;
        if (!DirectoryAccess.Allows(actor, actor.ProjectId))
        {
            return await ForbiddenAsync<StoredOrganisation>(actor, action, cancellationToken);
        }

        var errors = DirectoryForms.Validate(input, out var organisation, actor.ProjectId);
        if (organisation is null)
        {
            return new(DirectoryOutcome.Invalid, null, errors);
        }

        var fingerprint = ChangeFingerprint.Of(actor.ObjectId, OrganisationRecord(organisation.Id), fromVersion, DirectoryAuditActions.SaveOrganisation, organisation);
        var existing = await directory.FindStoredOrganisationAsync(actor.ProjectId, organisation.Id, cancellationToken);
        var refusal = await RefusalAsync(actor.ProjectId, existing, existing?.ETag, fromVersion, fingerprint, "id", "directory.errors.idTaken", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var written = existing is null
            ? await directory.AddOrganisationAsync(organisation, fingerprint, cancellationToken)
            : await directory.ReplaceOrganisationAsync(organisation, existing.ETag, fingerprint, cancellationToken);
        var now = await directory.FindStoredOrganisationAsync(actor.ProjectId, organisation.Id, cancellationToken);
        if (written != DirectoryWriteOutcome.Saved)
        {
            return await AfterConflictAsync(actor.ProjectId, now, fromVersion, fingerprint, "id", "directory.errors.idTaken", cancellationToken);
        }

        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, OrganisationRecord(organisation.Id), allowed: true, cancellationToken);
        return new(existing is null ? DirectoryOutcome.Added : DirectoryOutcome.Saved, now, NoErrors);
    }

    /// <summary>Adds (<paramref name="fromVersion"/> null) or changes a person of the actor's project, and grants her role.</summary>
    public async Task<DirectoryChange<StoredMember>> SaveMemberAsync(Actor actor, string tenantId, MemberInput input, string? fromVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(input);
        var action = fromVersion is null ? DirectoryAuditActions.AddMember : DirectoryAuditActions.SaveMember;
        if (!DirectoryAccess.Allows(actor, actor.ProjectId))
        {
            return await ForbiddenAsync<StoredMember>(actor, action, cancellationToken);
        }

        var objectId = DirectoryForms.NormaliseObjectId(input.ObjectId);
        var organisations = await directory.OrganisationsAsync(actor.ProjectId, cancellationToken);
        MemberInput checkedInput;
        string? refusal;
        try
        {
            (checkedInput, refusal) = await CheckPersonAsync(input, objectId, cancellationToken);
        }
        catch (PersonLookupUnavailableException)
        {
            return new(DirectoryOutcome.Unavailable, null, Error("form", PersonUnavailable));
        }

        var errors = DirectoryForms.Validate(checkedInput, objectId, organisations, actor.ProjectId, out var member);
        if (refusal is not null)
        {
            errors[PersonEligibility.Field] = refusal;
            member = null;
        }

        if (member is null)
        {
            return new(DirectoryOutcome.Invalid, null, errors);
        }

        if (DirectoryAccess.ChangesOwnRole(actor, member.ObjectId, member.Role))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, MemberRecord(member.ObjectId), allowed: false, cancellationToken);
            return new(DirectoryOutcome.OwnRole, await directory.FindStoredMemberAsync(actor.ProjectId, member.ObjectId, cancellationToken), Error("role", "directory.errors.ownRole"));
        }

        var fingerprint = ChangeFingerprint.Of(actor.ObjectId, MemberRecord(member.ObjectId), fromVersion, DirectoryAuditActions.SaveMember, member);
        var existing = await directory.FindStoredMemberAsync(actor.ProjectId, member.ObjectId, cancellationToken);
        var stale = await RefusalAsync(actor.ProjectId, existing, existing?.ETag, fromVersion, fingerprint, "objectId", "directory.errors.alreadyMember", cancellationToken);
        if (stale is not null)
        {
            return stale;
        }

        // A new person needs PartnerHub in her Teams to get her cards: asked for in the same transaction as the add.
        var added = existing is null ? outbox.Create(actor.ProjectId, DirectoryNotifications.MemberAdded(member.ObjectId)) : null;
        // A new coordinator, or one whose role became coordinator: Supervision/ readies her Outlook (category, subscription).
        var joined = member.Role == ProjectRole.Coordinator && existing?.Member.Role != ProjectRole.Coordinator
            ? outbox.Create(actor.ProjectId, DirectoryNotifications.CoordinatorJoined(member.ObjectId))
            : null;
        var written = added is not null
            ? await directory.AddMemberAsync(tenantId, member, fingerprint, cancellationToken, [added.Action, .. joined is null ? [] : new[] { joined.Action }])
            : await directory.ChangeMemberAsync(tenantId, existing!, member, fingerprint, cancellationToken, joined is null ? null : [joined.Action]);
        var now = await directory.FindStoredMemberAsync(actor.ProjectId, member.ObjectId, cancellationToken);
        if (written == DirectoryWriteOutcome.LastCoordinator)
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, MemberRecord(member.ObjectId), allowed: false, cancellationToken);
            return new(DirectoryOutcome.LastCoordinator, now, Error("role", "directory.errors.lastCoordinator"));
        }

        if (written != DirectoryWriteOutcome.Saved)
        {
            return await AfterConflictAsync(actor.ProjectId, now, fromVersion, fingerprint, "objectId", "directory.errors.alreadyMember", cancellationToken);
        }

        if (added is not null || joined is not null)
        {
            await nudge.NudgeAsync([.. new[] { added, joined }.OfType<OutboxEntry>()], cancellationToken);
        }

        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, MemberRecord(member.ObjectId), allowed: true, cancellationToken);
        return new(existing is null ? DirectoryOutcome.Added : DirectoryOutcome.Saved, now, NoErrors);
    }

    /// <summary>
    /// Removes a person from the actor's project as of <paramref name="fromVersion"/>: her access goes, and the other
    /// features learn which role she had (a mother leaves referrals behind) through the outbox, in the same transaction.
    /// </summary>
    /// <returns>On success, the person as she was before the removal.</returns>
    public async Task<DirectoryChange<StoredMember>> RemoveMemberAsync(Actor actor, string tenantId, string? objectId, string fromVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(fromVersion);
        const string Action = DirectoryAuditActions.RemoveMember;
        if (!DirectoryAccess.Allows(actor, actor.ProjectId))
        {
            return await ForbiddenAsync<StoredMember>(actor, Action, cancellationToken);
        }

        if (DirectoryForms.NormaliseObjectId(objectId) is not { } id)
        {
            return new(DirectoryOutcome.NotFound, null, NoErrors);
        }

        var existing = await directory.FindStoredMemberAsync(actor.ProjectId, id, cancellationToken);
        if (DirectoryAccess.ChangesOwnRole(actor, id, newRole: null))
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, Action, RecordType, MemberRecord(id), allowed: false, cancellationToken);
            return new(DirectoryOutcome.OwnRole, existing, Error("form", "directory.errors.ownRole"));
        }

        var fingerprint = ChangeFingerprint.Of(actor.ObjectId, MemberRecord(id), fromVersion, Action, new { ObjectId = id });
        var refusal = await RefusalAsync(actor.ProjectId, existing, existing?.ETag, fromVersion, fingerprint, "objectId", "directory.errors.alreadyMember", cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var removed = outbox.Create(actor.ProjectId, DirectoryNotifications.MemberRemoved(id, existing!.Member.Role, actor.ObjectId));
        var left = outbox.Create(actor.ProjectId, DirectoryNotifications.MemberLeft(id));
        var written = await directory.RemoveMemberAsync(tenantId, existing, fingerprint, [removed.Action, left.Action], cancellationToken);
        if (written == DirectoryWriteOutcome.LastCoordinator)
        {
            await audit.RecordAsync(actor.ProjectId, actor.ObjectId, Action, RecordType, MemberRecord(id), allowed: false, cancellationToken);
            return new(DirectoryOutcome.LastCoordinator, existing, Error("form", "directory.errors.lastCoordinator"));
        }

        if (written != DirectoryWriteOutcome.Saved)
        {
            var now = await directory.FindStoredMemberAsync(actor.ProjectId, id, cancellationToken);
            return await AfterConflictAsync(actor.ProjectId, now, fromVersion, fingerprint, "objectId", "directory.errors.alreadyMember", cancellationToken);
        }

        await nudge.NudgeAsync([removed, left], cancellationToken);
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, Action, RecordType, MemberRecord(id), allowed: true, cancellationToken);
        return new(DirectoryOutcome.Saved, existing, NoErrors);
    }

    /// <summary>
    /// The refusal of a change before it is written, or null when it may be written: an add of something listed, a
    /// change of something not listed, or a change from another version than the stored one. Each is first checked
    /// against the change's idempotency row, so the author's own retry of a committed change is answered as applied.
    /// </summary>
    private async Task<DirectoryChange<T>?> RefusalAsync<T>(
        string projectId, T? existing, ETag? stored, string? fromVersion, string fingerprint, string existsField, string existsError, CancellationToken cancellationToken)
        where T : class
    {
        var refused = (existing, fromVersion) switch
        {
            (not null, null) => DirectoryOutcome.Exists,
            (null, not null) => DirectoryOutcome.NotFound,
            (not null, not null) when stored.ToString() != fromVersion => DirectoryOutcome.LostRace,
            _ => (DirectoryOutcome?)null,
        };
        if (refused is null)
        {
            return null;
        }

        if (await directory.WasAppliedAsync(projectId, fingerprint, cancellationToken))
        {
            return new(DirectoryOutcome.AlreadyApplied, existing, NoErrors);
        }

        return new(refused.Value, existing, refused == DirectoryOutcome.Exists ? Error(existsField, existsError) : NoErrors);
    }

    /// <summary>A write that did not commit: the author's own retry that committed meanwhile, or a lost race.</summary>
    private async Task<DirectoryChange<T>> AfterConflictAsync<T>(
        string projectId, T? now, string? fromVersion, string fingerprint, string existsField, string existsError, CancellationToken cancellationToken)
        where T : class
    {
        if (await directory.WasAppliedAsync(projectId, fingerprint, cancellationToken))
        {
            return new(DirectoryOutcome.AlreadyApplied, now, NoErrors);
        }

        return (now, fromVersion) switch
        {
            (not null, null) => new(DirectoryOutcome.Exists, now, Error(existsField, existsError)),
            (null, _) => new(DirectoryOutcome.NotFound, null, NoErrors),
            _ => new(DirectoryOutcome.LostRace, now, NoErrors),
        };
    }

    /// <summary>
    /// The person as Entra knows her, checked for the role asked (<see cref="PersonEligibility"/>), and the input with
    /// her given name as the first name when the form left it empty: with the people picker nobody has to type it.
    /// </summary>
    private async Task<(MemberInput Input, string? Refusal)> CheckPersonAsync(MemberInput input, string? objectId, CancellationToken cancellationToken)
    {
        if (objectId is null)
        {
            return (input, null); // The form's own error says why.
        }

        var (person, refusal) = await people.CheckAsync(objectId, DirectoryForms.ParseEnum<ProjectRole>(input.Role), cancellationToken);
        return string.IsNullOrWhiteSpace(input.FirstName) && person is PersonLookupResult.Found { GivenName: { Length: > 0 } givenName }
            ? (input with { FirstName = givenName }, refusal)
            : (input, refusal);
    }

    private async Task<DirectoryChange<T>> ForbiddenAsync<T>(Actor actor, string action, CancellationToken cancellationToken)
        where T : class
    {
        await audit.RecordAsync(actor.ProjectId, actor.ObjectId, action, RecordType, "-", allowed: false, cancellationToken);
        return new(DirectoryOutcome.Forbidden, null, NoErrors);
    }

    private static Dictionary<string, string> Error(string field, string path) => new(StringComparer.Ordinal) { [field] = path };
}
