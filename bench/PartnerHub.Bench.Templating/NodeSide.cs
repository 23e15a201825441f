using System.Diagnostics;
using System.Text.Json.Nodes;

namespace PartnerHub.Bench.Templating;

/// <summary>One case as node measured it: npm's expansion and its microseconds per call.</summary>
public sealed record NodeResult(string Id, JsonNode? Expanded, bool SameAsRender, Timing Expand, Timing Render, Timing ExpandText, Timing RenderText)
{
    /// <summary>npm's figure for one of our calls: the text-writing calls against expand then JSON.stringify.</summary>
    public Timing For(string method) => method switch
    {
        "Expand" => Expand,
        "Render" => Render,
        "Expand → UTF-8" => ExpandText,
        "Render → UTF-8" => RenderText,
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown call"),
    };
}

/// <summary>Runs bench/templating/time-expand.js on the cases and reads what it wrote.</summary>
public static class NodeSide
{
    public static async Task<(string Version, Dictionary<string, NodeResult> Results)> RunAsync(string root, string casesFile, string outFile)
    {
        var dir = Path.Combine(root, "bench", "templating");
        if (!Directory.Exists(Path.Combine(dir, "node_modules", "adaptivecards-templating")))
        {
            throw new InvalidOperationException("bench/templating/node_modules is missing: run `npm ci` there (scripts/bench-templating.sh does).");
        }

        var psi = new ProcessStartInfo("node") { WorkingDirectory = dir, RedirectStandardError = true };
        psi.ArgumentList.Add("time-expand.js");
        psi.ArgumentList.Add(casesFile);
        psi.ArgumentList.Add(outFile);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start node");
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"time-expand.js failed ({process.ExitCode}): {stderr}");
        }

        var json = JsonNode.Parse(await File.ReadAllTextAsync(outFile))!.AsObject();
        var results = json["results"]!.AsArray().Select(r => new NodeResult(
            r!["id"]!.GetValue<string>(),
            r["expanded"],
            r["sameAsRender"]!.GetValue<bool>(),
            new Timing(r["expandUs"]!.GetValue<double>(), r["expandCpuUs"]!.GetValue<double>(), null),
            new Timing(r["renderUs"]!.GetValue<double>(), r["renderCpuUs"]!.GetValue<double>(), null),
            new Timing(r["expandTextUs"]!.GetValue<double>(), r["expandTextCpuUs"]!.GetValue<double>(), null),
            new Timing(r["renderTextUs"]!.GetValue<double>(), r["renderTextCpuUs"]!.GetValue<double>(), null)));
        return (json["node"]!.GetValue<string>(), results.ToDictionary(r => r.Id, StringComparer.Ordinal));
    }
}
