using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Graph.Notifications;

/// <summary>The tables this feature owns (listed in <see cref="TableNames.All"/> so they are created at start-up).</summary>
public static class GraphTables
{
    /// <summary>PartitionKey <see cref="SubscriptionStore.Partition"/>: subscriptions, the per-organiser index, delta links.</summary>
    public const string Subscriptions = "graphsubscriptions";
}

/// <summary>A subscription PartnerHub created. The clientState itself is never stored: only its SHA-256.</summary>
public sealed record SubscriptionRecord(
    string Id,
    string ProjectId,
    string OrganizerObjectId,
    string Resource,
    DateTimeOffset ExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset RenewedAt,
    string ClientStateHash)
{
    internal ETag ETag { get; init; }
}

/// <summary>The organiser's current subscription, as the index row names it (with its ETag for a conditional replace).</summary>
public sealed record OrganizerIndex(string OrganizerObjectId, string ProjectId, string SubscriptionId)
{
    internal ETag ETag { get; init; }

    /// <summary>An instance is renewing or recreating her subscription until then (<see cref="SubscriptionStore.TryClaimAsync"/>).</summary>
    public DateTimeOffset ClaimedUntil { get; init; }
}

/// <summary>Where the organiser's delta query continues, and the window it was started with.</summary>
public sealed record DeltaState(string OrganizerObjectId, string ProjectId, string DeltaLink, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, DateTimeOffset UpdatedAt)
{
    internal ETag ETag { get; init; }
}

/// <summary>
/// Table <c>graphsubscriptions</c>, one partition <c>graph</c>:
/// RowKey = subscription id (the subscription), <c>by-organizer|{objectId}</c> (her current subscription: one per
/// coordinator), <c>delta|{objectId}</c> (her delta link). Keys are escaped with <see cref="TableKeys"/>.
/// </summary>
public sealed class SubscriptionStore(TableStore store)
{
    public const string Partition = "graph";
    public const string ByOrganizerPrefix = "by-organizer|";
    public const string DeltaPrefix = "delta|";

    private const string ClaimedUntilColumn = "ClaimedUntil";

    private TableClient Table => store.Table(GraphTables.Subscriptions);

    public static string SubscriptionRowKey(string subscriptionId) => TableKeys.Escape(subscriptionId);

    public static string OrganizerRowKey(string organizerObjectId) => ByOrganizerPrefix + TableKeys.Escape(organizerObjectId);

    public static string DeltaRowKey(string organizerObjectId) => DeltaPrefix + TableKeys.Escape(organizerObjectId);

    public async Task<SubscriptionRecord?> FindAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        var rowKey = SubscriptionRowKey(subscriptionId);
        if (rowKey.StartsWith(ByOrganizerPrefix, StringComparison.Ordinal) || rowKey.StartsWith(DeltaPrefix, StringComparison.Ordinal))
        {
            return null; // Escaping keeps '|' out of ids, so this can't happen; be explicit anyway.
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, rowKey, cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ReadSubscription(entity) : null;
    }

