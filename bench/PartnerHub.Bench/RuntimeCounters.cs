using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace PartnerHub.Bench;

/// <summary>
/// The runtime's own counters of another .NET process (what dotnet-counters shows), read over its diagnostics port with
/// an EventPipe session on the "System.Runtime" event source: GC heap size, committed GC memory, gen 2 collections.
/// </summary>
public sealed class RuntimeCounters : IAsyncDisposable
{
    private readonly EventPipeSession _session;
    private readonly Task _reader;
    private readonly Dictionary<string, double> _latest = new(StringComparer.Ordinal);
    private double _gen2Collections;

    private RuntimeCounters(EventPipeSession session)
    {
        _session = session;
        var source = new EventPipeEventSource(session.EventStream);
        source.Dynamic.All += OnEvent;
        _reader = Task.Run(source.Process);
    }

    /// <summary>Starts reading; null (and why, on stderr) when the process's diagnostics port cannot be reached.</summary>
    public static RuntimeCounters? Start(int pid, int intervalSeconds)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var provider = new EventPipeProvider("System.Runtime", EventLevel.Informational, 0,
                new Dictionary<string, string> { ["EventCounterIntervalSec"] = intervalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return new RuntimeCounters(client.StartEventPipeSession([provider], requestRundown: false));
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"[bench] runtime counters of pid {pid} not available: {ex.Message}");
            return null;
        }
    }

    /// <summary>The last GC heap size (bytes), committed GC memory (bytes) and the gen 2 collections counted so far.</summary>
    public (double? HeapBytes, double? CommittedBytes, double Gen2) Snapshot()
    {
        lock (_latest)
        {
            return (_latest.TryGetValue("gc-heap-size", out var heap) ? heap * 1024 * 1024 : null,
                _latest.TryGetValue("gc-committed", out var committed) ? committed * 1024 * 1024 : null,
                _gen2Collections);
        }
    }

    private void OnEvent(TraceEvent e)
    {
        if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
            || outer.TryGetValue("Payload", out var inner) is false || inner is not IDictionary<string, object> fields
            || fields.TryGetValue("Name", out var nameValue) is false || nameValue is not string name)
        {
            return;
        }

        lock (_latest)
        {
            if (fields.TryGetValue("Mean", out var mean))
            {
                _latest[name] = Convert.ToDouble(mean, System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (fields.TryGetValue("Increment", out var increment))
            {
                var value = Convert.ToDouble(increment, System.Globalization.CultureInfo.InvariantCulture);
                _latest[name] = value;
                if (name == "gen-2-gc-count")
                {
                    _gen2Collections += value;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _session.StopAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or IOException or TimeoutException or InvalidOperationException)
        {
            // The process is gone already: nothing more to read.
        }

        await Task.WhenAny(_reader, Task.Delay(TimeSpan.FromSeconds(5)));
        _session.Dispose();
    }
}
