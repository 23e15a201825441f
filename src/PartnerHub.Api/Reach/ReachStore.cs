using Azure.Data.Tables;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Reach;

/// <summary>
/// Whom PartnerHub can reach, per project: <c>reach|{objectId}</c> in the project's partition (main table), properties
/// Install, Waiting, Reachable (<see cref="ReachState"/>). Every change is conditional on the row as read; a change
/// that moves her on or off the coordinators' report (or changes why) commits the report's redraw
/// (<see cref="ReachNotifications.ReportChanged"/>) in the same transaction.
/// </summary>
public sealed class ReachStore(TableStore store, OutboxWriter outbox, IOutboxNudge nudge)
{
    public const string Prefix = "reach|";
    private const int MaxAttempts = 5;

    private TableClient Table => store.Table(TableNames.Main);

    public Task RecordInstallAsync(string projectId, string objectId, AppInstallOutcome outcome, CancellationToken cancellationToken) =>
        ChangeAsync(projectId, objectId, state => state with { Install = outcome }, cancellationToken);

    public Task MarkWaitingAsync(string projectId, string objectId, CancellationToken cancellationToken) =>
        ChangeAsync(projectId, objectId, state => state with { Waiting = true, Reachable = false }, cancellationToken);

    public Task MarkReachableAsync(string projectId, string objectId, CancellationToken cancellationToken) =>
        ChangeAsync(projectId, objectId, state => state with { Waiting = false, Reachable = true }, cancellationToken);

    /// <summary>She left the project: her row goes, and with it her line on the report.</summary>
    public async Task ForgetAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(objectId), cancellationToken: cancellationToken);
            if (!read.HasValue || read.Value is not { } row)
            {
                return;
            }

            var redraw = Read(row).Reason is not null ? outbox.Create(projectId, ReachNotifications.ReportChanged()) : null;
            if (await CommitAsync([new(TableTransactionActionType.Delete, row, row.ETag)], redraw, attempt, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Everyone of the project on the report, with why: one prefix range of the project's partition.</summary>
    public async Task<IReadOnlyList<(string ObjectId, UnreachableReason Reason)>> UnreachableAsync(string projectId, CancellationToken cancellationToken)
    {
        var result = new List<(string, UnreachableReason)>();
        await foreach (var row in Table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, Prefix), cancellationToken: cancellationToken))
        {
            if (Read(row).Reason is { } reason)
            {
                result.Add((TableKeys.Unescape(row.RowKey[Prefix.Length..]), reason));
            }
        }

        return result;
    }

    public async Task<ReachState> FindAsync(string projectId, string objectId, CancellationToken cancellationToken)
    {
        var read = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(objectId), cancellationToken: cancellationToken);
        return read.HasValue && read.Value is { } row ? Read(row) : ReachState.Unknown;
    }

    public static string RowKey(string objectId) => Prefix + TableKeys.Escape(objectId);

    private async Task ChangeAsync(string projectId, string objectId, Func<ReachState, ReachState> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var read = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, RowKey(objectId), cancellationToken: cancellationToken);
            var existing = read.HasValue ? read.Value : null;
            var before = existing is null ? ReachState.Unknown : Read(existing);
            var after = change(before);
            if (existing is not null && after == before)
            {
                return;
            }

            var entity = Write(projectId, objectId, after);
            TableTransactionAction write = existing is null
                ? new(TableTransactionActionType.Add, entity)
                : new(TableTransactionActionType.UpdateReplace, entity, existing.ETag);
            var redraw = after.Reason != before.Reason ? outbox.Create(projectId, ReachNotifications.ReportChanged()) : null;
            if (await CommitAsync([write], redraw, attempt, cancellationToken))
            {
                return;
            }
        }
    }

    /// <summary>Commits the change with the report's redraw, if any, and nudges it. False when the row moved meanwhile (try again).</summary>
    private async Task<bool> CommitAsync(List<TableTransactionAction> actions, OutboxEntry? redraw, int attempt, CancellationToken cancellationToken)
    {
        if (redraw is not null)
        {
            actions.Add(redraw.Action);
        }

        try
        {
            await Table.CommitAsync(actions, cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 404 or 409 or 412 && attempt < MaxAttempts)
        {
            // Someone else changed her row between the read and the write: apply the change to what is there now.
            return false;
        }

        if (redraw is not null)
        {
            await nudge.NudgeAsync([redraw], cancellationToken);
        }

        return true;
    }

    private static ReachState Read(TableEntity row) => new(
        Enum.TryParse<AppInstallOutcome>(row.GetString("Install"), ignoreCase: false, out var install) && Enum.IsDefined(install) ? install : null,
        row.GetBoolean("Waiting") ?? false,
        row.GetBoolean("Reachable") ?? false);

    private static TableEntity Write(string projectId, string objectId, ReachState state) => new(projectId, RowKey(objectId))
    {
        ["Install"] = state.Install?.ToString() ?? string.Empty,
        ["Waiting"] = state.Waiting,
        ["Reachable"] = state.Reachable,
    };
}