    public async Task<OrganizerIndex?> FindIndexAsync(string organizerObjectId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, OrganizerRowKey(organizerObjectId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? ReadIndex(entity) : null;
    }

    /// <summary>The organiser's current subscription, via the index row.</summary>
    public async Task<SubscriptionRecord?> FindByOrganizerAsync(string organizerObjectId, CancellationToken cancellationToken)
    {
        var index = await FindIndexAsync(organizerObjectId, cancellationToken);
        return index is null ? null : await FindAsync(index.SubscriptionId, cancellationToken);
    }

    /// <summary>Every coordinator with a subscription: a prefix range over the index rows, never a table scan.</summary>
    public async IAsyncEnumerable<OrganizerIndex> ListOrganizersAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var entity in Table.QueryAsync<TableEntity>(TableQueries.Prefix(Partition, ByOrganizerPrefix), cancellationToken: cancellationToken))
        {
            yield return ReadIndex(entity);
        }
    }

    /// <summary>
    /// Stores a new subscription and points the organiser's index at it, in one transaction. The index write is
    /// conditional: Add when <paramref name="previous"/> is null, else Replace on its ETag. False when another
    /// caller changed the index first (nothing was written).
    /// </summary>
    public async Task<bool> TrySaveNewAsync(SubscriptionRecord record, OrganizerIndex? previous, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var subscription = new TableEntity(Partition, SubscriptionRowKey(record.Id))
        {
            ["ProjectId"] = record.ProjectId,
            ["OrganizerObjectId"] = record.OrganizerObjectId,
            ["Resource"] = record.Resource,
            ["ExpiresAt"] = record.ExpiresAt,
            ["CreatedAt"] = record.CreatedAt,
            ["RenewedAt"] = record.RenewedAt,
            ["ClientStateHash"] = record.ClientStateHash,
        };
        var index = new TableEntity(Partition, OrganizerRowKey(record.OrganizerObjectId))
        {
            ["OrganizerObjectId"] = record.OrganizerObjectId,
            ["ProjectId"] = record.ProjectId,
            ["SubscriptionId"] = record.Id,
        };
        TableTransactionAction indexAction = previous is null
            ? new(TableTransactionActionType.Add, index)
            : new(TableTransactionActionType.UpdateReplace, index, previous.ETag);
        try
        {
            await Table.CommitAsync([new TableTransactionAction(TableTransactionActionType.Add, subscription), indexAction], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Records a renewal, conditional on the row read. False when the row changed or went meanwhile.</summary>
    public async Task<bool> TryUpdateExpiryAsync(SubscriptionRecord record, DateTimeOffset expiresAt, DateTimeOffset renewedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var patch = new TableEntity(Partition, SubscriptionRowKey(record.Id)) { ["ExpiresAt"] = expiresAt, ["RenewedAt"] = renewedAt };
        try
        {
            await Table.UpdateEntityAsync(patch, record.ETag, TableUpdateMode.Merge, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Claims the organiser's subscription for one renewal or recreation until <paramref name="until"/>: a merge of
    /// <c>ClaimedUntil</c> into her index row, conditional on the index read. Null when the row changed or went
    /// meanwhile (another instance claimed, renewed or replaced it first). A recreation's new index row drops the claim.
    /// </summary>
    public async Task<OrganizerIndex?> TryClaimAsync(OrganizerIndex index, DateTimeOffset until, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        var patch = new TableEntity(Partition, OrganizerRowKey(index.OrganizerObjectId)) { [ClaimedUntilColumn] = until };
        try
        {
            var response = await Table.UpdateEntityAsync(patch, index.ETag, TableUpdateMode.Merge, cancellationToken);
            return index with { ETag = response.Headers.ETag ?? default, ClaimedUntil = until };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return null;
        }
    }

    /// <summary>Ends a claim early (the renewal is recorded), conditional on the claim's ETag; a changed row is left alone.</summary>
    public async Task ReleaseClaimAsync(OrganizerIndex claimed, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var patch = new TableEntity(Partition, OrganizerRowKey(claimed.OrganizerObjectId)) { [ClaimedUntilColumn] = now };
        try
        {
            await Table.UpdateEntityAsync(patch, claimed.ETag, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
        }
    }

    /// <summary>Removes a subscription row (not the index). Idempotent.</summary>
    public async Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await Table.DeleteEntityAsync(Partition, SubscriptionRowKey(subscriptionId), ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    public async Task<DeltaState?> FindDeltaAsync(string organizerObjectId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, DeltaRowKey(organizerObjectId), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return new DeltaState(
            entity.GetString("OrganizerObjectId") ?? organizerObjectId,
            entity.GetString("ProjectId") ?? string.Empty,
            entity.GetString("DeltaLink") ?? string.Empty,
            entity.GetDateTimeOffset("WindowStart") ?? default,
            entity.GetDateTimeOffset("WindowEnd") ?? default,
            entity.GetDateTimeOffset("UpdatedAt") ?? default)
        { ETag = entity.ETag };
    }

    /// <summary>
    /// Stores the delta link a sweep reached, conditional on the state that sweep started from (Add when it started
    /// from none). False when another sweep stored one first: that one is at least as new.
    /// </summary>
    public async Task<bool> TrySaveDeltaAsync(DeltaState state, DeltaState? startedFrom, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entity = new TableEntity(Partition, DeltaRowKey(state.OrganizerObjectId))
        {
            ["OrganizerObjectId"] = state.OrganizerObjectId,
            ["ProjectId"] = state.ProjectId,
            ["DeltaLink"] = state.DeltaLink,
            ["WindowStart"] = state.WindowStart,
            ["WindowEnd"] = state.WindowEnd,
            ["UpdatedAt"] = state.UpdatedAt,
        };
        try
        {
            if (startedFrom is null)
            {
                await Table.AddEntityAsync(entity, cancellationToken);
            }
            else
            {
                await Table.UpdateEntityAsync(entity, startedFrom.ETag, TableUpdateMode.Replace, cancellationToken);
            }

            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Forgets a delta link Graph no longer knows, conditional on the row read (a newer link stays).</summary>
    public async Task<bool> TryDeleteDeltaAsync(DeltaState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        try
        {
            await Table.DeleteEntityAsync(Partition, DeltaRowKey(state.OrganizerObjectId), state.ETag, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    private static SubscriptionRecord ReadSubscription(TableEntity entity) => new(
        TableKeys.Unescape(entity.RowKey),
        entity.GetString("ProjectId") ?? string.Empty,
        entity.GetString("OrganizerObjectId") ?? string.Empty,
        entity.GetString("Resource") ?? string.Empty,
        entity.GetDateTimeOffset("ExpiresAt") ?? default,
        entity.GetDateTimeOffset("CreatedAt") ?? default,
        entity.GetDateTimeOffset("RenewedAt") ?? default,
        entity.GetString("ClientStateHash") ?? string.Empty)
    { ETag = entity.ETag };

    private static OrganizerIndex ReadIndex(TableEntity entity) => new(
        entity.GetString("OrganizerObjectId") ?? TableKeys.Unescape(entity.RowKey[ByOrganizerPrefix.Length..]),
        entity.GetString("ProjectId") ?? string.Empty,
        entity.GetString("SubscriptionId") ?? string.Empty)
    { ETag = entity.ETag, ClaimedUntil = entity.GetDateTimeOffset(ClaimedUntilColumn) ?? default };
}

/// <summary>The per-subscription clientState: 256 random bits, kept only as a SHA-256 and compared in constant time.</summary>
public static class ClientStateSecret
{
    /// <summary>Graph accepts at most 128 characters; anything longer presented to us is not ours.</summary>
    public const int MaxLength = 128;

    /// <summary>43 characters of base64url: fits Graph's limit, survives JSON and URLs unchanged.</summary>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string clientState)
    {
        ArgumentNullException.ThrowIfNull(clientState);
        return Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(clientState)));
    }

    /// <summary>True only when <paramref name="presented"/> hashes to <paramref name="storedHash"/>; constant time in the hash.</summary>
    public static bool Matches(string storedHash, string? presented)
    {
        if (presented is null || presented.Length > MaxLength || string.IsNullOrEmpty(storedHash))
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(storedHash, expected, out var written) || written != SHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(presented), actual);
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
