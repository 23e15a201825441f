using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

/// <summary>A session as read, with the ETag every write must be conditional on.</summary>
public sealed record StoredSession(SupervisionSession Session, ETag ETag);

/// <summary>Someone (or the outbox) changed the session between our read and our write.</summary>
public sealed class SessionConflictException() : Exception("The session was changed by someone else.");

/// <summary>The same request (same idempotency key) was already committed.</summary>
public sealed class DuplicateSessionRequestException() : Exception("This request was already applied.");

/// <summary>
/// Supervision sessions in the main table, in the project's partition. Every change is one entity-group transaction:
/// the session row (ETag-conditional), its index rows, an idempotency row and the outbox rows it causes.
/// Rows: <c>session|{id}</c> (the session as JSON; it references the coordinator as organiser by object id);
/// indexes <c>session-by-time|{start ticks}|{id}</c>, <c>session-of|{objectId}|{id}</c> per invitee,
/// <c>session-event|{eventId}</c> once the Outlook event exists; <c>session-dedupe|{hash}</c>;
/// <c>session-minutes|{id}</c> holds the minutes text until it is uploaded. Index rows hold ids only. A session is
/// created with its cards' holders row (<see cref="HoldersRowKey"/>), so its cards are read by one point read.
/// </summary>
public sealed class SessionStore(TableStore store)
{
    public const string Prefix = "session|";
    public const string ByTime = "session-by-time|";
    public const string Of = "session-of|";
    public const string ByEvent = "session-event|";
    public const string Dedupe = "session-dedupe|";
    public const string MinutesPrefix = "session-minutes|";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private TableClient Table => store.Table(TableNames.Main);

    public static string RowKey(string sessionId) => Prefix + sessionId;

