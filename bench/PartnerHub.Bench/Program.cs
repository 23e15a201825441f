using PartnerHub.Bench;

// PartnerHub's load benchmark: reports figures, asserts no timings, and is not part of scripts/test.sh.
// Needs the API built in Release (scripts/bench.sh builds it) and Azurite on its standard ports.
var options = BenchOptions.Parse(args);
if (options is null)
{
    return 2;
}

if (options.Report)
{
    // The funder report's figure (issue 14): in process, no bots, no Connector.
    var lastMonth = DateOnly.FromDateTime(DateTime.UtcNow);
    return await ReportScenario.RunAsync(options, new ReportScenario.Options(
        options.ReportReferrals, options.ReportOutreach, options.ReportCalls, options.ReportParallelism, new DateOnly(lastMonth.Year, lastMonth.Month, 1)));
}

if (!File.Exists(options.ApiDll))
{
    Console.Error.WriteLine($"{options.ApiDll} is missing: build the API in Release first (scripts/bench.sh does).");
    return 2;
}

Directory.CreateDirectory(options.OutputDirectory);
var run = new BenchRun(options);
var report = await run.RunAsync();
var resultsPath = Path.Combine(options.OutputDirectory, "results.md");
await File.WriteAllTextAsync(resultsPath, report);
Console.WriteLine(report);
Console.Error.WriteLine($"[bench] written to {resultsPath}");
if (options.Append || options.AnyMode)
{
    var history = Path.Combine(options.RepoRoot, "bench", "RESULTS.md");
    await File.AppendAllTextAsync(history, Environment.NewLine + report.Replace("# PartnerHub load benchmark", "## PartnerHub load benchmark", StringComparison.Ordinal));
    Console.Error.WriteLine($"[bench] appended to {history}");
}

return 0;
