using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Supervision.Adoption;

/// <summary>
/// What adoption remembers besides the session itself (whose <c>session-event|</c> index and <c>adopt|{eventId}</c>
/// idempotency row make a second sighting a no-op), in the project's partition of the main table, ids only:
/// <c>outlook-mark|{eventId}</c> the coordinator chose this project for the event (Outlook pane, REST, card) before it
/// was adopted; <c>outlook-asked|{eventId}</c> she was asked which project (so she is asked once).
/// </summary>
public sealed class OutlookAdoptionStore(TableStore store)
{
    public const string MarkPrefix = "outlook-mark|";
    public const string AskedPrefix = "outlook-asked|";

    private TableClient Table => store.Table(TableNames.Main);

    public static string MarkRowKey(string eventId) => MarkPrefix + TableKeys.Escape(eventId);

    public static string AskedRowKey(string eventId) => AskedPrefix + TableKeys.Escape(eventId);

    /// <summary>Marks the event for the project, for this organiser, with <paramref name="extra"/> rows in the same transaction; a second mark replaces the first.</summary>
    public async Task MarkAsync(string projectId, string organizerObjectId, string eventId, DateTimeOffset at, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        var mark = new TableEntity(projectId, MarkRowKey(eventId)) { ["OrganizerObjectId"] = organizerObjectId, ["At"] = at };
        await Table.CommitAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, mark), .. extra], cancellationToken);
    }

    /// <summary>Whether this organiser marked the event for the project.</summary>
    public async Task<bool> IsMarkedAsync(string projectId, string organizerObjectId, string eventId, CancellationToken cancellationToken) =>
        await MarkedAtAsync(projectId, organizerObjectId, eventId, cancellationToken) is not null;

    /// <summary>When this organiser marked the event for the project (her latest choice wins when she chose twice), or null.</summary>
    public async Task<DateTimeOffset?> MarkedAtAsync(string projectId, string organizerObjectId, string eventId, CancellationToken cancellationToken)
    {
        if (!Project.IsValidId(projectId) || string.IsNullOrEmpty(eventId))
        {
            return null;
        }

        var row = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, MarkRowKey(eventId), select: ["OrganizerObjectId", "At"], cancellationToken: cancellationToken);
        return row.HasValue && string.Equals(row.Value?.GetString("OrganizerObjectId"), organizerObjectId, StringComparison.Ordinal)
            ? row.Value!.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue
            : null;
    }

    /// <summary>
    /// True the first time for an event (then she is asked): the asked row and <paramref name="extra"/> rows (the ask
    /// card's outbox row) in one transaction; false, with nothing written, once the row exists.
    /// </summary>
    public async Task<bool> TryRecordAskedAsync(string projectId, string eventId, DateTimeOffset at, IEnumerable<TableTransactionAction> extra, CancellationToken cancellationToken)
    {
        try
        {
            var asked = new TableEntity(projectId, AskedRowKey(eventId)) { ["At"] = at };
            await Table.CommitAsync([new TableTransactionAction(TableTransactionActionType.Add, asked), .. extra], cancellationToken);
            return true;
        }
        catch (Azure.RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task<bool> WasAskedAsync(string projectId, string eventId, CancellationToken cancellationToken) =>
        (await Table.GetEntityIfExistsAsync<TableEntity>(projectId, AskedRowKey(eventId), select: ["PartitionKey"], cancellationToken: cancellationToken)).HasValue;
}
