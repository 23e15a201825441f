using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// One notification a state change causes. <paramref name="Kind"/> picks the <see cref="IOutboxHandler"/>;
/// <paramref name="Payload"/> is a JSON document that carries ids only (project, referral, user object ids),
/// never personal data: the row outlives the request, may end up failed and kept, and its contents are
/// not protected like the records themselves. The handler reads whatever else it needs when it runs.
/// </summary>
public sealed partial record OutboxMessage(string Kind, string Payload)
{
    /// <summary>Table Storage holds at most 32K UTF-16 characters in a string property.</summary>
    public const int MaxPayloadLength = 32 * 1024;

    internal void Validate()
    {
        if (Kind is null || !KindPattern().IsMatch(Kind))
        {
            throw new ArgumentException("Outbox kind must be 1-100 characters of letters, digits, '.', '-' or '_'.", nameof(Kind));
        }

        if (Payload is null || Payload.Length > MaxPayloadLength)
        {
            throw new ArgumentException("Outbox payload must be a JSON string of at most 32K characters.", nameof(Payload));
        }

        try
        {
            using var _ = JsonDocument.Parse(Payload);
        }
        catch (JsonException)
        {
            // The payload itself is never echoed: it is the caller's data.
            throw new ArgumentException("Outbox payload is not valid JSON.", nameof(Payload));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex KindPattern();
}

/// <summary>
/// An outbox row ready to go into the caller's entity-group transaction (<see cref="Action"/>), and the
/// keys to nudge the dispatcher with once that transaction has committed. <see cref="RowKey"/>
/// (<c>outbox|{ulid}</c>) is the message's idempotency key.
/// </summary>
public sealed record OutboxEntry(string ProjectId, string RowKey, TableTransactionAction Action);

/// <summary>Row keys and property names of outbox rows, tombstones and the project registry.</summary>
public static class OutboxKeys
{
    public const string Prefix = "outbox|";
    public const string DonePrefix = "outbox-done|";

    /// <summary>The registry partition in the main table: RowKey = project id. Project ids start with a letter, never '_'.</summary>
    public const string RegistryPartition = "_projects";

    public const string Kind = "Kind";
    public const string Payload = "Payload";
    public const string CreatedAt = "CreatedAt";
    public const string Attempts = "Attempts";
    public const string NextAttemptAt = "NextAttemptAt";
    public const string LeaseUntil = "LeaseUntil";
    public const string LastError = "LastError";
    public const string Failed = "Failed";

    /// <summary>
    /// False on a row no dispatcher has claimed yet; the claim sets it, and handing a row back leaves it set. A row
    /// without it (written before it was kept) may have been tried.
    /// </summary>
    public const string Tried = "Tried";
    public const string DeliveredAt = "DeliveredAt";

    /// <summary>The one recipient a re-sent row is for (a card that waited for her); absent or empty on ordinary rows.</summary>
    public const string OnlyFor = "OnlyFor";

    public static string RowKeyFor(string ulid) => Prefix + ulid;

    /// <summary>The tombstone's row key for an outbox row key (the same ULID).</summary>
    public static string DoneRowKeyFor(string rowKey) => DonePrefix + rowKey[Prefix.Length..];

    public static bool IsOutboxRowKey(string? rowKey) =>
        rowKey is not null && rowKey.StartsWith(Prefix, StringComparison.Ordinal) && UlidGenerator.IsValid(rowKey[Prefix.Length..]);

    /// <summary>'}' follows '|' in ordinal order, so [prefix, prefix with '}') is exactly the rows under the prefix.</summary>
    internal static string RangeEnd(string prefix) => prefix[..^1] + "}";

    /// <summary>Partition keys must be usable in a key and in the nudge's "{projectId}|{rowKey}".</summary>
    internal static void ValidateProjectId(string projectId)
    {
        ArgumentException.ThrowIfNullOrEmpty(projectId);
        foreach (var c in projectId)
        {
            if (c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c))
            {
                throw new ArgumentException("Project id contains a character not allowed in a key.", nameof(projectId));
            }
        }
    }
}

/// <summary>Builds outbox rows for a caller's transaction. The row is due at once; the nudge makes it prompt.</summary>
public sealed class OutboxWriter(UlidGenerator ids, TimeProvider timeProvider)
{
    /// <summary>An Add action for the caller's batch (same partition as the state change it belongs to).</summary>
    /// <param name="dueAt">Not before this moment (a reminder); the sweep delivers it once due, and a nudge before then is ignored.</param>
    public OutboxEntry Create(string projectId, OutboxMessage message, DateTimeOffset? dueAt = null) =>
        CreateRow(projectId, OutboxKeys.RowKeyFor(ids.NewUlid()), message, dueAt, onlyFor: null);

    /// <summary>
    /// A row delivered to one recipient only (<see cref="OutboxDelivery.OnlyFor"/>), under a row key chosen earlier
    /// (<see cref="NewRowKey"/>), so that writing it twice conflicts instead of sending twice.
    /// </summary>
    public OutboxEntry CreateFor(string projectId, string rowKey, OutboxMessage message, string onlyFor)
    {
        ArgumentException.ThrowIfNullOrEmpty(onlyFor);
        if (!OutboxKeys.IsOutboxRowKey(rowKey))
        {
            throw new ArgumentException("Not an outbox row key.", nameof(rowKey));
        }

        return CreateRow(projectId, rowKey, message, dueAt: null, onlyFor);
    }

    /// <summary>A fresh, time-ordered outbox row key, for a row to be written later (<see cref="CreateFor"/>).</summary>
    public string NewRowKey() => OutboxKeys.RowKeyFor(ids.NewUlid());

    private OutboxEntry CreateRow(string projectId, string rowKey, OutboxMessage message, DateTimeOffset? dueAt, string? onlyFor)
    {
        OutboxKeys.ValidateProjectId(projectId);
        ArgumentNullException.ThrowIfNull(message);
        message.Validate();

        var now = timeProvider.GetUtcNow();
        var entity = new TableEntity(projectId, rowKey)
        {
            [OutboxKeys.Kind] = message.Kind,
            [OutboxKeys.Payload] = message.Payload,
            [OutboxKeys.CreatedAt] = now,
            [OutboxKeys.Attempts] = 0,
            [OutboxKeys.NextAttemptAt] = dueAt is { } due && due > now ? due : now,
            // Every property is always present: Table Storage filters never match a missing property.
            [OutboxKeys.LeaseUntil] = now,
            [OutboxKeys.LastError] = string.Empty,
            [OutboxKeys.Failed] = false,
            [OutboxKeys.Tried] = false,
        };
        if (onlyFor is not null)
        {
            entity[OutboxKeys.OnlyFor] = onlyFor;
        }

        return new OutboxEntry(projectId, rowKey, new TableTransactionAction(TableTransactionActionType.Add, entity));
    }
}
