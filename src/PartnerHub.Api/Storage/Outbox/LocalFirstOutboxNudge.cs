namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// The nudge every feature calls: the rows go to this instance's dispatcher when it runs and has room
/// (<see cref="LocalOutboxNudges"/>: no storage call), otherwise to the queue for any instance's (<see cref="QueueOutboxNudge"/>).
/// </summary>
public sealed class LocalFirstOutboxNudge(LocalOutboxNudges local, QueueOutboxNudge queue) : IOutboxNudge
{
    public Task NudgeAsync(string projectId, IReadOnlyList<string> rowKeys, CancellationToken cancellationToken) =>
        HandOverAsync(projectId, rowKeys, committed: null, cancellationToken);

    /// <summary>Rows just committed here go to this instance's dispatcher as written, with their ETags.</summary>
    public Task NudgeAsync(string projectId, IReadOnlyList<OutboxEntry> committed, CancellationToken cancellationToken) =>
        HandOverAsync(projectId, OutboxNudgeExtensions.RowKeys(committed), committed, cancellationToken);

    private Task HandOverAsync(string projectId, IReadOnlyList<string> rowKeys, IReadOnlyList<OutboxEntry>? committed, CancellationToken cancellationToken)
    {
        QueueOutboxNudge.Validate(projectId, rowKeys);
        return local.TryHandOver(projectId, rowKeys, committed) ? Task.CompletedTask : queue.SendAsync(projectId, rowKeys, cancellationToken);
    }
}
