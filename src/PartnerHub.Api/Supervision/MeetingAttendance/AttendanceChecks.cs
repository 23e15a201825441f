using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision.MeetingAttendance;

/// <summary>
/// Plans the looks for an online session's Teams attendance report: outbox rows of kind <see cref="Kind"/>, due after
/// the end. The row <c>session-attendance-check|{sessionId}</c> (ids, the end and the attempt only) remembers the last
/// look planned, and is written in one transaction with that look's outbox row, conditional on the version read: a
/// repeated call (a retried card update, a check run twice) plans nothing more.
/// </summary>
/// <remarks>
/// Called after every change of a session (from the card-update row every change writes), not inside the change's own
/// transaction: creation, a move on a card, through REST or in Outlook all reach it, and the largest edit transaction
/// keeps its one spare operation (SessionTransactionSizeTests).
/// </remarks>
public sealed class AttendanceChecks(TableStore store, OutboxWriter outbox, IOptions<MeetingAttendanceOptions> options, MeetingAttendanceSetting setting)
{
    public const string Kind = "session.attendance-check";
    public const string Prefix = "session-attendance-check|";

    private TableClient Table => store.Table(TableNames.Main);

    /// <summary>Plans the first look for the session's current end, unless one is planned or made already.</summary>
    public async Task EnsureScheduledAsync(SupervisionSession session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!setting.Reads || !AttendanceProposalPolicy.IsWanted(session, session.End) || session.TeamsAttendance?.ForEnd == session.End)
        {
            return;
        }

        var row = await FindAsync(session.ProjectId, session.Id, cancellationToken);
        if (row?.GetDateTimeOffset("ForEnd") == session.End)
        {
            return;
        }

        await TryPlanAsync(session.ProjectId, session.Id, row, session.End, 1, cancellationToken);
    }

    /// <summary>Plans look number <paramref name="attempt"/> for <paramref name="forEnd"/>; false when there is none left to make.</summary>
    public async Task<bool> ScheduleNextAsync(string projectId, string sessionId, DateTimeOffset forEnd, int attempt, CancellationToken cancellationToken)
    {
        if (DueAt(forEnd, attempt) is null)
        {
            return false;
        }

        var row = await FindAsync(projectId, sessionId, cancellationToken);
        if (row?.GetDateTimeOffset("ForEnd") == forEnd && row.GetInt32("Attempt") >= attempt)
        {
            return true;
        }

        await TryPlanAsync(projectId, sessionId, row, forEnd, attempt, cancellationToken);
        return true;
    }

    public DateTimeOffset? DueAt(DateTimeOffset end, int attempt) =>
        AttendanceProposalPolicy.CheckDueAt(end, attempt, options.Value.FirstCheckAfter, options.Value.MaxChecks, options.Value.ReportWindow);

    public static CheckPayload Read(string json) => JsonSerializer.Deserialize<CheckPayload>(json) ?? throw new InvalidDataException("Empty attendance check payload.");

    private async Task TryPlanAsync(string projectId, string sessionId, TableEntity? current, DateTimeOffset forEnd, int attempt, CancellationToken cancellationToken)
    {
        var due = DueAt(forEnd, attempt);
        if (due is null)
        {
            return;
        }

        var entry = outbox.Create(projectId, new OutboxMessage(Kind, JsonSerializer.Serialize(new CheckPayload(sessionId, forEnd, attempt))), due);
        var marker = new TableEntity(projectId, Prefix + sessionId) { ["ForEnd"] = forEnd, ["Attempt"] = attempt };
        TableTransactionAction write = current is null
            ? new(TableTransactionActionType.Add, marker)
            : new(TableTransactionActionType.UpdateReplace, marker, current.ETag);
        try
        {
            // Not nudged: the row is due later, and the sweep delivers it once due.
            await Table.CommitAsync([write, entry.Action], cancellationToken);
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            // Planned meanwhile by another run: that plan stands.
        }
    }

    private async Task<TableEntity?> FindAsync(string projectId, string sessionId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(projectId, Prefix + sessionId, cancellationToken: cancellationToken);
        return response.HasValue ? response.Value : null;
    }
}

/// <summary>One look: which session, for which end (a moved session's old looks stand down), which attempt (from 1).</summary>
public sealed record CheckPayload(string SessionId, DateTimeOffset ForEnd, int Attempt);
