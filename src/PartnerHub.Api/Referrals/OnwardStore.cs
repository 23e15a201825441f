using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>An onward referral as read, with the ETag every update must be conditional on.</summary>
public sealed record StoredOnward(OnwardReferral Onward, ETag ETag);

/// <summary>
/// Onward referrals in the main table, in the project partition beside the referral they came from. Rows:
/// <c>onward|{id}</c>; indexes <c>onward-to|{organisation}|{id}</c> (the receiving service's inbox) and
/// <c>onward-of|{referralId}|{id}</c> (what became of one referral: a copy of the onward row, so the triage card and the
/// coordinator's list read it with one prefix range; also to update those cards on withdrawal); the idempotency row
/// <c>dedupe|{hash}</c>. Where its cards live is kept by <see cref="Cards.CardLocationStore"/> (kinds
/// <see cref="Cards.CardKind.Onward"/> and <see cref="Cards.CardKind.OnwardStatus"/>). Every row holds ids, state and dates only:
/// the woman's details are read from the referral when a card is rendered, so erasing the referral erases them here too.
/// The report's monthly counters (<see cref="OnwardCounting"/>, rows <c>report-month|onward|{yyyy-MM}</c>) change in the same transaction.
/// </summary>
public sealed class OnwardStore(TableStore store, DirectoryStore directory, ReadCache? cache = null, ReferralBesideCache? besides = null)
{
    // What became of a referral, for its triage card and refreshes: remembered per referral for ReadCache's lifetime;
    // this instance's onward changes drop it.
    private readonly CachedReads<(string ProjectId, string ReferralId), IReadOnlyList<OnwardReferral>> _ofReferral = new(cache);

    public const string Prefix = "onward|";
    public const string ToPrefix = "onward-to|";
    public const string OfPrefix = "onward-of|";

    private TableClient Table => store.Table(TableNames.Main);

    public async Task<StoredOnward?> FindAsync(string projectId, string onwardId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !ReferralIds.IsValid(onwardId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(onwardId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new StoredOnward(FromEntity(entity), entity.ETag) : null;
    }

    /// <summary>True when a request with this idempotency key was already committed.</summary>
    public async Task<bool> WasAppliedAsync(string projectId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, ReferralStore.DedupeRowKey(idempotencyKey), select: ["PartitionKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    /// <summary>The onward referral a committed request created (for answering a retried one).</summary>
    public async Task<string?> OnwardIdForAsync(string projectId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, ReferralStore.DedupeRowKey(idempotencyKey), select: ["OnwardId"], cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? row.GetString("OnwardId") : null;
    }

    /// <summary>Creates the onward referral, its index row, an idempotency row and <paramref name="outbox"/> in one transaction.</summary>
    /// <exception cref="DuplicateRequestException">The idempotency key was used before (a retried invoke).</exception>
    public async Task<StoredOnward> CreateAsync(OnwardReferral onward, string idempotencyKey, IEnumerable<TableTransactionAction> outbox, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, ToEntity(onward)),
            new(TableTransactionActionType.Add, DedupeRow(onward, idempotencyKey)),
            new(TableTransactionActionType.UpsertReplace, IndexRow(onward)),
            new(TableTransactionActionType.UpsertReplace, ReferralIndexRow(onward)),
            // The referral's card knows from its own read that it has onward referrals (ReferralBeside).
            new(TableTransactionActionType.UpsertReplace, ReferralBeside.OnwardRow(onward.ProjectId, onward.ReferralId)),
            new(TableTransactionActionType.UpsertMerge, ReferralBeside.OnwardMerge(onward.ProjectId, onward.ReferralId)),
        };
        actions.AddRange(outbox);
        var kind = await ServiceKindAsync(onward, cancellationToken);
        Task<Response<IReadOnlyList<Response>>> Write() =>
            _ofReferral.WriteAsync((onward.ProjectId, onward.ReferralId), () => SubmitAsync(onward.ProjectId, actions, OnwardCounting.Changes(null, onward, kind), cancellationToken));
        // The referral's version stays as it is; what this instance remembers beside it learns it has an onward referral.
        var response = besides is null ? await Write() : await besides.OnwardAddedAsync(onward.ProjectId, onward.ReferralId, Write);
        return new StoredOnward(onward, response.Value[0].Headers.ETag ?? default);
    }

    /// <summary>Writes <paramref name="after"/> conditional on the ETag read, with its index row, an idempotency row and <paramref name="outbox"/>.</summary>
    /// <exception cref="ReferralConflictException">The ETag no longer matches: someone else answered first.</exception>
    /// <exception cref="DuplicateRequestException">The idempotency key was used before.</exception>
    public async Task<StoredOnward> UpdateAsync(StoredOnward before, OnwardReferral after, string idempotencyKey, IEnumerable<TableTransactionAction> outbox, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToEntity(after), before.ETag),
            new(TableTransactionActionType.Add, DedupeRow(after, idempotencyKey)),
            new(TableTransactionActionType.UpsertReplace, IndexRow(after)),
            new(TableTransactionActionType.UpsertReplace, ReferralIndexRow(after)),
        };
        actions.AddRange(outbox);
        var kind = await ServiceKindAsync(after, cancellationToken);
        var response = await _ofReferral.WriteAsync((after.ProjectId, after.ReferralId), () => SubmitAsync(after.ProjectId, actions, OnwardCounting.Changes(before.Onward, after, kind), cancellationToken));
        return new StoredOnward(after, response.Value[0].Headers.ETag ?? default);
    }

    /// <summary>The ids and states of the onward referrals sent to one organisation: a prefix range over its index.</summary>
    public Task<IReadOnlyList<(string OnwardId, OnwardState State)>> ToOrganisationAsync(string projectId, string organisationId, CancellationToken cancellationToken) =>
        IdsAsync(projectId, ToIndex(organisationId), cancellationToken);

