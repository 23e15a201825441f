using System.Threading.Channels;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>One transaction's outbox rows, handed to this instance's dispatcher.</summary>
public sealed record LocalNudge(string ProjectId, IReadOnlyList<string> RowKeys);

/// <summary>
/// Nudges this instance's own dispatcher takes in memory, so the instance that committed the rows delivers them without
/// a queue message on the request path. Open only while its loop runs, and for at most <see cref="Capacity"/> waiting
/// nudges: a full or closed hand-over goes to the queue, where any instance may take it. A nudge held here when the
/// process stops is lost like a queue message that never arrived: the sweep delivers its rows.
/// </summary>
public sealed class LocalOutboxNudges
{
    /// <summary>About ten seconds of changes at the rates the benchmark drives; more wait better on the queue, for any instance.</summary>
    public const int Capacity = 1000;

    private readonly Channel<LocalNudge> _channel = Channel.CreateBounded<LocalNudge>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    private volatile bool _open;

    /// <summary>True when the dispatcher took the nudge; false when its loop is not running or it has too many waiting.</summary>
    public bool TryHandOver(string projectId, IReadOnlyList<string> rowKeys) =>
        _open && _channel.Writer.TryWrite(new LocalNudge(projectId, rowKeys));

    internal ChannelReader<LocalNudge> Reader => _channel.Reader;

    internal void Open() => _open = true;

    internal void Close() => _open = false;
}
