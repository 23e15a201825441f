using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;

namespace PartnerHub.Bench.Templating;

/// <summary>Writes the cases, runs node, checks both engines agree, times .NET and prints (and appends) one table.</summary>
public static class TemplatingRun
{
    public static async Task<int> RunAsync(TemplatingOptions options)
    {
        var root = BenchCases.RepositoryRoot();
        Directory.CreateDirectory(options.OutputDirectory);
        var loadBefore = LoadAverage();
        var casesFile = Path.Combine(options.OutputDirectory, "cases.json");
        await File.WriteAllTextAsync(casesFile, BenchCases.ForNode().ToJsonString());

        string? nodeVersion = null;
        Dictionary<string, NodeResult>? node = null;
        if (options.Node)
        {
            (nodeVersion, node) = await NodeSide.RunAsync(root, casesFile, Path.Combine(options.OutputDirectory, "node.json"));
        }

        var mismatches = Mismatches(node);
        foreach (var m in mismatches)
        {
            Console.Error.WriteLine("DIFFERENT OUTPUT: " + m);
        }

        var timings = options.BenchmarkDotNet
            ? DotnetTimings.WithBenchmarkDotNet(Path.Combine(options.OutputDirectory, "BenchmarkDotNet"))
            : DotnetTimings.WithStopwatch();
        var report = Report(options, timings, node, nodeVersion, mismatches, loadBefore);
        Console.WriteLine();
        Console.WriteLine(report);
        if (options.AppendTo is { } file)
        {
            await File.AppendAllTextAsync(file, "\n" + report);
            Console.WriteLine($"appended to {file}");
        }

        return mismatches.Count == 0 ? 0 : 1;
    }

    /// <summary>Our Expand and Render against npm's output (JSON equality, key order aside); an empty list when they agree.</summary>
    private static List<string> Mismatches(Dictionary<string, NodeResult>? node)
    {
        var result = new List<string>();
        foreach (var c in BenchCases.All)
        {
            var expanded = c.Template.Expand(c.Data);
            if (!JsonNode.DeepEquals(expanded, BenchCases.Catalog.Render(c.Card, c.Sample, c.Language)))
            {
                result.Add($"{c.Id}: Render differs from Expand");
            }

            var bench = new ExpansionBenchmarks { Case = c.Id };
            bench.Setup();
            if (!JsonNode.DeepEquals(expanded, JsonNode.Parse(bench.ExpandText().WrittenSpan)) || !JsonNode.DeepEquals(expanded, JsonNode.Parse(bench.RenderText().WrittenSpan)))
            {
                result.Add($"{c.Id}: WriteTo differs from Expand");
            }

            if (node is not null && (!node[c.Id].SameAsRender || !JsonNode.DeepEquals(expanded, node[c.Id].Expanded)))
            {
                result.Add($"{c.Id}: .NET differs from adaptivecards-templating");
            }
        }

        return result;
    }

    private static string Report(
        TemplatingOptions options,
        Dictionary<(string Case, string Method), Timing> timings,
        Dictionary<string, NodeResult>? node,
        string? nodeVersion,
        List<string> mismatches,
        string loadBefore)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"## Card templating{(options.Label is { } label ? " (" + label + ")" : string.Empty)}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        sb.AppendLine();
        sb.AppendLine(inv, $"{Machine()} · node {nodeVersion ?? "not run"} · load average (1 min) {loadBefore} before, {LoadAverage()} after");
        sb.AppendLine();
        sb.AppendLine("| card (sample, Danish) | call | .NET µs | npm µs | npm ÷ .NET | .NET CPU µs | npm CPU µs | npm ÷ .NET (CPU) | .NET bytes allocated |");
        sb.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var c in BenchCases.All)
        {
            foreach (var method in new[] { "Expand", "Render", "Expand → UTF-8", "Render → UTF-8" })
            {
                var ours = timings.GetValueOrDefault((c.Id, method));
                var theirs = node?[c.Id]?.For(method);
                sb.AppendLine(inv, $"| `{c.Id}` | {method} | {Format(ours?.Microseconds)} | {Format(theirs?.Microseconds)} | {Ratio(theirs?.Microseconds, ours?.Microseconds)} | {Format(ours?.CpuMicroseconds)} | {Format(theirs?.CpuMicroseconds)} | {Ratio(theirs?.CpuMicroseconds, ours?.CpuMicroseconds)} | {ours?.AllocatedBytes?.ToString("N0", inv) ?? "–"} |");
            }
        }

        sb.AppendLine();
        sb.AppendLine("- The parsed template is reused on both sides. *Expand*: `CardTemplate.Expand(data)` against `template.expand({ $root: data })`, the data already holding the strings. *Render*: `CardCatalog.Render(card, sample, \"da\")`, the Api's call, which adds the language's strings, against `template.expand({ $root: { ...sample, strings } })`. *→ UTF-8*: the same card written as JSON text (`CardTemplate.WriteTo` / `CardCatalog.WriteTo` into a reused `Utf8JsonWriter`, no nodes built) against npm's call followed by `JSON.stringify`.");
        sb.AppendLine(inv, $"- .NET: {(!options.BenchmarkDotNet ? "median of 15 batches of about 50 ms after a 1 s warm-up, as node is timed" : "BenchmarkDotNet 0.15.8 median (`--bdn`: in process, MemoryDiagnoser; no CPU column)")}; npm: adaptivecards-templating 2.3.1 with adaptive-expressions 4.23.3, median of 15 batches of about 50 ms after a 1 s warm-up. *µs* is wall clock per call; *CPU µs* is the process's CPU time per call (garbage collection included), which a busy machine inflates less. Both outputs are the same JSON for every card: {(mismatches.Count == 0 ? "yes" : "NO: " + string.Join("; ", mismatches))}.");
        return sb.ToString();
    }

    private static string Format(double? microseconds) => microseconds?.ToString(microseconds < 10 ? "0.00" : "0.0", CultureInfo.InvariantCulture) ?? "–";

    private static string Ratio(double? theirs, double? ours) =>
        theirs is { } t && ours is { } o && o > 0 ? (t / o).ToString("0.0", CultureInfo.InvariantCulture) + "×" : "–";

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var os = File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"')
            : null;
        return $"{Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}) · {os ?? RuntimeInformation.OSDescription} · {RuntimeInformation.FrameworkDescription}";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