    /// <summary>The ids and states of the onward referrals made for one referral.</summary>
    public Task<IReadOnlyList<(string OnwardId, OnwardState State)>> ForReferralAsync(string projectId, string referralId, CancellationToken cancellationToken) =>
        IdsAsync(projectId, OfPrefix + referralId + "|", cancellationToken);

    /// <summary>
    /// The onward referrals made for one referral, oldest first: one prefix range over its index, whose rows carry the
    /// onward row's fields. A row written before they did is completed by a point read of its onward row.
    /// </summary>
    public async Task<IReadOnlyList<OnwardReferral>> OfReferralAsync(string projectId, string referralId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !ReferralIds.IsValid(referralId))
        {
            return [];
        }

        return await _ofReferral.GetAsync((projectId, referralId), token => ReadOfReferralAsync(projectId, referralId, token), cancellationToken);
    }

    private async Task<IReadOnlyList<OnwardReferral>> ReadOfReferralAsync(string projectId, string referralId, CancellationToken cancellationToken)
    {
        var result = new List<OnwardReferral>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OfPrefix + referralId + "|"), cancellationToken: cancellationToken))
        {
            var onwardId = row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..];
            if (row.GetString("ToOrganisationId") is not null)
            {
                result.Add(FromEntity(row, onwardId));
            }
            else if (await FindAsync(projectId, onwardId, cancellationToken) is { } stored)
            {
                result.Add(stored.Onward);
            }
        }

        return result.OrderBy(o => o.SentAt).ThenBy(o => o.Id, StringComparer.Ordinal).ToList();
    }

    public static string RowKey(string onwardId) => Prefix + onwardId;

    public static string ToIndex(string organisationId) => ToPrefix + TableKeys.Escape(organisationId) + "|";

    private static TableEntity IndexRow(OnwardReferral onward) =>
        new(onward.ProjectId, ToIndex(onward.ToOrganisationId) + onward.Id) { ["State"] = onward.State.ToString() };

    /// <summary>The onward row's fields under the referral's index key (ids, state, needs and dates: nothing about her).</summary>
    private static TableEntity ReferralIndexRow(OnwardReferral onward)
    {
        var row = ToEntity(onward);
        row.RowKey = OfPrefix + onward.ReferralId + "|" + onward.Id;
        return row;
    }

    private static TableEntity DedupeRow(OnwardReferral onward, string idempotencyKey) =>
        new(onward.ProjectId, ReferralStore.DedupeRowKey(idempotencyKey)) { ["OnwardId"] = onward.Id };

    private static TableEntity ToEntity(OnwardReferral onward) => new(onward.ProjectId, RowKey(onward.Id))
    {
        ["ReferralId"] = onward.ReferralId,
        ["ToOrganisationId"] = onward.ToOrganisationId,
        ["State"] = onward.State.ToString(),
        ["SentAt"] = onward.SentAt,
        ["SentByObjectId"] = onward.SentByObjectId,
        ["Needs"] = (int)onward.Needs,
        ["AnsweredAt"] = onward.AnsweredAt,
        ["AnsweredByObjectId"] = onward.AnsweredByObjectId,
    };

    private static OnwardReferral FromEntity(TableEntity entity) => FromEntity(entity, entity.RowKey[Prefix.Length..]);

    private static OnwardReferral FromEntity(TableEntity entity, string onwardId) => new()
    {
        Id = onwardId,
        ProjectId = entity.PartitionKey,
        ReferralId = entity.GetString("ReferralId") ?? string.Empty,
        ToOrganisationId = entity.GetString("ToOrganisationId") ?? string.Empty,
        State = Enum.Parse<OnwardState>(entity.GetString("State") ?? throw new InvalidDataException("Missing state in a stored onward referral.")),
        SentAt = entity.GetDateTimeOffset("SentAt") ?? DateTimeOffset.MinValue,
        SentByObjectId = entity.GetString("SentByObjectId") ?? string.Empty,
        Needs = (NeedCategories)(entity.GetInt32("Needs") ?? 0),
        AnsweredAt = entity.GetDateTimeOffset("AnsweredAt"),
        AnsweredByObjectId = entity.GetString("AnsweredByObjectId"),
    };

    private async Task<IReadOnlyList<(string OnwardId, OnwardState State)>> IdsAsync(string projectId, string indexPrefix, CancellationToken cancellationToken)
    {
        var result = new List<(string, OnwardState)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, indexPrefix), select: ["RowKey", "State"], cancellationToken: cancellationToken))
        {
            result.Add((row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..], Enum.Parse<OnwardState>(row.GetString("State") ?? nameof(OnwardState.Sent))));
        }

        return result;
    }

    /// <summary>
    /// The receiving service's kind, for the report. A service is normally still in the directory when it answers
    /// (its staff answer); when its row is gone all the same, the answer is counted under social services (see the README).
    /// </summary>
    private async Task<OrganisationKind> ServiceKindAsync(OnwardReferral onward, CancellationToken cancellationToken) =>
        await directory.OrganisationKindAsync(onward.ProjectId, onward.ToOrganisationId, cancellationToken) ?? OrganisationKind.SocialServices;

    private async Task<Response<IReadOnlyList<Response>>> SubmitAsync(string projectId, List<TableTransactionAction> actions, IReadOnlyList<Core.Reporting.CounterDelta> counted, CancellationToken cancellationToken)
    {
        try
        {
            return await MonthCounterRows.SubmitAsync(store, projectId, actions, OnwardCounting.Feature, counted, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            throw new ReferralConflictException();
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is 1)
        {
            // The idempotency row (always action 1) exists: this exact request was committed before.
            throw new DuplicateRequestException();
        }
    }
}
