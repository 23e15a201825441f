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
var logs = Path.Combine(options.OutputDirectory, "logs");
var results = new List<RunResult>();
var notes = new List<string>();
if (!ProcStats.Available)
{
    notes.Add("/proc is not available here: CPU time and working set are not reported.");
}

// Azurite's Table endpoint is 127.0.0.1:10002; its process is the one listening there, whoever started it.
var azuritePid = options.AzuritePid ?? ProcStats.ListeningPid(10002);
notes.Add(azuritePid is { } pid
    ? (options.AzuritePid is null
        ? $"Azurite (pid {pid}) was already running and is shared: its CPU time includes whatever else used it meanwhile."
        : $"Azurite (pid {pid}) was started for this run.")
    : "Azurite's process was not found: its CPU time is not reported.");

await using var connector = await FakeConnector.StartAsync();
Console.Error.WriteLine($"[bench] fake Connector at {connector.ServiceUrl}");

Scenario[] partnerHubScenarios =
[
    Scenario.HelpMessage(connector.ServiceUrl),
    Scenario.HelpMessageGroupChat(connector.ServiceUrl),
    Scenario.HelpLanguageInvoke(connector.ServiceUrl),
    Scenario.ReferralRefreshInvoke(connector.ServiceUrl),
];
Scenario[] peerScenarios = [partnerHubScenarios[0], partnerHubScenarios[2]];

// 1. PartnerHub, out of process: Release build, Development anonymous (Playground) mode on loopback, demo data, no outbox.
//    Its tables carry the prefix "bench", so a reused Azurite keeps a developer's own demo data apart.
var apiPort = ServerProcess.FreePort();
await using var api = await ServerProcess.StartAsync(
    "PartnerHub", "dotnet", [options.ApiDll], Path.GetDirectoryName(options.ApiDll)!,
    new Dictionary<string, string>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
        ["Storage__ConnectionString"] = "UseDevelopmentStorage=true",
        ["Storage__TablePrefix"] = "bench",
        ["Demo__Seed"] = "true",
        ["Outbox__Enabled"] = "false",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
    },
    apiPort, Path.Combine(logs, "partnerhub-api.log"), TimeSpan.FromSeconds(90));
Console.Error.WriteLine($"[bench] PartnerHub API (pid {api.Pid}) at {api.BaseUrl}");
var helpCard = await Probe.PartnerHubAsync(api, connector, partnerHubScenarios, TimeSpan.FromSeconds(60));

// 2. The peer: botbuilder on Node, answering with the very card PartnerHub rendered for scenario (b).
ServerProcess? peer = null;
var peerLog = Path.Combine(logs, "peer-botbuilder.log");
if (options.Peer)
{
    var cardPath = Path.Combine(options.OutputDirectory, "peer-card.json");
    await File.WriteAllTextAsync(cardPath, helpCard.ToJsonString());
    var peerPort = ServerProcess.FreePort();
    peer = await ServerProcess.StartAsync(
        "botbuilder (Node)", options.Node, [options.PeerScript], Path.GetDirectoryName(options.PeerScript)!,
        new Dictionary<string, string> { ["PORT"] = $"{peerPort}", ["CARD_PATH"] = cardPath, ["NODE_ENV"] = "production" },
        peerPort, peerLog, TimeSpan.FromSeconds(30));
    Console.Error.WriteLine($"[bench] botbuilder peer (pid {peer.Pid}) at {peer.BaseUrl}");
    await Probe.PeerAsync(peer, connector, peerScenarios);
}

// 3. The measurements, interleaved (scenario, concurrency, then each bot in turn) so that whatever else the machine
//    does at the time weighs on both bots alike.
notes.Add($"Load average (1 min) at the start: {ProcStats.LoadAverage() ?? "unknown"}.");
try
{
    foreach (var scenario in partnerHubScenarios)
    {
        foreach (var concurrency in options.Concurrency)
        {
            var bots = peer is not null && peerScenarios.Contains(scenario) ? new[] { api, peer } : [api];
            foreach (var server in bots)
            {
                var result = await LoadRunner.RunAsync(server, connector, scenario, concurrency,
                    options.WarmupRequests ?? scenario.Warmup, options.Requests ?? scenario.Requests,
                    options.ScenarioTimeLimit, options.RequestTimeout, azuritePid);
                results.Add(result);
                Console.Error.WriteLine("[bench] " + Report.Row(result));
                foreach (var sample in result.ErrorSamples)
                {
                    Console.Error.WriteLine($"[bench]   error: {sample}");
                }

                if (server.HasExited)
                {
                    throw new InvalidOperationException($"{server.Name} exited during the run; see {server.LogPath}.");
                }
            }
        }
    }
}
finally
{
    if (peer is not null)
    {
        await peer.DisposeAsync();
        notes.AddRange(Probe.PeerNotes(peerLog));
    }
}

notes.Add($"Load average (1 min) at the end: {ProcStats.LoadAverage() ?? "unknown"}.");

var report = Report.Build(options, results, partnerHubScenarios, notes);
var resultsPath = Path.Combine(options.OutputDirectory, "results.md");
await File.WriteAllTextAsync(resultsPath, report);
Console.WriteLine(report);
Console.Error.WriteLine($"[bench] written to {resultsPath}");
return 0;
