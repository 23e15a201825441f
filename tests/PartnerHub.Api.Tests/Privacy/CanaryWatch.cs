using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using WireMock.Server;
using Xunit.Abstractions;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// Canary personal data for one workflow: <see cref="New"/> hands out a value unique to the test run for each field a
/// user types into; <see cref="AssertNoneLeaked"/> then looks for every one of them where operators, Microsoft
/// and attackers read — log lines (rendered, with structured values, scopes and exceptions), trace spans (names,
/// tags, events), metric tags, the URLs asked of Graph and the Connector (SharePoint paths and file names), the
/// outbox's rows and queue messages, and the names of staged blobs. Traces and metrics are heard process-wide, so
/// values are random: another test's spans cannot hold one.
/// </summary>
internal sealed class CanaryWatch : IDisposable
{
    // Letters only, so the value passes every name and text validation; "kanari" makes a leak easy to spot in a log.
    private const string Letters = "bcdfghjklmnpqrstvwxz";

    private readonly ConcurrentQueue<string> _traces = new();
    private readonly ConcurrentQueue<string> _metricTags = new();
    private readonly List<(string Field, string Value)> _placed = [];
    private readonly List<string> _found = [];
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;
    private int _places;

    public CanaryWatch()
    {
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                _traces.Enqueue(activity.OperationName + " " + activity.DisplayName + " " + activity.StatusDescription);
                foreach (var (key, value) in activity.TagObjects)
                {
                    _traces.Enqueue($"{key}={value}");
                }

                foreach (var e in activity.Events)
                {
                    _traces.Enqueue(e.Name + " " + string.Join(',', e.Tags.Select(t => $"{t.Key}={t.Value}")));
                }

                foreach (var (key, value) in activity.Baggage)
                {
                    _traces.Enqueue($"{key}={value}");
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        _meters = new MeterListener { InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument) };
        _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => RecordTags(instrument, tags));
        _meters.SetMeasurementEventCallback<int>((instrument, _, tags, _) => RecordTags(instrument, tags));
        _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => RecordTags(instrument, tags));
        _meters.SetMeasurementEventCallback<float>((instrument, _, tags, _) => RecordTags(instrument, tags));
        _meters.SetMeasurementEventCallback<decimal>((instrument, _, tags, _) => RecordTags(instrument, tags));
        _meters.SetMeasurementEventCallback<short>((instrument, _, tags, _) => RecordTags(instrument, tags));
        _meters.SetMeasurementEventCallback<byte>((instrument, _, tags, _) => RecordTags(instrument, tags));
        _meters.Start();
    }

    /// <summary>The canary values placed so far, by the field they went into.</summary>
    public IReadOnlyList<(string Field, string Value)> Placed => _placed;

    /// <summary>A canary for one field: "Kanari" and ten random consonants (a name, a title, a note all accept it).</summary>
    public string New(string field)
    {
        var random = new char[10];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = Letters[Random.Shared.Next(Letters.Length)];
        }

        var value = "Kanari" + new string(random);
        _placed.Add((field, value));
        return value;
    }

    /// <summary>Looks for every canary in the trace spans, metric tags and log lines heard so far.</summary>
    public void CheckTelemetry(LogSink logs)
    {
        Check("log line", logs.Lines);
        Check("trace span", _traces);
        Check("metric tag", _metricTags);
    }

    /// <summary>Every URL (path and query) asked of a stand-in: file names and SharePoint paths end up there.</summary>
    public void CheckRequestedUrls(string what, WireMockServer server) =>
        Check(what + " URL", server.LogEntries.Select(e => e.RequestMessage.Method + " " + Uri.UnescapeDataString(e.RequestMessage.Url)));

    /// <summary>The outbox's rows (pending and done) in the project's partition, every column; and its nudge queue.</summary>
    public async Task CheckOutboxAsync(TableStore tables, string projectId)
    {
        var rows = new List<string>();
        var main = tables.Table(TableNames.Main);
        await foreach (var row in main.QueryAsync<TableEntity>(e => e.PartitionKey == projectId && e.RowKey.CompareTo("outbox") >= 0 && e.RowKey.CompareTo("outbox~") < 0))
        {
            _places++;
            rows.Add(string.Join("|", row.Select(pair => pair.Key + "=" + pair.Value)));
        }

        Check("outbox row", rows);
        foreach (var queueName in new[] { new OutboxOptions().QueueName })
        {
            var queue = tables.Queue(queueName);
            if (await queue.ExistsAsync())
            {
                var peeked = await queue.PeekMessagesAsync(32);
                Check("queue message", peeked.Value.Select(m => m.Body.ToString()));
            }
        }
    }

    /// <summary>The names of the files staged in the private blob container (an uploaded file's name must not be there).</summary>
    public async Task CheckStagedBlobNamesAsync(string tablePrefix)
    {
        var container = new BlobContainerClient(AzuriteFixture.ConnectionString, StagedFileStore.ContainerName(tablePrefix));
        if (!await container.ExistsAsync())
        {
            return;
        }

        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }

        Check("staged blob name", names);
    }

    /// <summary>Any other place a test wants checked (a file name, a download's headers).</summary>
    public void Check(string where, IEnumerable<string?> texts)
    {
        foreach (var text in texts)
        {
            _places++;
            if (text is null)
            {
                continue;
            }

            foreach (var (field, value) in _placed)
            {
                if (text.Contains(value, StringComparison.OrdinalIgnoreCase))
                {
                    _found.Add($"{field} in a {where}: {Shorten(text)}");
                }
            }
        }
    }

    /// <summary>Fails with every leak found; tells the test output how many canaries were placed and looked for where.</summary>
    public void AssertNoneLeaked(ITestOutputHelper output)
    {
        Assert.NotEmpty(_placed);
        output.WriteLine($"Canaries placed: {_placed.Count} ({string.Join(", ", _placed.Select(p => p.Field))}); texts looked through: {_places}; found: {_found.Count}.");
        Assert.True(_found.Count == 0, "Personal data where it must not be:\n" + string.Join("\n", _found));
    }

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
    }

    private void RecordTags(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var (key, value) in tags)
        {
            _metricTags.Enqueue($"{instrument.Name} {key}={value}");
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
