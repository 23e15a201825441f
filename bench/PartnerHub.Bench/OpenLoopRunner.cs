using System.Diagnostics;
using System.Net;

namespace PartnerHub.Bench;

/// <summary>What one open-loop measurement saw: latencies are from each request's scheduled time, not its send time.</summary>
public sealed record OpenLoopResult(
    string Bot,
    string ScenarioKeys,
    double Rate,
    int Scheduled,
    int Completed,
    int Errors,
    int NotSent,
    TimeSpan Elapsed,
    double[] LatenciesMs,
    TimeSpan? ServerCpu,
    TimeSpan? OtherCpu,
    IReadOnlyList<string> ErrorSamples)
{
    /// <summary>Correct answers per second over the whole measurement (the schedule and the drain after it).</summary>
    public double Achieved => (Completed - Errors) / Elapsed.TotalSeconds;

    public double Percentile(double p) => LatenciesMs.Length == 0
        ? double.NaN
        : LatenciesMs[Math.Clamp((int)Math.Ceiling(p / 100 * LatenciesMs.Length) - 1, 0, LatenciesMs.Length - 1)];
}

/// <summary>
/// The open loop: requests at a fixed arrival rate, sent on a schedule that does not wait for answers (as users arrive),
/// each request's latency measured from the moment it was due, so a server that falls behind is charged for the queue
/// it builds (no coordinated omission). Bounded: the schedule lasts a fixed time, at most <c>maxOutstanding</c>
/// requests wait at once (a due request beyond that is not sent and counts as an error), and the drain after the
/// schedule lasts at most the request timeout. Scenarios in a list take turns (the soak's mixed load).
/// </summary>
public static class OpenLoopRunner
{
    public static async Task<OpenLoopResult> RunAsync(
        IReadOnlyList<ServerProcess> servers, IReadOnlyList<Scenario> scenarios, double rate, TimeSpan duration, TimeSpan warmup,
        TimeSpan requestTimeout, int maxOutstanding, int? azuritePid, Action<TimeSpan>? everyTick = null, TimeSpan? tick = null)
    {
        LoadRunner.EnsureLoopback(servers);
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = maxOutstanding,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
        using var http = new HttpClient(handler) { Timeout = requestTimeout };
        if (warmup > TimeSpan.Zero)
        {
            await ScheduleAsync(http, servers, scenarios, rate, warmup, requestTimeout, maxOutstanding, null, null, null);
            await ServerIdle.WaitAsync(servers, ServerIdle.AfterWarmup);
        }

        var cpuBefore = ProcStats.Sum(servers);
        var driverBefore = ProcStats.Read(Environment.ProcessId);
        var azuriteBefore = azuritePid is { } a ? ProcStats.Read(a) : null;
        var machineBefore = ProcStats.MachineBusy();
        var clock = Stopwatch.StartNew();
        var count = (int)Math.Ceiling(rate * duration.TotalSeconds);
        var latencies = new double[count];
        var outcome = await ScheduleAsync(http, servers, scenarios, rate, duration, requestTimeout, maxOutstanding, latencies, everyTick, tick);
        var elapsed = clock.Elapsed;
        var cpuAfter = ProcStats.Sum(servers);
        var driverAfter = ProcStats.Read(Environment.ProcessId);
        var azuriteAfter = azuritePid is { } b ? ProcStats.Read(b) : null;
        var machineAfter = ProcStats.MachineBusy();

        TimeSpan? serverCpu = cpuBefore is { } s0 && cpuAfter is { } s1 ? s1.CpuTime - s0.CpuTime : null;
        var driverCpu = driverBefore is { } d0 && driverAfter is { } d1 ? d1.CpuTime - d0.CpuTime : TimeSpan.Zero;
        TimeSpan? azuriteCpu = azuriteBefore is { } z0 && azuriteAfter is { } z1 ? z1.CpuTime - z0.CpuTime : null;
        TimeSpan? otherCpu = machineBefore is { } m0 && machineAfter is { } m1 && serverCpu is { } bot
            ? TimeSpan.FromTicks(Math.Max(0, (m1 - m0 - bot - driverCpu - (azuriteCpu ?? TimeSpan.Zero)).Ticks))
            : null;
        var measured = latencies.Where(l => l > 0).ToArray();
        Array.Sort(measured);
        return new OpenLoopResult(
            servers.Count == 1 ? servers[0].Name : $"{servers[0].Name} ×{servers.Count}",
            string.Join("+", scenarios.Select(s => s.Key)), rate, count, outcome.Completed, outcome.Errors, outcome.NotSent, elapsed,
            measured, serverCpu, otherCpu, outcome.Samples);
    }

    private sealed record Outcome(int Completed, int Errors, int NotSent, IReadOnlyList<string> Samples);

    private static async Task<Outcome> ScheduleAsync(
        HttpClient http, IReadOnlyList<ServerProcess> servers, IReadOnlyList<Scenario> scenarios, double rate, TimeSpan duration,
        TimeSpan requestTimeout, int maxOutstanding, double[]? record, Action<TimeSpan>? everyTick, TimeSpan? tick)
    {
        var count = (int)Math.Ceiling(rate * duration.TotalSeconds);
        var completed = 0;
        var errors = 0;
        var notSent = 0;
        var outstanding = 0;
        var samples = new List<string>();
        var inFlight = new List<Task>(count);
        var start = Stopwatch.GetTimestamp();
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var nextTick = tick ?? TimeSpan.MaxValue;

        void Fail(string error)
        {
            Interlocked.Increment(ref errors);
            lock (samples)
            {
                if (samples.Count < 5)
                {
                    samples.Add(error);
                }
            }
        }

        async Task SendAsync(int i, long due)
        {
            try
            {
                var scenario = scenarios[i % scenarios.Count];
                var error = await LoadRunner.SendAsync(http, servers[i % servers.Count].MessagesUrl, scenario, 2_000_000 + i, null);
                // From when it was due: a request that waited for a free moment in the driver or the server is charged for the wait.
                var latency = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
                Interlocked.Increment(ref completed);
                if (error is null)
                {
                    if (record is not null)
                    {
                        record[i] = Math.Max(latency, 0.001);
                    }
                }
                else
                {
                    Fail(error);
                }
            }
            finally
            {
                Interlocked.Decrement(ref outstanding);
            }
        }

        for (var i = 0; i < count; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait - TimeSpan.FromMilliseconds(1));
            }

            while (Stopwatch.GetTimestamp() < due)
            {
                Thread.SpinWait(20);
            }

            if (everyTick is not null && Stopwatch.GetElapsedTime(start) >= nextTick)
            {
                everyTick(Stopwatch.GetElapsedTime(start));
                nextTick += tick!.Value;
            }

            if (Volatile.Read(ref outstanding) >= maxOutstanding)
            {
                Interlocked.Increment(ref notSent);
                Interlocked.Increment(ref completed);
                Fail($"not sent: {maxOutstanding} requests already waiting");
                continue;
            }

            Interlocked.Increment(ref outstanding);
            var ticket = i;
            inFlight.Add(Task.Run(() => SendAsync(ticket, due)));
        }

        // The drain: what is still waiting gets at most the request timeout (HttpClient's own) to answer.
        await Task.WhenAll(inFlight);
        return new Outcome(Volatile.Read(ref completed), Volatile.Read(ref errors), Volatile.Read(ref notSent), samples);
    }
}
