using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace PartnerHub.Bench;

/// <summary>What one measurement saw.</summary>
public sealed record RunResult(
    string Bot,
    Scenario Scenario,
    int Concurrency,
    int Planned,
    int Completed,
    int Errors,
    TimeSpan Elapsed,
    double[] LatenciesMs,
    TimeSpan? ServerCpu,
    long? ServerPeakBytes,
    bool PeakIsSinceStart,
    TimeSpan DriverCpu,
    TimeSpan? AzuriteCpu,
    TimeSpan? OtherCpu,
    int? ConnectorConnections,
    double BytesPerRequest,
    IReadOnlyList<string> ErrorSamples)
{
    public bool TimeBounded => Completed < Planned;
    public double Throughput => Completed / Elapsed.TotalSeconds;

    /// <summary>Nearest-rank percentile of the sorted latencies.</summary>
    public double Percentile(double p)
    {
        if (LatenciesMs.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(p / 100 * LatenciesMs.Length);
        return LatenciesMs[Math.Clamp(rank - 1, 0, LatenciesMs.Length - 1)];
    }
}

/// <summary>
/// The load generator: a fixed number of requests at a fixed concurrency, each worker taking the next ticket until
/// the count is reached or the time limit passes. Closed loop (a worker sends its next request when the last one
/// answered), HTTP/1.1 keep-alive, one connection per worker, to 127.0.0.1 only.
/// </summary>
public static class LoadRunner
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    public static Task<RunResult> RunAsync(
        ServerProcess server, FakeConnector connector, Scenario scenario, int concurrency, int warmup, int requests,
        TimeSpan timeLimit, TimeSpan requestTimeout, int? azuritePid) =>
        RunAsync([server], connector, scenario, concurrency, warmup, requests, timeLimit, requestTimeout, azuritePid);

    /// <summary>The same over several instances of one bot, requests spread round-robin; CPU is their sum, memory their largest peak.</summary>
    public static async Task<RunResult> RunAsync(
        IReadOnlyList<ServerProcess> servers, FakeConnector connector, Scenario scenario, int concurrency, int warmup, int requests,
        TimeSpan timeLimit, TimeSpan requestTimeout, int? azuritePid)
    {
        EnsureLoopback(servers);

        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, concurrency),
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
        };
        using var http = new HttpClient(handler) { Timeout = requestTimeout };

        // Warm-up: the same traffic, not recorded (JIT, connection pool, caches, Azurite's first reads), in two halves,
        // each followed by a wait until the server is idle: a method is compiled again, optimised, only after enough
        // calls (twice with dynamic PGO), in the background; without the waits that compilation ran inside the row.
        if (warmup > 0)
        {
            var first = warmup / 2;
            await DriveAsync(http, servers, connector, scenario, concurrency, first, timeLimit, sequenceBase: 0, record: null);
            await ServerIdle.WaitAsync(servers, ServerIdle.AfterWarmup);
            await DriveAsync(http, servers, connector, scenario, concurrency, warmup - first, timeLimit, sequenceBase: first, record: null);
            await ServerIdle.WaitAsync(servers, ServerIdle.AfterWarmup);
        }

        var self = Environment.ProcessId;
        var peakReset = servers.All(s => ProcStats.ResetPeak(s.Pid));
        var serverBefore = ProcStats.Sum(servers);
        var driverBefore = ProcStats.Read(self);
        var azuriteBefore = azuritePid is { } a ? ProcStats.Read(a) : null;
        var machineBefore = ProcStats.MachineBusy();

        var connectionsBefore = connector.Connections;
        var latencies = new double[requests];
        var outcome = await DriveAsync(http, servers, connector, scenario, concurrency, requests, timeLimit, sequenceBase: 1_000_000, record: latencies);

        var serverAfter = ProcStats.Sum(servers);
        var driverAfter = ProcStats.Read(self);
        var azuriteAfter = azuritePid is { } b ? ProcStats.Read(b) : null;
        var machineAfter = ProcStats.MachineBusy();

        var measured = latencies.Where(l => l > 0).ToArray(); // successful requests only
        Array.Sort(measured);
        TimeSpan? serverCpu = serverBefore is { } s0 && serverAfter is { } s1 ? s1.CpuTime - s0.CpuTime : null;
        var driverCpu = driverBefore is { } d0 && driverAfter is { } d1 ? d1.CpuTime - d0.CpuTime : TimeSpan.Zero;
        TimeSpan? azuriteCpu = azuriteBefore is { } z0 && azuriteAfter is { } z1 ? z1.CpuTime - z0.CpuTime : null;
        // Everything else the machine did meanwhile: other people's builds and tests share these cores.
        TimeSpan? otherCpu = machineBefore is { } m0 && machineAfter is { } m1 && serverCpu is { } bot
            ? TimeSpan.FromTicks(Math.Max(0, (m1 - m0 - bot - driverCpu - (azuriteCpu ?? TimeSpan.Zero)).Ticks))
            : null;
        return new RunResult(
            servers.Count == 1 ? servers[0].Name : $"{servers[0].Name} ×{servers.Count}", scenario, concurrency, requests, outcome.Completed, outcome.Errors, outcome.Elapsed, measured,
            serverCpu,
            serverAfter?.PeakWorkingSetBytes,
            !peakReset,
            driverCpu,
            azuriteCpu,
            otherCpu,
            scenario.RepliesThroughConnector ? connector.Connections - connectionsBefore : null,
            outcome.Completed == 0 ? 0 : (double)outcome.Bytes / outcome.Completed,
            outcome.ErrorSamples);
    }

    private sealed record Outcome(int Completed, int Errors, TimeSpan Elapsed, long Bytes, IReadOnlyList<string> ErrorSamples);

    internal static void EnsureLoopback(IReadOnlyList<ServerProcess> servers)
    {
        if (servers.Count == 0 || servers.Any(s => !IPAddress.IsLoopback(IPAddress.Parse(s.MessagesUrl.Host))))
        {
            throw new InvalidOperationException("The benchmark only sends traffic to loopback.");
        }
    }

    /// <summary>One request and its check: null when the answer is right, else why not. Accepted answers go to the scenario's observer.</summary>
    internal static async Task<string?> SendAsync(HttpClient http, Uri url, Scenario scenario, long sequence, Action<long>? onBytes)
    {
        using var content = new ByteArrayContent(scenario.Body(sequence));
        content.Headers.ContentType = Json;
        try
        {
            using var response = await http.PostAsync(url, content);
            var body = await response.Content.ReadAsByteArrayAsync();
            onBytes?.Invoke(body.Length);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            // Every card answer, refused or not, shows the record as it now is (the RSVP keeps its newest version from it).
            scenario.Observer?.Invoke(body);
            if (!scenario.RepliesThroughConnector && !scenario.Accepts(body))
            {
                return "unexpected invoke response" + Diagnosis(body);
            }

            return null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return ex.GetType().Name + ": " + ex.Message;
        }
    }

    // cards/strings.da.json: the ASCII start of the notices an action answers with when it did not apply.
    private static readonly (byte[] Marker, string Meaning)[] Notices =
    [
        ("En anden har lige"u8.ToArray(), "conflict notice: someone else changed it first"),
        ("Kortet var for"u8.ToArray(), "stale-card notice"),
        ("Du har ikke adgang"u8.ToArray(), "forbidden notice"),
        ("Det kan ikke lade sig"u8.ToArray(), "invalid-transition notice"),
        ("PartnerHub kan ikke n"u8.ToArray(), "try-again notice: storage unavailable or contended"),
        ("application/vnd.microsoft.error"u8.ToArray(), "error response"),
    ];

    private static string Diagnosis(byte[] body)
    {
        foreach (var (marker, meaning) in Notices)
        {
            if (body.AsSpan().IndexOf(marker) >= 0)
            {
                return ": " + meaning;
            }
        }

        return ": the card without the change's notice (nothing changed: an answer treated as a retry?)";
    }

    private static async Task<Outcome> DriveAsync(
        HttpClient http, IReadOnlyList<ServerProcess> servers, FakeConnector connector, Scenario scenario, int concurrency, int total,
        TimeSpan timeLimit, long sequenceBase, double[]? record)
    {
        var next = -1;
        var done = 0;
        var errors = 0;
        long bytes = 0;
        var samples = new List<string>();
        var connectorCallsBefore = connector.Calls;
        var connectorBytesBefore = connector.Bytes;
        var clock = Stopwatch.StartNew();

        async Task WorkerAsync()
        {
            while (true)
            {
                var ticket = Interlocked.Increment(ref next);
                if (ticket >= total || clock.Elapsed > timeLimit)
                {
                    return;
                }

                var started = Stopwatch.GetTimestamp();
                var error = await SendAsync(http, servers[ticket % servers.Count].MessagesUrl, scenario, sequenceBase + ticket, n => Interlocked.Add(ref bytes, n));

                var elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                Interlocked.Increment(ref done);
                if (error is null)
                {
                    if (record is not null)
                    {
                        record[ticket] = elapsedMs;
                    }
                }
                else
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
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkerAsync)));
        var elapsed = clock.Elapsed;
        var completed = Volatile.Read(ref done);

        if (scenario.RepliesThroughConnector)
        {
            // Every message answered 200 must have posted exactly one reply to the Connector.
            var replies = connector.Calls - connectorCallsBefore;
            var expected = completed - errors;
            if (replies != expected)
            {
                errors += (int)Math.Abs(expected - replies);
                samples.Add($"Connector received {replies} replies for {expected} answered messages");
            }

            bytes += connector.Bytes - connectorBytesBefore;
        }

        return new Outcome(completed, errors, elapsed, bytes, samples);
    }
}
