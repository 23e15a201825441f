using System.Threading.Channels;
using Azure.Data.Tables;

namespace PartnerHub.Api.Storage.Outbox;

/// <summary>
/// One transaction's outbox rows, handed to this instance's dispatcher. <paramref name="Written"/> holds those of them
/// known as committed, each a copy with the ETag storage gave it: the dispatcher claims them without reading them back,
/// and the claim, conditional on that ETag, still loses to anyone who changed the row since.
/// </summary>
public sealed record LocalNudge(string ProjectId, IReadOnlyList<string> RowKeys, IReadOnlyDictionary<string, TableEntity>? Written = null);

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
    /// <param name="committed">The rows as committed, if known; only those carrying an ETag are handed over as written.</param>
    public bool TryHandOver(string projectId, IReadOnlyList<string> rowKeys, IReadOnlyList<OutboxEntry>? committed = null) =>
        _open && _channel.Writer.TryWrite(new LocalNudge(projectId, rowKeys, Written(committed)));

    internal ChannelReader<LocalNudge> Reader => _channel.Reader;

    internal bool IsOpen => _open;

    internal void Open() => _open = true;

    internal void Close() => _open = false;

    private static Dictionary<string, TableEntity>? Written(IReadOnlyList<OutboxEntry>? committed)
    {
        Dictionary<string, TableEntity>? written = null;
        foreach (var entry in committed ?? [])
        {
            if (entry.Action.Entity is TableEntity { ETag: var etag } row && etag != default)
            {
                // A copy: the dispatcher writes its claim into the row, and the caller still holds the original.
                written ??= new Dictionary<string, TableEntity>(StringComparer.Ordinal);
                written[entry.RowKey] = new TableEntity(row) { ETag = etag };
            }
        }

        return written;
    }
}
