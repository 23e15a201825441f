using System.Globalization;

namespace PartnerHub.Bench;

/// <summary>One memory reading of the API during the soak.</summary>
public sealed record SoakSample(TimeSpan At, long WorkingSetBytes, double? GcHeapBytes, double? GcCommittedBytes, double Gen2Collections, double? LiveHeapBytes = null, int? OutboxWaiting = null);

public sealed record SoakResult(OpenLoopResult Load, IReadOnlyList<SoakSample> Samples, TimeSpan WarmUp)
{
    /// <summary>Largest spread of the working set after warm-up, relative to its first reading after warm-up.</summary>
    public double? WorkingSetDrift => Drift(s => s.WorkingSetBytes);

    /// <summary>Largest spread of the live heap (after a full collection) after warm-up, relative to its first reading after warm-up.</summary>
    public double? LiveHeapDrift => Drift(s => s.LiveHeapBytes);

    /// <summary>
    /// The GC heap's trend after warm-up: the mean of the second half of the readings against the first half's. The heap
    /// saws between collections, so a spread of single readings says little; a growing mean is what a leak looks like.
    /// </summary>
    public double? HeapTrend => Trend(s => s.GcHeapBytes);

    /// <summary>
    /// The live heap's trend after warm-up, the same way: what a leak grows. Its single readings swing with what the
    /// read cache holds at that moment (up to two lifetimes of keys), so a spread of them says less than the trend.
    /// </summary>
    public double? LiveHeapTrend => Trend(s => s.LiveHeapBytes);

    private double? Trend(Func<SoakSample, double?> value)
    {
        var after = After(value);
        if (after.Count < 2)
        {
            return null;
        }

        var half = after.Count / 2;
        var first = after.Take(half).Average();
        return (after.Skip(half).Average() - first) / first;
    }

    private double? Drift(Func<SoakSample, double?> value)
    {
        var after = After(value);
        return after.Count < 2 ? null : (after.Max() - after.Min()) / after[0];
    }

    private List<double> After(Func<SoakSample, double?> value) =>
        [.. Samples.Where(s => s.At >= WarmUp).Select(value).Where(v => v is > 0).Select(v => v!.Value)];
}

/// <summary>
/// The soak: a steady open-loop load (the read and write actions c, s, t, u in turn, by default 50 per second) for
/// minutes, with the API's working set (/proc), its runtime counters (GC heap, committed, gen 2 collections, over
/// EventPipe) and its live heap (<see cref="LiveHeap"/>) read every 30 s. Memory is "flat" when, after the first
/// readings (warm-up: a fifth of the run, at least one interval), the working set stays within 10 % of its first
/// reading after warm-up and the live heap's mean over the second half of the readings within 10 % of the first half's.
/// </summary>
public static class Soak
{
    public static async Task<SoakResult> RunAsync(BenchOptions options, ServerProcess api, IReadOnlyList<Scenario> mix, WriteScenarios writes, string tablePrefix, int? azuritePid)
    {
        // Accept takes a quarter of the arrivals, submit feeds a quarter: a head start keeps the pool from running dry.
        await writes.EnsureSubmittedAsync([api], 500, CancellationToken.None);
        await using var counters = RuntimeCounters.Start(api.Pid, (int)Math.Min(30, options.SoakInterval.TotalSeconds));
        var samples = new List<SoakSample>();
        var liveHeaps = new List<Task<double?>>();
        var backlogs = new List<Task<int?>>();
        void Sample(TimeSpan at)
        {
            var proc = ProcStats.Read(api.Pid);
            var runtime = counters?.Snapshot() ?? (null, null, 0);
            var sample = new SoakSample(at, proc?.WorkingSetBytes ?? 0, runtime.HeapBytes, runtime.CommittedBytes, runtime.Gen2);
            samples.Add(sample);
            // Read after the working set, in the background: the schedule's loop calls this and must not wait.
            liveHeaps.Add(LiveHeap.MeasureAsync(api.Pid, TimeSpan.FromSeconds(10)));
            backlogs.Add(OutboxBacklog.CountAsync(tablePrefix, TimeSpan.FromSeconds(20)));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[bench] soak {at.TotalSeconds:0} s: working set {sample.WorkingSetBytes / 1048576.0:0} MiB, GC heap {sample.GcHeapBytes / 1048576.0:0} MiB, gen 2 collections {sample.Gen2Collections:0}"));
        }

        Sample(TimeSpan.Zero);
        var load = await OpenLoopRunner.RunAsync(
            [api], mix, options.SoakRate, options.SoakDuration, TimeSpan.FromSeconds(5), options.RequestTimeout, options.MaxOutstanding,
            azuritePid, Sample, options.SoakInterval);
        Sample(options.SoakDuration);
        var live = await Task.WhenAll(liveHeaps);
        var waiting = await Task.WhenAll(backlogs);
        samples = [.. samples.Select((sample, i) => sample with { LiveHeapBytes = live[i], OutboxWaiting = waiting[i] })];
        Console.Error.WriteLine("[bench] soak live heap MiB: " + string.Join(", ", live.Select(l => l is { } b ? (b / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture) : "—")));
        Console.Error.WriteLine("[bench] soak outbox rows waiting: " + string.Join(", ", waiting.Select(w => w?.ToString(CultureInfo.InvariantCulture) ?? "—")));
        var warmUp = TimeSpan.FromTicks(Math.Max(options.SoakInterval.Ticks, options.SoakDuration.Ticks / 5));
        return new SoakResult(load, samples, warmUp);
    }
}
