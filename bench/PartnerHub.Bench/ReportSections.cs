using System.Globalization;
using System.Text;

namespace PartnerHub.Bench;

/// <summary>One measured row of the data-scaling mode.</summary>
public sealed record ScaleRow(ScaleSeeding Seeding, RunResult Result, RoundTripResult? RoundTrips);

/// <summary>Everything the modes beyond the default measured, gathered for the report.</summary>
public sealed class ModeResults
{
    public List<OpenLoopResult> OpenLoop { get; } = [];
    public List<RoundTripResult> RoundTrips { get; } = [];
    public SoakResult? Soak { get; set; }
    public List<ScaleRow> Scale { get; } = [];
    public List<RunResult> TwoInstances { get; } = [];
}

/// <summary>The report's sections for the modes beyond the default, and the issue-15 targets table.</summary>
public static class ReportSections
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Build(BenchOptions options, IReadOnlyList<RunResult> closed, ModeResults modes)
    {
        var md = new StringBuilder();
        Targets(md, options, closed, modes);
        OpenLoop(md, options, modes.OpenLoop);
        RoundTrips(md, modes.RoundTrips);
        TwoInstances(md, closed, modes.TwoInstances);
        Scale(md, modes.Scale);
        Soak(md, options, modes.Soak);
        return md.ToString();
    }

    private static void Targets(StringBuilder md, BenchOptions options, IReadOnlyList<RunResult> closed, ModeResults modes)
    {
        md.AppendLine("## Issue 15's targets");
        md.AppendLine();
        md.AppendLine("| target | measured | met? |");
        md.AppendLine("| --- | --- | --- |");
        var storage = closed.Where(r => r.Bot == "PartnerHub" && r.Scenario.Kind != ScenarioKind.Help && r.ServerCpu is not null && r.Completed > 0)
            .GroupBy(r => r.Scenario.Key).Select(g => g.OrderByDescending(r => r.Concurrency).First()).ToList();
        if (storage.Count > 0)
        {
            var perAction = storage.Select(r => (r.Scenario.Key, Ms: r.ServerCpu!.Value.TotalMilliseconds / r.Completed)).ToList();
            Line(md, "bot CPU per storage-backed card action ≤ 1.5 ms (closed loop, highest concurrency, " +
                (options.Outbox ? "each change's delivery included: --outbox)" : "the action alone: outbox loop off)"),
                string.Join(", ", perAction.Select(p => string.Create(Invariant, $"{p.Key} {p.Ms:0.00} ms"))), perAction.All(p => p.Ms <= 1.5));
        }

        if (modes.RoundTrips.Count > 0)
        {
            var rt = modes.RoundTrips.Where(r => r.Scenario.Kind != ScenarioKind.Help).ToList();
            Line(md, "storage round trips ≤ 3 per read action, ≤ 4 per change",
                string.Join(", ", rt.Select(r => $"{r.Scenario.Key} {RoundTripsFormat(r.PerAction)} ({(r.Scenario.Kind == ScenarioKind.Read ? "read" : "change")})")),
                rt.All(r => r.PerAction <= (r.Scenario.Kind == ScenarioKind.Read ? 3 : 4)));
        }

        var at100 = modes.OpenLoop.Where(r => Math.Abs(r.Rate - 100) < 0.5 && !r.ScenarioKeys.Contains('+', StringComparison.Ordinal)).ToList();
        if (at100.Count > 0)
        {
            Line(md, "p99 ≤ 100 ms at 100 actions/s, open loop (Azurite on the same cores, " + (options.Outbox ? "each change's delivery too: --outbox)" : "the action alone: outbox loop off)"),
                string.Join(", ", at100.Select(r => string.Create(Invariant, $"{r.ScenarioKeys} {r.Percentile(99):0} ms{(r.Errors > 0 ? $" ({r.Errors} errors)" : "")}"))),
                at100.All(r => r.Percentile(99) <= 100 && r.Errors == 0));
        }

        var invokes = closed.Where(r => r.Scenario.Key == "b").GroupBy(r => r.Concurrency).ToList();
        foreach (var group in invokes)
        {
            var ours = group.FirstOrDefault(r => r.Bot == "PartnerHub");
            var peer = group.FirstOrDefault(r => r.Bot.StartsWith("botbuilder", StringComparison.Ordinal));
            var ceiling = group.FirstOrDefault(r => r.Bot == Report.CeilingName);
            if (ours is null || (peer is null && ceiling is null))
            {
                continue;
            }

            var parts = new List<string>();
            var met = true;
            if (peer is not null)
            {
                var ratio = ours.Throughput / peer.Throughput;
                parts.Add(string.Create(Invariant, $"{ratio:0.0}× botbuilder"));
                met &= ratio >= 2;
            }

            if (ceiling is not null)
            {
                var share = ours.Throughput / ceiling.Throughput;
                parts.Add(string.Create(Invariant, $"{100 * share:0} % of ceiling"));
                met &= share >= 0.5;
            }

            Line(md, string.Create(Invariant, $"invoke (b) ≥ 2× botbuilder and ≥ 50 % of the bare ceiling, {group.Key} in flight"),
                string.Create(Invariant, $"{ours.Throughput:0} req/s: ") + string.Join(", ", parts), met);
        }

        if (modes.Soak is { } soak)
        {
            var ws = soak.WorkingSetDrift;
            var live = soak.LiveHeapTrend;
            // The heap read between collections saws with allocation; what survives a full collection is what a leak grows.
            Line(md, "memory flat within 10 % over the soak after warm-up",
                $"working set spread {Percent(ws)}; live heap (after a full collection) trend {Percent(live)} (second half's mean against the first's), " +
                $"spread {Percent(soak.LiveHeapDrift)}{Backlog(soak)}",
                ws is { } w && w <= 0.10 && (live is null || live.Value <= 0.10), ws is null);
        }

        var reads = modes.Scale.Where(r => r.Result.Scenario.Kind == ScenarioKind.Read).OrderBy(r => r.Seeding.Referrals).ToList();
        if (reads.Count >= 2)
        {
            var first = reads[0].Result.Percentile(50);
            var last = reads[^1].Result.Percentile(50);
            Line(md, string.Create(Invariant, $"keyed reads flat from {reads[0].Seeding.Referrals:N0} to {reads[^1].Seeding.Referrals:N0} referrals (p50 within 25 %)"),
                string.Join(" → ", reads.Select(r => string.Create(Invariant, $"{r.Result.Percentile(50):0.0} ms"))), last <= first * 1.25);
        }

        md.AppendLine();
        md.AppendLine("A target with no row was not measured in this run (its mode was not asked for). Timings are from this run on this machine only; " +
            "nothing in the test suite asserts them.");
        md.AppendLine();
    }

    private static void OpenLoop(StringBuilder md, BenchOptions options, List<OpenLoopResult> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("## Open loop (fixed arrival rate)");
        md.AppendLine();
        md.AppendLine(string.Create(Invariant,
            $"Requests are due at a fixed rate for {options.OpenLoopDuration.TotalSeconds:0} s (after a warm-up at the same rate, 10 s before an action's first rate and 2 s before the others, and a wait until the API is idle) and sent when due whatever " +
            $"the server is doing; latency runs from the moment a request was due, so queueing in the server or in the driver counts (no coordinated omission). " +
            $"At most {options.MaxOutstanding} requests wait at once: a due request beyond that is not sent and counts as an error. *achieved* is correct answers " +
            $"per second over the schedule and its drain; *sent* is due less not sent; percentiles are over correct answers only, so a row with errors " +
            $"(timeouts after {options.RequestTimeout.TotalSeconds:0} s among them) is worse than its p99 says. {OpenLoopDelivery(options)}"));
        md.AppendLine();
        md.AppendLine("| bot | scenario | rate /s | due | sent | errors | not sent | achieved /s | p50 ms | p99 ms | max ms | bot CPU ms/req | other CPU s |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            md.AppendLine(OpenLoopRow(r));
        }

        md.AppendLine();
        Errors(md, rows.Where(r => r.ErrorSamples.Count > 0).Select(r => (r.ScenarioKeys + " @ " + r.Rate.ToString("0", Invariant), r.ErrorSamples)));
    }

    private static string OpenLoopDelivery(BenchOptions options) => options.Outbox
        ? "The API runs its outbox loop (--outbox), as production does: each change's notifications are delivered meanwhile, on the same cores, and *bot CPU ms/req* includes that."
        : "The outbox loop is off: each row is the card action alone, its nudge left in the queue for a dispatcher elsewhere (--outbox runs it).";

    public static string OpenLoopRow(OpenLoopResult r) => string.Create(Invariant,
        $"| {r.Bot} | {r.ScenarioKeys} | {r.Rate:0} | {r.Scheduled} | {r.Completed - r.NotSent} | {r.Errors} | {r.NotSent} | {r.Achieved:0} | " +
        $"{r.Percentile(50):0.0} | {r.Percentile(99):0.0} | {(r.LatenciesMs.Length > 0 ? r.LatenciesMs[^1] : double.NaN):0.0} | " +
        $"{(r.ServerCpu is { } cpu && r.Completed - r.NotSent > 0 ? (cpu.TotalMilliseconds / (r.Completed - r.NotSent)).ToString("0.00", Invariant) : "—")} | " +
        $"{(r.OtherCpu is { } other ? other.TotalSeconds.ToString("0.0", Invariant) : "—")} |");

    private static void RoundTrips(StringBuilder md, List<RoundTripResult> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("## Storage round trips per action");
        md.AppendLine();
        md.AppendLine("Counted by the API's own pipeline policy on every table and queue client (`partnerhub.storage.requests`: service, table or queue, kind " +
            "of call; retries included), with the API hosted in the benchmark's process on Kestrel so each call is attributed to the request that made it. " +
            "Sequential requests after three unrecorded ones (caches warm); figures are per action, averaged. *background* is calls made meanwhile by no request " +
            "(hosted services), not charged to the action.");
        md.AppendLine();
        md.AppendLine("| scenario | kind | requests | errors | round trips per action | calls (per action) | background per action |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | --- | ---: |");
        foreach (var r in rows)
        {
            md.AppendLine(string.Create(Invariant,
                $"| {r.Scenario.Key} | {r.Scenario.Kind.ToString().ToLowerInvariant()} | {r.Requests} | {r.Errors} | {RoundTripsFormat(r.PerAction)} | " +
                $"{CallList(r.Calls)} | {RoundTripsFormat(r.BackgroundPerAction)}{(r.Background.Count == 0 ? "" : ": " + CallList(r.Background))} |"));
        }

        md.AppendLine();
    }

    private static void TwoInstances(StringBuilder md, IReadOnlyList<RunResult> closed, List<RunResult> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("## Two instances on one storage account");
        md.AppendLine();
        md.AppendLine("Two API processes with the same storage and table prefix (as two App Service instances would run), the requests spread round-robin " +
            "over both by one load generator, closed loop. *one instance* is the same scenario and concurrency from the rows above, when measured. On a 2-core " +
            "machine two instances compete for the same cores as the one did: the figure shows what coordination costs, not what a second machine adds. " +
            "Both run their outbox loops, as production does, so each change's delivery is in *bots' CPU* " +
            "(in the one-instance rows only with --outbox).");
        md.AppendLine();
        md.AppendLine("| scenario | concurrency | requests | errors | combined req/s | one instance req/s | p50 ms | p99 ms | bots' CPU ms/req |");
        md.AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var r in rows)
        {
            var single = closed.FirstOrDefault(c => c.Bot == "PartnerHub" && c.Scenario.Key == r.Scenario.Key && c.Concurrency == r.Concurrency);
            md.AppendLine(string.Create(Invariant,
                $"| {r.Scenario.Key} | {r.Concurrency} | {r.Completed}{(r.TimeBounded ? "*" : "")} | {r.Errors} | {r.Throughput:0} | {(single is null ? "—" : single.Throughput.ToString("0", Invariant))} | " +
                $"{r.Percentile(50):0.0} | {r.Percentile(99):0.0} | {(r.ServerCpu is { } cpu && r.Completed > 0 ? (cpu.TotalMilliseconds / r.Completed).ToString("0.00", Invariant) : "—")} |"));
        }

        md.AppendLine();
        Errors(md, rows.Where(r => r.ErrorSamples.Count > 0).Select(r => (r.Scenario.Key, r.ErrorSamples)));
    }

    private static void Scale(StringBuilder md, List<ScaleRow> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        md.AppendLine("## Scaling with data");
        md.AppendLine();
        md.AppendLine("The project's partition holds N referrals besides the demo's (each with its index rows, as the store writes them), under a table prefix of " +
            "its own per size; an API started on that data; closed loop. The read (c) refreshes one referral by its keys; submit (s) and accept (t) write.");
        md.AppendLine();
        md.AppendLine("| referrals | seeded in | scenario | concurrency | requests | errors | req/s | p50 ms | p99 ms | bot CPU ms/req | round trips per action | calls (per action) |");
        md.AppendLine("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var row in rows)
        {
            var r = row.Result;
            md.AppendLine(string.Create(Invariant,
                $"| {row.Seeding.Referrals:N0} | {row.Seeding.Took.TotalSeconds:0} s | {r.Scenario.Key} | {r.Concurrency} | {r.Completed}{(r.TimeBounded ? "*" : "")} | {r.Errors} | {r.Throughput:0} | " +
                $"{r.Percentile(50):0.0} | {r.Percentile(99):0.0} | {(r.ServerCpu is { } cpu && r.Completed > 0 ? (cpu.TotalMilliseconds / r.Completed).ToString("0.00", Invariant) : "—")} | " +
                $"{(row.RoundTrips is { } rt ? RoundTripsFormat(rt.PerAction) : "—")} | {(row.RoundTrips is { } calls ? CallList(calls.Calls) : "—")} |"));
        }

        md.AppendLine();
        foreach (var seeding in rows.Select(r => r.Seeding).Distinct())
        {
            var asked = seeding.Referrals < seeding.Asked ? string.Create(Invariant, $" of {seeding.Asked:N0} asked") : "";
            var first = string.Join(", ", seeding.FirstActions.Select(f => f.Scenario + " " + (f.Took is { } t ? string.Create(Invariant, $"{t.TotalSeconds:0.0} s") : "no answer")));
            md.AppendLine(string.Create(Invariant, $"- {seeding.Referrals:N0} referrals{asked} seeded in {seeding.Took.TotalSeconds:0} s ({seeding.How})") +
                (first.Length > 0 ? $"; the first action of each kind on it, every cache cold: {first}." : "."));
        }

        md.AppendLine();
        Errors(md, rows.Where(r => r.Result.ErrorSamples.Count > 0).Select(r => (r.Seeding.Referrals.ToString("N0", Invariant) + " " + r.Result.Scenario.Key, r.Result.ErrorSamples)));
    }

    private static void Soak(StringBuilder md, BenchOptions options, SoakResult? soak)
    {
        if (soak is null)
        {
            return;
        }

        md.AppendLine("## Soak");
        md.AppendLine();
        md.AppendLine(string.Create(Invariant,
            $"{options.SoakDuration.TotalMinutes:0.#} minutes of open-loop load at {options.SoakRate}/s, the actions {soak.Load.ScenarioKeys.Replace('+', ',')} in turn; the API's working set " +
            $"(/proc), its runtime counters (EventPipe, `System.Runtime`: GC heap size, gen 2 collections so far) and its live heap (the GC heap after a full " +
            $"blocking collection the benchmark induces, as dotnet-gcdump does; those collections are in the gen 2 count) every {options.SoakInterval.TotalSeconds:0} s, " +
            $"with the project's outbox rows still waiting for delivery (a prefix query from outside: a count that climbs is delivery falling behind, and the memory it holds is work behind, not a leak). " +
            $"Warm-up: the first {soak.WarmUp.TotalSeconds:0} s. The API runs its outbox loop, as production does."));
        md.AppendLine();
        md.AppendLine("| bot | scenarios | rate /s | due | sent | errors | not sent | achieved /s | p50 ms | p99 ms | max ms | bot CPU ms/req | other CPU s |");
        md.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        md.AppendLine(OpenLoopRow(soak.Load));
        md.AppendLine();
        md.AppendLine("| at s | working set MiB | GC heap MiB | GC committed MiB | gen 2 collections | live heap MiB | outbox rows waiting |");
        md.AppendLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var s in soak.Samples)
        {
            md.AppendLine(string.Create(Invariant,
                $"| {s.At.TotalSeconds:0} | {s.WorkingSetBytes / 1048576.0:0.0} | {Mib(s.GcHeapBytes)} | {Mib(s.GcCommittedBytes)} | {s.Gen2Collections:0} | {Mib(s.LiveHeapBytes)} | {(s.OutboxWaiting is { } w ? w.ToString("N0", Invariant) : "—")} |"));
        }

        md.AppendLine();
        md.AppendLine(Invariant, $"After warm-up the working set varied by {Percent(soak.WorkingSetDrift)} and the live heap by {Percent(soak.LiveHeapDrift)} " +
            $"(largest minus smallest reading, over the first); from the first half of those readings to the second the live heap's mean moved by " +
            $"{Percent(soak.LiveHeapTrend)} and the GC heap's, read between collections, by {Percent(soak.HeapTrend)}.");
        md.AppendLine();
        Errors(md, soak.Load.ErrorSamples.Count > 0 ? [("soak", soak.Load.ErrorSamples)] : []);
    }

    private static string Backlog(SoakResult soak)
    {
        var waiting = soak.Samples.Where(s => s.At >= soak.WarmUp && s.OutboxWaiting is not null).Select(s => s.OutboxWaiting!.Value).ToList();
        return waiting.Count < 2 ? "" : string.Create(Invariant, $"; outbox rows waiting {waiting[0]:N0} → {waiting[^1]:N0}");
    }

    private static void Errors(StringBuilder md, IEnumerable<(string What, IReadOnlyList<string> Samples)> errors)
    {
        var list = errors.ToList();
        foreach (var (what, samples) in list)
        {
            md.AppendLine($"- errors in {what}: " + string.Join(" / ", samples.Distinct().Select(s => "`" + s + "`")));
        }

        if (list.Count > 0)
        {
            md.AppendLine();
        }
    }

    private static string CallList(IReadOnlyList<(string Call, double PerAction)> calls) =>
        calls.Count == 0 ? "none" : string.Join("; ", calls.Select(c => $"{c.Call} ×{RoundTripsFormat(c.PerAction)}"));

    private static void Line(StringBuilder md, string target, string measured, bool met, bool unknown = false) =>
        md.AppendLine(Invariant, $"| {target} | {measured} | {(unknown ? "not measured" : met ? "yes" : "**no**")} |");

    private static string RoundTripsFormat(double value) => value.ToString("0.##", Invariant);

    private static string Percent(double? value) => value is { } v ? (100 * v).ToString("0.0", Invariant) + " %" : "unknown";

    private static string Mib(double? bytes) => bytes is { } b ? (b / 1048576.0).ToString("0.0", Invariant) : "—";
}
