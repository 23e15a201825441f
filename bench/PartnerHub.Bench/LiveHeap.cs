using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Parsers;
using Microsoft.Diagnostics.Tracing.Parsers.Clr;

namespace PartnerHub.Bench;

/// <summary>
/// Another .NET process's live heap: its GC heap right after a full blocking collection that this induces, the way
/// dotnet-gcdump does (an EventPipe session on the runtime's provider with the GCHeapCollect keyword). The heap read
/// between collections saws with allocation, so its readings say little about a leak; what survives a full
/// collection is what a leak grows.
/// </summary>
public static class LiveHeap
{
    private const long Keywords = (long)(ClrTraceEventParser.Keywords.GC | ClrTraceEventParser.Keywords.GCHeapCollect);

    /// <summary>The heap's size in bytes after the induced collection; null (and why, on stderr) when it could not be read within <paramref name="bound"/>.</summary>
    public static async Task<double?> MeasureAsync(int pid, TimeSpan bound)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            using var session = client.StartEventPipeSession(
                [new EventPipeProvider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, Keywords)], requestRundown: false, circularBufferMB: 16);
            using var source = new EventPipeEventSource(session.EventStream);
            var heap = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            var full = -1;
            source.Clr.GCStart += e =>
            {
                if (full < 0 && e.Depth == 2 && e.Type != GCType.BackgroundGC)
                {
                    full = e.Count;
                }
            };
            // The heap's statistics close each collection: the first after the full one's start is that one's.
            source.Clr.GCHeapStats += e =>
            {
                if (full >= 0)
                {
                    heap.TrySetResult(e.TotalHeapSize);
                }
            };
            var reader = Task.Run(source.Process);
            await Task.WhenAny(heap.Task, Task.Delay(bound));
            await session.StopAsync(CancellationToken.None);
            await Task.WhenAny(reader, Task.Delay(TimeSpan.FromSeconds(5)));
            if (!heap.Task.IsCompletedSuccessfully)
            {
                Console.Error.WriteLine($"[bench] no full collection of pid {pid} seen within {bound.TotalSeconds:0} s");
                return null;
            }

            return heap.Task.Result;
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or IOException or TimeoutException or UnauthorizedAccessException or InvalidOperationException)
        {
            Console.Error.WriteLine($"[bench] live heap of pid {pid} not available: {ex.Message}");
            return null;
        }
    }
}
