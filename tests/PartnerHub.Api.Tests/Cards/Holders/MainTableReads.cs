using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Tests.Cards.Holders;

/// <summary>
/// The point reads and queries made on one test's main table (<see cref="Tables"/>), from the API's own meter
/// (<c>partnerhub.storage.requests</c>), for the holders row's tests: a record's cards must be one point read, an older
/// record's the point read and the prefix query. The meter is process-wide and other classes run beside the caller on
/// tables of their own, so only this table's reads count. Also what a record's card locations' own rows hold, and
/// cards sent at once on two instances.
/// </summary>
public sealed class MainTableReads : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<string> _reads = [];

    public MainTableReads()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "partnerhub.storage.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _listener.Start();
    }

    /// <summary>The test's tables: reads of their main table count, none before they are set.</summary>
    public TableStore? Tables { get; set; }

    /// <summary>"point-read" or "query", in the order they were made since the last <see cref="Clear"/>.</summary>
    public string[] Reads
    {
        get
        {
            lock (_reads)
            {
                return [.. _reads];
            }
        }
    }

    public void Clear()
    {
        lock (_reads)
        {
            _reads.Clear();
        }
    }

    /// <summary>Runs a read the test checks against, leaving the reads counted so far as they were.</summary>
    public async Task<T> UncountedAsync<T>(Func<Task<T>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        var reads = Reads;
        var result = await read();
        lock (_reads)
        {
            _reads.Clear();
            _reads.AddRange(reads);
        }

        return result;
    }

    /// <summary>A record's card locations as their own <c>card|{kind}|{id}|…</c> rows hold them (one prefix query, not counted).</summary>
    public Task<List<CardLocation>> LocationRowsAsync(string projectId, CardKind kind, string id) => UncountedAsync(async () =>
    {
        var table = (Tables ?? throw new InvalidOperationException("No tables yet.")).Table(TableNames.Main);
        var rows = new List<CardLocation>();
        await foreach (var row in table.QueryAsync<TableEntity>(TableQueries.Prefix(projectId, CardLocationStore.RowKey(kind, id, string.Empty))))
        {
            rows.Add(new CardLocation(TableKeys.Unescape(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..]), row.GetString("UserId")!, row.GetString("ServiceUrl")!, row.GetString("ConversationId")!, row.GetString("ActivityId")!, row.GetString("Language")!));
        }

        return rows;
    });

    /// <summary>
    /// Twelve people's cards of one record, sent at the same moment, every other one by each of two instances: each
    /// merged into the record's holders row, none lost (no ETag to race on).
    /// </summary>
    public static async Task<IReadOnlyList<CardLocation>> SendAtOnceOnTwoInstancesAsync(CardLocationStore one, CardLocationStore two, string projectId, CardKind kind, string id)
    {
        ArgumentNullException.ThrowIfNull(one);
        ArgumentNullException.ThrowIfNull(two);
        var sent = Enumerable.Range(0, 12).Select(n => new CardLocation($"aad-{n:D2}", $"29:{n}", "https://smba.example/", $"a:{n}", $"card-{n}")).ToList();
        await Task.WhenAll(sent.Select((card, n) => (n % 2 == 0 ? one : two).SaveAsync(projectId, kind, id, card, CancellationToken.None)));
        return sent;
    }

    public void Dispose() => _listener.Dispose();

    private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? target = null;
        string? operation = null;
        foreach (var tag in tags)
        {
            target = tag.Key == "target" ? tag.Value as string : target;
            operation = tag.Key == "operation" ? tag.Value as string : operation;
        }

        if (Tables is { } tables && target == tables.Table(TableNames.Main).Name && operation is "point-read" or "query")
        {
            lock (_reads)
            {
                _reads.Add(operation);
            }
        }
    }
}