    public async Task<StoredSession?> FindAsync(string projectId, string sessionId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || !SupervisionSession.IsValidId(sessionId))
        {
            return null;
        }

        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(sessionId), cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } entity ? new StoredSession(Read(entity), entity.ETag) : null;
    }

    /// <summary>The session whose Outlook event this is (organiser's event id), or null for the organiser's other appointments.</summary>
    public async Task<StoredSession?> FindByEventAsync(string projectId, string eventId, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(eventId) || !Project.IsValidId(projectId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, EventRowKey(eventId), select: ["SessionId"], cancellationToken: cancellationToken);
        return row.HasValue && row.Value?.GetString("SessionId") is { } sessionId ? await FindAsync(projectId, sessionId, cancellationToken) : null;
    }

    public async Task<string?> SessionIdForAsync(string projectId, string idempotencyKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, DedupeRowKey(idempotencyKey), select: ["SessionId"], cancellationToken: cancellationToken);
        return response.HasValue && response.Value is { } row ? row.GetString("SessionId") : null;
    }

    public async Task<bool> WasAppliedAsync(string projectId, string idempotencyKey, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(projectId, DedupeRowKey(idempotencyKey), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;

    /// <exception cref="DuplicateSessionRequestException">The idempotency key was used before (a retried invoke).</exception>
    public async Task<StoredSession> CreateAsync(SupervisionSession session, string idempotencyKey, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.Add, ToEntity(session)),
            new(TableTransactionActionType.Add, DedupeRow(session.ProjectId, idempotencyKey, session.Id)),
        };
        actions.AddRange(IndexRows(session).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
        // Its cards' holders row, complete from the start; the organiser's card merged into it here is folded in.
        actions.AddRange(HoldersRow.CreatedWith(session.ProjectId, HoldersRowKey(session.Id), extra));
        var response = await SubmitAsync(session.ProjectId, actions, SessionCounting.Changes(null, session), cancellationToken);
        return new StoredSession(session, response.Value[0].Headers.ETag ?? default);
    }

    /// <summary>
    /// Writes <paramref name="after"/> conditional on <paramref name="before"/>'s ETag, moving index rows, with an idempotency
    /// row when <paramref name="idempotencyKey"/> is given (system writes from the outbox have none) and <paramref name="extra"/>.
    /// </summary>
    /// <exception cref="SessionConflictException">The ETag no longer matches.</exception>
    /// <exception cref="DuplicateSessionRequestException">The idempotency key was used before.</exception>
    public async Task<StoredSession> UpdateAsync(StoredSession before, SupervisionSession after, string? idempotencyKey, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, ToEntity(after), before.ETag) };
        if (idempotencyKey is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, DedupeRow(after.ProjectId, idempotencyKey, after.Id)));
        }

        // Only the index rows that differ; SessionForm.MaxInviteeChangesPerEdit keeps the worst case at 100 actions.
        var oldRows = IndexRows(before.Session).Select(row => row.RowKey).ToHashSet(StringComparer.Ordinal);
        var newRows = IndexRows(after).ToList();
        actions.AddRange(newRows.Where(row => !oldRows.Contains(row.RowKey)).Select(row => new TableTransactionAction(TableTransactionActionType.UpsertReplace, row)));
        actions.AddRange(oldRows.Except(newRows.Select(row => row.RowKey)).Select(key => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(after.ProjectId, key), ETag.All)));
        actions.AddRange(extra);
        var response = await SubmitAsync(after.ProjectId, actions, SessionCounting.Changes(before.Session, after), cancellationToken);
        return new StoredSession(after, response.Value[0].Headers.ETag ?? default);
    }

    /// <summary>
    /// The sessions an index prefix (<see cref="ByTime"/> or <see cref="InviteeIndex"/>) names, the <paramref name="max"/>
    /// latest by start. On <see cref="ByTime"/> only sessions starting at or after <paramref name="since"/> are read, so a
    /// project's list costs the same in its fifth year as in its first.
    /// </summary>
    public async Task<IReadOnlyList<StoredSession>> ListAsync(string projectId, string indexPrefix, int max, CancellationToken cancellationToken, DateTimeOffset? since = null)
    {
        var filter = since is { } from && indexPrefix == ByTime
            ? TableQueries.PrefixFrom(projectId, ByTime, ByTime + Math.Max(from.UtcTicks, 0).ToString("D19", CultureInfo.InvariantCulture))
            : TableQueries.Prefix(projectId, indexPrefix);
        var ids = new List<string>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..]);
        }

        var sessions = await KeyedReads.InOrderAsync(ids.Distinct(StringComparer.Ordinal).ToList(), (id, token) => FindAsync(projectId, id, token), cancellationToken);
        return [.. sessions.OfType<StoredSession>().OrderBy(s => s.Session.Start).TakeLast(max)];
    }

    public TableTransactionAction SaveMinutesText(string projectId, string sessionId, string text) =>
        new(TableTransactionActionType.UpsertReplace, new TableEntity(projectId, MinutesPrefix + sessionId) { ["Text"] = text });

    public async Task<string?> MinutesTextAsync(string projectId, string sessionId, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, MinutesPrefix + sessionId, cancellationToken: cancellationToken);
        return row.HasValue ? row.Value?.GetString("Text") : null;
    }

    /// <summary>The session's cards' holders row (<see cref="HoldersRow"/>, the key every kind keeps by default); a session older than it has none.</summary>
    public static string HoldersRowKey(string sessionId) => HoldersRow.Key(CardKind.Session, sessionId);

    public static string InviteeIndex(string objectId) => Of + TableKeys.Escape(objectId) + "|";

    public static string EventRowKey(string eventId) => ByEvent + TableKeys.Escape(eventId);

    public static string DedupeRowKey(string idempotencyKey) =>
        Dedupe + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..32];

    internal static TableEntity ToEntity(SupervisionSession session) => new(session.ProjectId, RowKey(session.Id))
    {
        ["Data"] = JsonSerializer.Serialize(session, Json),
        ["State"] = session.State.ToString(),
        ["Start"] = session.Start,
        ["OrganizerObjectId"] = session.OrganizerObjectId,
    };

    private static SupervisionSession Read(TableEntity entity) =>
        JsonSerializer.Deserialize<SupervisionSession>(entity.GetString("Data") ?? "null", Json)
        ?? throw new InvalidDataException("A stored session has no data.");

    private static IEnumerable<TableEntity> IndexRows(SupervisionSession session)
    {
        var ticks = session.Start.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        yield return new TableEntity(session.ProjectId, $"{ByTime}{ticks}|{session.Id}");
        foreach (var invitee in session.Invitees)
        {
            yield return new TableEntity(session.ProjectId, $"{InviteeIndex(invitee.ObjectId)}{session.Id}");
        }

        if (session.CalendarEventId is { Length: > 0 } eventId)
        {
            yield return new TableEntity(session.ProjectId, EventRowKey(eventId)) { ["SessionId"] = session.Id };
        }
    }

    private static TableEntity DedupeRow(string projectId, string idempotencyKey, string sessionId) =>
        new(projectId, DedupeRowKey(idempotencyKey)) { ["SessionId"] = sessionId };

    /// <summary>Table Storage's limit on one entity-group transaction.</summary>
    public const int MaxTransactionActions = 100;

    /// <summary>With the report's month counters (<c>report-month|supervision|{yyyy-MM}</c>) in the same transaction.</summary>
    private async Task<Response<IReadOnlyList<Response>>> SubmitAsync(string projectId, List<TableTransactionAction> actions, IReadOnlyList<Core.Reporting.CounterDelta> counted, CancellationToken cancellationToken)
    {
        if (actions.Count + counted.Select(delta => delta.Month).Distinct().Count() > MaxTransactionActions)
        {
            // SessionForm caps invitees and per-edit changes so this cannot happen; if it did, refuse before writing.
            throw new InvalidOperationException($"A session change needs {actions.Count} table operations; one transaction holds {MaxTransactionActions}.");
        }

        try
        {
            return await Reporting.MonthCounterRows.SubmitAsync(store, projectId, actions, SessionCounting.Feature, counted, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status == 412)
        {
            throw new SessionConflictException();
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex is 1)
        {
            // The idempotency row (action 1 whenever there is one) exists: this exact request was committed before.
            throw new DuplicateSessionRequestException();
        }
    }
}

/// <summary>Session ids: "s-" and 12 random lowercase base32 characters (plain ids, see <see cref="SupervisionSession.IsValidId"/>).</summary>
public static class SessionIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[12];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[12];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[bytes[i] % 32];
        }

        return "s-" + new string(chars);
    }
}
