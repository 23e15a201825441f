using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Referrals;

/// <summary>A referral as read, with the ETag every update must be conditional on.</summary>
public sealed record StoredReferral(Referral Referral, ETag ETag)
{
    /// <summary>The version a card or REST client carries back: the ETag, opaque.</summary>
    public string Version => ETag.ToString();

    /// <summary>What was read beside it (<see cref="ReferralBeside"/>), when it was read with it and kept for it; else null.</summary>
    public ReferralBeside? Beside { get; init; }
}

/// <summary>Someone else changed the referral between our read and our write: the caller answers with a fresh view.</summary>
public sealed class ReferralConflictException() : Exception("The referral was changed by someone else.");

/// <summary>The same request (same idempotency key) was already applied: the caller answers with the current view.</summary>
public sealed class DuplicateRequestException() : Exception("This request was already applied.");

/// <summary>
/// Referrals in the main table, one partition per project. Every change is one entity-group transaction holding
/// the referral row, its index rows, an idempotency row and the outbox rows of the notifications it causes.
/// Rows: <c>referral|{id}</c>; indexes <c>by-partner|{org}|{inverted ticks}|{id}</c>, <c>by-time|{inverted ticks}|{id}</c>,
/// <c>by-state|{state}|{inverted ticks}|{id}</c>, <c>by-mother|{mother}|{id}</c>; <c>dedupe|{hash}</c>.
/// Index rows hold ids and state only, so erasing the referral row erases everything personal. The report's monthly
/// counters (<see cref="ReferralCounting"/>, rows <c>report-month|referrals|{yyyy-MM}</c>) and the mothers' open load
/// (<see cref="OpenLoadRows"/>, rows <c>open-load</c>) change in the same transaction.
/// </summary>
/// <remarks>
/// A referral is read with the rows beside it; what was beside it is remembered with its ETag (<see cref="ReferralBesideCache"/>),
/// so a warm read is one point read of the referral row and the prefix query runs only when cold or when the ETag moved.
/// </remarks>
public sealed class ReferralStore(TableStore store, DirectoryStore directory, ReadCache? cache = null, ReferralBesideCache? besides = null)
{
    // The triage card's "Samira – 2 aktive", remembered per project; this instance's changes move its counts. Only shown,
    // so a read with accepts beside it is kept 2 s rather than read again by every accept.
    private readonly CachedReads<string, IReadOnlyDictionary<string, int>> _load = new(cache, refreshAhead: true, besideWrites: TimeSpan.FromSeconds(2));

    public const string ByPartner = "by-partner|";
    public const string ByTime = "by-time|";
    public const string ByState = "by-state|";
    public const string ByMother = "by-mother|";
    public const string Dedupe = "dedupe|";

    private TableClient Table => store.Table(TableNames.Main);

