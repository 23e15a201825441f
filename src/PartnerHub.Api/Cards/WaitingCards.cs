using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Cards;

/// <summary>
/// Cards for someone who has no personal chat with the bot yet wait here instead of being lost, and are delivered to
/// her, only to her, in the order they were meant for her, once, when her chat is first stored.
/// <para>
/// Table <c>conversations</c>, her tenant's partition, RowKey <c>waiting|{objectId}|{ulid of the outbox row}</c>: the
/// project, the outbox row's kind and payload (ids only, as every outbox payload) and the key of the row that will
/// re-send it, chosen when she starts waiting. Keyed by the outbox row, so a retried delivery records nothing twice.
/// Her waiting cards are one prefix range of one partition, oldest first.
/// </para>
/// <para>
/// Release writes, in the project's partition and in one transaction, the re-sending outbox row (for her only:
/// <see cref="OutboxDelivery.OnlyFor"/>) and the marker <c>waiting-released|{ulid}</c>; a second release of the same
/// card (Teams' retry of the install event, two instances at once) conflicts on the marker and sends nothing.
/// </para>
/// </summary>
public sealed partial class WaitingCards(
    TableStore store,
    ConversationStore conversations,
    OutboxWriter outbox,
    IOutboxNudge nudge,
    IEnumerable<IWaitingCardObserver> observers,
    ILogger<WaitingCards> logger) : IPersonalChatListener
{
    public const string Prefix = "waiting|";
    public const string ReleasedPrefix = "waiting-released|";

    private TableClient Conversations => store.Table(TableNames.Conversations);

    private TableClient Main => store.Table(TableNames.Main);

    /// <summary>Keeps the delivery's card for her until her chat is known; tells the observers she is waiting.</summary>
    public async Task WaitAsync(OutboxDelivery delivery, string? tenantId, string objectId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var row = new TableEntity(ConversationStore.TenantPartition(tenantId), RowKey(objectId, delivery.RowKey))
        {
            ["ProjectId"] = delivery.ProjectId,
            ["SourceRowKey"] = delivery.RowKey,
            ["Kind"] = delivery.Kind,
            ["Payload"] = delivery.Payload,
            ["ReleaseRowKey"] = outbox.NewRowKey(),
        };
        try
        {
            await Conversations.AddEntityAsync(row, cancellationToken);
            LogWaiting(logger, delivery.Kind, delivery.RowKey);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A retry of the same delivery: it waits already.
        }

        // Her chat may have been stored between the sender's read and this write: then nothing else would release it.
        if (await conversations.FindReferenceAsync(tenantId, objectId, cancellationToken) is not null)
        {
            await ReleaseAsync(tenantId, objectId, cancellationToken);
            return;
        }

        foreach (var observer in observers)
        {
            await observer.OnWaitingAsync(delivery.ProjectId, objectId, cancellationToken);
        }
    }

    public Task OnPersonalChatSavedAsync(string? tenantId, string objectId, CancellationToken cancellationToken) =>
        ReleaseAsync(tenantId, objectId, cancellationToken);

    /// <summary>Sends on every card waiting for her, oldest first, each at most once. Returns how many this call released.</summary>
    public async Task<int> ReleaseAsync(string? tenantId, string objectId, CancellationToken cancellationToken)
    {
        var partition = ConversationStore.TenantPartition(tenantId);
        var waiting = new List<TableEntity>();
        await foreach (var row in Conversations.QueryAsync<TableEntity>(TableQueries.Prefix(partition, PersonPrefix(objectId)), cancellationToken: cancellationToken))
        {
            waiting.Add(row);
        }

        var released = new List<OutboxEntry>();
        foreach (var row in waiting.OrderBy(r => r.RowKey, StringComparer.Ordinal))
        {
            if (await ReleaseOneAsync(row, objectId, cancellationToken) is { } entry)
            {
                released.Add(entry);
            }

            await Conversations.DeleteEntityAsync(partition, row.RowKey, ETag.All, cancellationToken);
        }

        await nudge.NudgeAsync(released, cancellationToken);
        return released.Count;
    }

    /// <summary>True when a card is waiting for her (one keyed range read, at most one row).</summary>
    public async Task<bool> AnyWaitingAsync(string? tenantId, string objectId, CancellationToken cancellationToken)
    {
        await foreach (var _ in Conversations.QueryAsync<TableEntity>(
            TableQueries.Prefix(ConversationStore.TenantPartition(tenantId), PersonPrefix(objectId)), maxPerPage: 1, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            return true;
        }

        return false;
    }

    private async Task<OutboxEntry?> ReleaseOneAsync(TableEntity row, string objectId, CancellationToken cancellationToken)
    {
        var projectId = row.GetString("ProjectId");
        var releaseRowKey = row.GetString("ReleaseRowKey");
        if (string.IsNullOrEmpty(projectId) || !OutboxKeys.IsOutboxRowKey(releaseRowKey))
        {
            LogUnreadable(logger, row.RowKey);
            return null;
        }

        var kind = row.GetString("Kind") ?? string.Empty;
        var entry = outbox.CreateFor(projectId, releaseRowKey!, new OutboxMessage(kind, row.GetString("Payload") ?? "{}"), objectId);
        var marker = new TableEntity(projectId, ReleasedPrefix + releaseRowKey![OutboxKeys.Prefix.Length..]);
        try
        {
            await Main.CommitAsync([entry.Action, new TableTransactionAction(TableTransactionActionType.Add, marker)], cancellationToken);
            LogReleased(logger, kind, releaseRowKey);
            return entry;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409)
        {
            // Released before (a repeated event, another instance): sent once already.
            return null;
        }
    }

    private static string PersonPrefix(string objectId) => Prefix + TableKeys.Escape(objectId) + "|";

    private static string RowKey(string objectId, string outboxRowKey) => PersonPrefix(objectId) + outboxRowKey[OutboxKeys.Prefix.Length..];

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {Kind} {RowKey}: a recipient has no personal chat yet; her card waits for her")]
    private static partial void LogWaiting(ILogger logger, string kind, string rowKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Waiting card {Kind} released as {RowKey}")]
    private static partial void LogReleased(ILogger logger, string kind, string rowKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting card row {RowKey} is unreadable; skipped")]
    private static partial void LogUnreadable(ILogger logger, string rowKey);
}
