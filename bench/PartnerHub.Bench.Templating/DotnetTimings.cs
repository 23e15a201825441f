using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PartnerHub.Bench.Templating;

/// <summary>Microseconds and bytes allocated per call, keyed by (case, "Expand" | "Render").</summary>
public sealed record Timing(double Microseconds, double? CpuMicroseconds, long? AllocatedBytes);

/// <summary>Times <see cref="ExpansionBenchmarks"/> with BenchmarkDotNet (in process) or, with --quick, as node is timed.</summary>
public static class DotnetTimings
{
    public static Dictionary<(string Case, string Method), Timing> WithBenchmarkDotNet(string artifacts)
    {
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15);
        var config = ManualConfig.CreateEmpty()
            .AddJob(job)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(artifacts)
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<ExpansionBenchmarks>(config);
        var result = new Dictionary<(string, string), Timing>();
        foreach (var report in summary.Reports)
        {
            if (report.ResultStatistics is not { } stats)
            {
                continue;
            }

            var id = (string)report.BenchmarkCase.Parameters[nameof(ExpansionBenchmarks.Case)];
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name switch
            {
                nameof(ExpansionBenchmarks.ExpandText) => "Expand → UTF-8",
                nameof(ExpansionBenchmarks.RenderText) => "Render → UTF-8",
                var name => name,
            };
            var bytes = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            result[(id, method)] = new Timing(stats.Median / 1000, null, bytes);
        }

        return result;
    }

    /// <summary>The node script's method: warm up about a second, batches of about 50 ms, the medians of 15 (wall clock and process CPU).</summary>
    public static Dictionary<(string Case, string Method), Timing> WithStopwatch()
    {
        var calls = new List<(string Id, string Method, Func<object> Call)>();
        foreach (var id in BenchCases.Ids)
        {
            var bench = new ExpansionBenchmarks { Case = id };
            bench.Setup();
            calls.Add((id, "Expand", bench.Expand));
            calls.Add((id, "Render", bench.Render));
            calls.Add((id, "Expand → UTF-8", bench.ExpandText));
            calls.Add((id, "Render → UTF-8", bench.RenderText));
        }

        // Every call warm before the first is timed, so the first row does not pay for the JIT's later tiers.
        foreach (var (_, _, call) in calls)
        {
            Measure(call);
        }

        return calls.ToDictionary(c => (c.Id, c.Method), c => Measure(c.Call));
    }

    private static Timing Measure(Func<object> call)
    {
        var calls = 0;
        var warm = Stopwatch.StartNew();
        while (warm.ElapsedMilliseconds < 1000)
        {
            call();
            calls++;
        }

        var perBatch = Math.Max(1, calls / 20);
        var samples = new List<double>();
        var cpuSamples = new List<double>();
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        for (var b = 0; b < 15; b++)
        {
            var cpu = Environment.CpuUsage.TotalTime;
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < perBatch; i++)
            {
                call();
            }

            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / perBatch);
            cpuSamples.Add((Environment.CpuUsage.TotalTime - cpu).TotalMicroseconds / perBatch);
        }

        var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (15L * perBatch);
        samples.Sort();
        cpuSamples.Sort();
        return new Timing(samples[samples.Count / 2], cpuSamples[cpuSamples.Count / 2], allocated);
    }
}
