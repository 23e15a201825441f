using System.Globalization;
using System.Text;

namespace PartnerHub.Bench;

/// <summary>The Markdown report: one table row per bot, scenario and concurrency, then how the figures were taken.</summary>
public static class Report
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Row(RunResult r, double? ceiling = null) => string.Create(Invariant,
        $"| {r.Bot} | {r.Scenario.Key} | {r.Concurrency} | {r.Completed}{(r.TimeBounded ? "*" : "")} | {r.Errors} | {r.Throughput:0} | {(ceiling is > 0 ? (100 * r.Throughput / ceiling.Value).ToString("0", Invariant) + " %" : "—")} | " +
        $"{r.Percentile(50):0.0} | {r.Percentile(95):0.0} | {r.Percentile(99):0.0} | {(r.LatenciesMs.Length > 0 ? r.LatenciesMs[^1] : double.NaN):0.0} | " +
        $"{Seconds(r.ServerCpu)} | {PerRequest(r.ServerCpu, r.Completed)} | {Mib(r.ServerPeakBytes)}{(r.PeakIsSinceStart ? "†" : "")} | " +
        $"{r.DriverCpu.TotalSeconds:0.00} | {Seconds(r.AzuriteCpu)} | {Seconds(r.OtherCpu)} | {r.BytesPerRequest / 1024:0.0} | {(r.ConnectorConnections is { } c ? c.ToString(Invariant) : "—")} |");

    public const string Header =
        "| bot | scenario | concurrency | requests | errors | req/s | % of ceiling | p50 ms | p95 ms | p99 ms | max ms | bot CPU s | bot CPU ms/req | bot peak WS MiB | driver CPU s | Azurite CPU s | other CPU s | KB/req | new Connector connections |\n" +
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";

    /// <summary>The ceiling's help-invoke throughput at a concurrency, if it was measured.</summary>
    public static double? CeilingAt(IReadOnlyList<RunResult> results, int concurrency) =>
        results.FirstOrDefault(r => r.Bot == CeilingName && r.Concurrency == concurrency)?.Throughput;

    public const string CeilingName = "ceiling (bare ASP.NET Core)";

    public static string Build(BenchOptions options, IReadOnlyList<RunResult> results, IReadOnlyList<Scenario> scenarios, IReadOnlyList<string> notes, string? sections = null)
    {
        var md = new StringBuilder();
        md.AppendLine("# PartnerHub load benchmark");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC · {Machine()} · .NET {Environment.Version} · load average (1 min) {ProcStats.LoadAverage() ?? "unknown"}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture,
            $"Each row: warm-up requests (not counted; in two halves, each followed by a wait until the bot is idle, so its JIT finishes compiling), then a fixed number of requests at the given concurrency (closed loop: that many " +
            $"requests in flight, HTTP/1.1 keep-alive, bounded at {options.ScenarioTimeLimit.TotalSeconds:0} s), POSTed to `/api/messages` on 127.0.0.1. " +
            $"Both bots run at the same time, each out of process, and their rows are measured one after the other with the same load generator and the same fake Connector.");
        md.AppendLine();
        md.AppendLine(Header);
        foreach (var result in results)
        {
            md.AppendLine(Row(result, result.Bot.StartsWith("PartnerHub", StringComparison.Ordinal) ? CeilingAt(results, result.Concurrency) : null));
        }

        md.AppendLine();
        md.AppendLine("Scenarios:");
        md.AppendLine();
        foreach (var scenario in scenarios)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"- **{scenario.Key}** ({options.Requests ?? scenario.Requests} requests after {options.WarmupRequests ?? scenario.Warmup} warm-up): {scenario.Title}");
        }

        md.AppendLine();
        md.AppendLine("How to read it:");
        md.AppendLine();
        md.AppendLine("- *latency* is the time from sending the activity to having read the whole answer. For a message that includes the bot's reply " +
            "to the fake Connector (both bots finish that call before answering 200); for an invoke the card is in the answer itself.");
        md.AppendLine("- *errors*: a status other than 200, an invoke answer without the expected card, a transport failure or timeout, or a message whose reply " +
            "never reached the Connector. Latency percentiles are over successful requests.");
        md.AppendLine("- *bot CPU s* is user + system CPU of the bot's process during the measured requests (/proc/PID/stat); *ms/req* divides it by the requests. " +
            "*bot peak WS* is the peak resident set during the measurement (VmHWM, reset through /proc/PID/clear_refs first; † = since start, the reset was refused). " +
            "*driver CPU s* is this benchmark's own process (load generator and fake Connector), which shares the machine's cores with the bot; " +
            "*Azurite CPU s* is the storage emulator's, when its PID is known (scripts/bench.sh passes it). " +
            "*other CPU s* is what every other process on the machine used meanwhile (/proc/stat busy time less the three above): " +
            "the machine has 2 cores, so over a measurement of T seconds there are 2·T CPU-seconds to share, and a large figure here means the bots were competing for them.");
        md.AppendLine("- *% of ceiling* (PartnerHub rows): its throughput as a share of the bare ASP.NET Core minimal API answering the same help invoke " +
            "with the same card from memory at the same concurrency (bench/PartnerHub.Bench.Ceiling): what this machine allows for an invoke at all.");
        md.AppendLine("- *KB/req* is what moved back per request: the invoke answer's body, or the reply activity the Connector received.");
        md.AppendLine("- *new Connector connections* (messages only): TCP connections the bot opened to the fake Connector during the measurement; " +
            "a bot that reuses its connections opens about as many as requests in flight, one that does not opens one per reply.");
        md.AppendLine("- `*` after a request count: the time limit ended the measurement before the planned count.");
        md.AppendLine("- These are figures from one run on a shared machine, not thresholds: nothing here passes or fails on timing.");
        if (sections is not null)
        {
            md.AppendLine();
            md.Append(sections);
        }

        if (notes.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Notes from this run:");
            md.AppendLine();
            foreach (var note in notes)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"- {note}");
            }
        }

        return md.ToString();
    }

    private static string Seconds(TimeSpan? cpu) => cpu is { } c ? c.TotalSeconds.ToString("0.00", Invariant) : "—";

    private static string PerRequest(TimeSpan? cpu, int requests) =>
        cpu is { } c && requests > 0 ? (c.TotalMilliseconds / requests).ToString("0.00", Invariant) : "—";

    private static string Mib(long? bytes) => bytes is { } b and > 0 ? (b / 1024.0 / 1024).ToString("0", Invariant) : "—";

    internal static string Machine()
    {
        var cpu = "unknown CPU";
        try
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? cpu;
        }
        catch (IOException)
        {
            // Not Linux: the CPU model stays unknown.
        }

        return $"{Environment.ProcessorCount} cores ({cpu}) · {System.Runtime.InteropServices.RuntimeInformation.OSDescription}";
    }
}