    public async Task<StoredReferral?> FindAsync(string projectId, string referralId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !ReferralIds.IsValid(referralId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, ReferralEntity.RowKey(referralId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new StoredReferral(ReferralEntity.FromEntity(entity), entity.ETag) : null;
    }

    /// <summary>
    /// The referral with the rows beside it (who holds a card, whether it has onward referrals). Warm: one point read of
    /// the referral row, and what was beside it when its ETag was the same (<see cref="ReferralBesideCache"/>). Cold, or
    /// when the ETag moved: the referral row and its holders row by their keys, remembered with its ETag.
    /// </summary>
    public async Task<StoredReferral?> FindWithBesideAsync(string projectId, string referralId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !ReferralIds.IsValid(referralId))
        {
            return null;
        }

        if (besides is null)
        {
            return await ReadWithBesideAsync(projectId, referralId, cancellationToken);
        }

        var remembered = besides.TryPeek(projectId, referralId, out var known);
        if (remembered)
        {
            var current = await FindAsync(projectId, referralId, cancellationToken);
            if (current is null || current.ETag == known.ETag)
            {
                return current is null ? null : current with { Beside = known.Beside };
            }
        }

        // Remembered but moved: dropped first, so this read replaces it.
        return await besides.ReadAsync(projectId, referralId, moved: remembered, token => ReadWithBesideAsync(projectId, referralId, token), cancellationToken);
    }

    /// <summary>
    /// Cold: the referral row, then its holders row (<see cref="ReferralBeside.HoldersRowKey"/>), both by their keys. In
    /// that order, so what is beside it is at least what it was at the ETag read (rows beside it are only ever added).
    /// A referral without a complete holders row (created before it was kept) is read by the prefix range.
    /// </summary>
    private async Task<StoredReferral?> ReadWithBesideAsync(string projectId, string referralId, CancellationToken cancellationToken)
    {
        var referral = await FindAsync(projectId, referralId, cancellationToken);
        if (referral is null)
        {
            return null;
        }

        return ReferralBeside.FromHoldersRow(await ReferralBeside.HoldersRowAsync(Table, projectId, referralId, cancellationToken)) is { } beside
            ? referral with { Beside = beside }
            : await QueryWithBesideAsync(projectId, referralId, cancellationToken);
    }

    /// <summary>The referral and the rows beside it by one prefix range over <c>referral|{id}</c>.</summary>
    private async Task<StoredReferral?> QueryWithBesideAsync(string projectId, string referralId, CancellationToken cancellationToken)
    {
        var key = ReferralEntity.RowKey(referralId);
        TableEntity? referral = null;
        var beside = new List<TableEntity>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, key), cancellationToken: cancellationToken))
        {
            if (row.RowKey == key)
            {
                referral = row;
            }
            else
            {
                beside.Add(row);
            }
        }

        return referral is null ? null : new StoredReferral(ReferralEntity.FromEntity(referral), referral.ETag) { Beside = ReferralBeside.Read(referralId, beside) };
    }

    /// <summary>True when a request with this idempotency key was already committed.</summary>
    public async Task<bool> WasAppliedAsync(string projectId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, DedupeRowKey(idempotencyKey), select: ["PartitionKey"], cancellationToken: cancellationToken);
        return response.HasValue;
    }

    /// <summary>The referral a committed request created (for answering a duplicate submit).</summary>
    public async Task<string?> ReferralIdForAsync(string projectId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, DedupeRowKey(idempotencyKey), select: ["ReferralId"], cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? row.GetString("ReferralId") : null;
    }

    /// <summary>Creates a referral with its index rows, an idempotency row and <paramref name="outbox"/> in one transaction.</summary>
    /// <exception cref="DuplicateRequestException">The idempotency key was used before (a retried invoke).</exception>
    public async Task<StoredReferral> CreateAsync(Referral referral, string idempotencyKey, IEnumerable<TableTransactionAction> outbox, CancellationToken cancellationToken)
    {
        var entity = ReferralEntity.ToEntity(referral);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, entity),
            new(TableTransactionActionType.Add, DedupeRow(referral.ProjectId, idempotencyKey, referral.Id)),
        };
        actions.AddRange(IndexRows(referral).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
        // From now on its card holders and onward referrals are kept beside it (ReferralBeside).
        actions.Add(new(TableTransactionActionType.Add, ReferralBeside.KeptRow(referral.ProjectId, referral.Id)));
        // Its holders row, complete from the start; her card's location merged into it here is folded in.
        actions.AddRange(HoldersRow.CreatedWith(referral.ProjectId, ReferralBeside.HoldersRowKey(referral.Id), outbox));
        var kind = await directory.OrganisationKindAsync(referral.ProjectId, referral.ReferrerOrganisationId, cancellationToken);
        var response = await SubmitAsync(referral.ProjectId, actions, ReferralCounting.Changes(null, referral, kind), null, referral, cancellationToken);
        return new StoredReferral(referral, ETagOf(response, 0));
    }

    /// <summary>
    /// The same, when <paramref name="outbox"/> holds exactly the rows <paramref name="beside"/> says (her card's holder
    /// row, if any): what is beside the new referral is then known without reading, and remembered with its ETag.
    /// </summary>
    public async Task<StoredReferral> CreateAsync(Referral referral, string idempotencyKey, IEnumerable<TableTransactionAction> outbox, ReferralBeside beside, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var stored = besides is null
            ? await CreateAsync(referral, idempotencyKey, outbox, cancellationToken)
            : await besides.CreatedAsync(referral.ProjectId, referral.Id, beside, () => CreateAsync(referral, idempotencyKey, outbox, cancellationToken));
        return stored with { Beside = beside };
    }

    /// <summary>
    /// Writes <paramref name="after"/> over <paramref name="before"/>, conditional on the ETag read, moving index rows as the
    /// state and assignment change, in one transaction with the idempotency row and <paramref name="outbox"/>.
    /// </summary>
    /// <exception cref="ReferralConflictException">The ETag no longer matches.</exception>
    /// <exception cref="DuplicateRequestException">The idempotency key was used before.</exception>
    public async Task<StoredReferral> UpdateAsync(StoredReferral before, Referral after, string idempotencyKey, IEnumerable<TableTransactionAction> outbox, CancellationToken cancellationToken)
    {
        var old = before.Referral;
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ReferralEntity.ToEntity(after), before.ETag),
            new(TableTransactionActionType.Add, DedupeRow(after.ProjectId, idempotencyKey, after.Id)),
        };

        var oldKeys = IndexRows(old).ToDictionary(row => row.RowKey);
        var newRows = IndexRows(after).ToList();
        foreach (var row in newRows)
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, row));
        }

        foreach (var stale in oldKeys.Keys.Except(newRows.Select(row => row.RowKey)))
        {
            actions.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(after.ProjectId, stale), ETag.All));
        }

        actions.AddRange(outbox);
        async Task<StoredReferral> Write() =>
            new(after, ETagOf(await SubmitAsync(after.ProjectId, actions, ReferralCounting.Changes(old, after, null), old, after, cancellationToken), 0));

        // Its ETag moves: what this instance remembers beside it is kept with the new ETag and the cards recorded with the
        // change, so the next action on it here is warm (one point read).
        return besides is null
            ? await Write()
            : await besides.ChangedAsync(after.ProjectId, after.Id, before.ETag, ReferralBeside.HoldersMergedBy(actions, after.ProjectId, after.Id), Write);
    }

    /// <summary>One page of referral ids from an index, newest first, with the token for the next page.</summary>
    public async Task<(IReadOnlyList<string> Ids, string? NextToken)> PageAsync(string projectId, string indexPrefix, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        var pages = Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, indexPrefix), maxPerPage: pageSize, select: ["RowKey"], cancellationToken: cancellationToken)
            .AsPages(string.IsNullOrEmpty(pageToken) ? null : pageToken, pageSize);
        await foreach (var page in pages)
        {
            var ids = page.Values.Select(row => IdOf(row.RowKey)).ToList();
            return (ids, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>
    /// The ids of the referrals in one state, newest first, from its by-state index: keys only, in pages of the most
    /// Table Storage returns, and at most <paramref name="atMost"/>. <c>All</c> is false when the index holds more.
    /// </summary>
    public async Task<(IReadOnlyList<string> Ids, bool All)> IdsInStateAsync(string projectId, ReferralState state, int atMost, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, StateIndex(state)), maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            if (ids.Count == atMost)
            {
                return (ids, false);
            }

            ids.Add(IdOf(row.RowKey));
        }

        return (ids, true);
    }

    /// <summary>
    /// Open referrals per assigned mother, from the counts kept beside the referrals (<see cref="OpenLoadRows"/>): read
    /// by key. Only for a project whose counts were never settled, its by-mother index is counted once.
    /// </summary>
    public Task<IReadOnlyDictionary<string, int>> OpenLoadByMotherAsync(string projectId, CancellationToken cancellationToken) =>
        _load.GetAsync(projectId, token => OpenLoadRows.ReadAsync(Table, store.Written, projectId, t => CountOpenLoadAsync(projectId, t), token), cancellationToken);

    /// <summary>The open load counted from the by-mother index: a prefix query over one row per assigned referral.</summary>
    private async Task<IReadOnlyDictionary<string, int>> CountOpenLoadAsync(string projectId, CancellationToken cancellationToken)
    {
        var load = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, ByMother), select: ["RowKey", "State"], cancellationToken: cancellationToken))
        {
            var state = Enum.Parse<ReferralState>(row.GetString("State") ?? nameof(ReferralState.Closed));
            if (Referral.WithMother(state))
            {
                var mother = TableKeys.Unescape(row.RowKey.Split('|')[1]);
                load[mother] = load.GetValueOrDefault(mother) + 1;
            }
        }

        return load;
    }

    /// <summary>The referrals a mother is working on (assigned or contacted): one prefix query over her by-mother index rows.</summary>
    public async Task<IReadOnlyList<string>> OpenIdsForMotherAsync(string projectId, string motherObjectId, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, MotherIndex(motherObjectId)), select: ["RowKey", "State"], cancellationToken: cancellationToken))
        {
            if (Enum.TryParse<ReferralState>(row.GetString("State"), out var state) && Referral.WithMother(state))
            {
                ids.Add(IdOf(row.RowKey));
            }
        }

        return ids;
    }

    public static string PartnerIndex(string organisationId) => ByPartner + TableKeys.Escape(organisationId) + "|";

    public static string MotherIndex(string motherObjectId) => ByMother + TableKeys.Escape(motherObjectId) + "|";

    public static string StateIndex(ReferralState state) => ByState + state + "|";

    /// <summary>The referral id an index row names: its key's last part.</summary>
    private static string IdOf(string indexRowKey) => indexRowKey[(indexRowKey.LastIndexOf('|') + 1)..];

    public static string DedupeRowKey(string idempotencyKey) =>
        Dedupe + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];

    private static IEnumerable<TableEntity> IndexRows(Referral referral)
    {
        var inverted = (DateTimeOffset.MaxValue.UtcTicks - referral.SubmittedAt.UtcTicks).ToString("D19", CultureInfo.InvariantCulture);
        var state = referral.State.ToString();
        yield return new TableEntity(referral.ProjectId, $"{PartnerIndex(referral.ReferrerOrganisationId)}{inverted}|{referral.Id}") { ["State"] = state };
        yield return new TableEntity(referral.ProjectId, $"{ByTime}{inverted}|{referral.Id}") { ["State"] = state };
        yield return new TableEntity(referral.ProjectId, $"{StateIndex(referral.State)}{inverted}|{referral.Id}") { ["State"] = state };
        if (referral.AssignedMotherId is { } mother)
        {
            yield return new TableEntity(referral.ProjectId, $"{MotherIndex(mother)}{referral.Id}") { ["State"] = state };
        }
    }

    private static TableEntity DedupeRow(string projectId, string idempotencyKey, string referralId) =>
        new(projectId, DedupeRowKey(idempotencyKey)) { ["ReferralId"] = referralId };

    /// <summary>
    /// Commits the change with the counters it moves: the report's months and the mothers' open load. Its effect on the
    /// open load is known, so the remembered load is kept with it applied rather than read again.
    /// </summary>
    private Task<Response<IReadOnlyList<Response>>> SubmitAsync(
        string projectId, List<TableTransactionAction> actions, IReadOnlyList<Core.Reporting.CounterDelta> counted, Referral? before, Referral after, CancellationToken cancellationToken)
    {
        var from = before?.WorkingMotherId;
        var to = after.WorkingMotherId;
        return _load.ApplyAsync(
            projectId,
            () => SubmitAsync(projectId, actions, counted, from, to, cancellationToken),
            counts => OpenLoad.Moved(counts, from, to));
    }

    private async Task<Response<IReadOnlyList<Response>>> SubmitAsync(
        string projectId, List<TableTransactionAction> actions, IReadOnlyList<Core.Reporting.CounterDelta> counted, string? from, string? to, CancellationToken cancellationToken)
    {
        try
        {
            return await MonthCounterRows.SubmitAsync(
                store, projectId, actions, ReferralCounting.Feature, counted, cancellationToken, (rows, token) => OpenLoadRows.ActionsAsync(rows, projectId, from, to, token));
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

    private static ETag ETagOf(Response<IReadOnlyList<Response>> response, int index) =>
        response.Value[index].Headers.ETag ?? default;
}

/// <summary>Referral ids: 16 lowercase base32 characters, random. The reference people see is "H-" and the first four, upper-case.</summary>
public static class ReferralIds
{
    public static string New() => RandomIds.New();

    public static bool IsValid(string? id) => RandomIds.IsValid(id);

    public static string Reference(string id) => "H-" + id[..4].ToUpperInvariant();
}
