namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// The nudge every feature calls: the rows go to this instance's dispatcher when it runs and has room
/// (<see cref="LocalOutboxNudges"/>: no storage call), otherwise to the queue for any instance's (<see cref="QueueOutboxNudge"/>).
/// </summary>
public sealed class LocalFirstOutboxNudge(LocalOutboxNudges local, QueueOutboxNudge queue) : IOutboxNudge
{
    public Task NudgeAsync(string projectId, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken)
    {
        QueueOutboxNudge.Validate(projectId, rowKeys);
        return local.TryHandOver(projectId, rowKeys) ? Task.CompletedTask : queue.SendAsync(projectId, rowKeys, cancellationToken);
    }

    /// <summary>Rows just committed here go to this instance's dispatcher as written, with their ETags.</summary>
    public Task NudgeAsync(string projectId, IReadOnlyList<OutboxEntry> committed, CancellationToken cancellationToken)
    {
        var rowKeys = OutboxNudgeExtensions.RowKeys(committed);
        QueueOutboxNudge.Validate(projectId, rowKeys);
        return local.TryHandOver(projectId, rowKeys, committed) ? Task.CompletedTask : queue.SendAsync(projectId, rowKeys, cancellationToken);
    }
}
