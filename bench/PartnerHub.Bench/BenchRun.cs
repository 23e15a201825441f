namespace PartnerHub.Bench;

/// <summary>
/// One run of the benchmark: the modes asked for, in an order that keeps each bounded and the measurements apart (the
/// out-of-process rows first: the closed and write rows on one API, then the open loop, two instances and the soak, each
/// on tables of its own; then the in-process round-trip count, then the data sizes, each on its own tables too).
/// </summary>
public sealed class BenchRun(BenchOptions options)
{
    private const int Sessions = 200;
    private readonly List<RunResult> _closed = [];
    private readonly ModeResults _modes = new();
    private readonly List<string> _notes = [];
    private readonly List<WriteScenarios> _ownWrites = [];
    private AzuriteRestarts _azurite = null!;

    public async Task<string> RunAsync()
    {
        if (!ProcStats.Available)
        {
            _notes.Add("/proc is not available here: CPU time and working set are not reported.");
        }

        // Azurite's Table endpoint is 127.0.0.1:10002; its process is the one listening there, whoever started it.
        await using var azurite = new AzuriteRestarts(
            options.AzuriteCommand, options.AzuriteArguments, options.AzuritePid ?? ProcStats.ListeningPid(10002), Path.Combine(options.OutputDirectory, "logs"));
        _azurite = azurite;
        _notes.Add(azurite.Pid is { } pid
            ? (options.AzuritePid is null
                ? $"Azurite (pid {pid}) was already running and is shared: its CPU time includes whatever else used it meanwhile."
                : $"Azurite (pid {pid}) was started for this run.")
            : "Azurite's process was not found: its CPU time is not reported.");
        _notes.Add($"Load average (1 min) at the start: {ProcStats.LoadAverage() ?? "unknown"}.");

        await using var connector = await FakeConnector.StartAsync();
        Console.Error.WriteLine($"[bench] fake Connector at {connector.ServiceUrl}");
        Scenario[] basic =
        [
            Scenario.HelpMessage(connector.ServiceUrl),
            Scenario.HelpMessageGroupChat(connector.ServiceUrl),
            Scenario.HelpInvoke(connector.ServiceUrl),
            Scenario.ReferralRefreshInvoke(connector.ServiceUrl),
        ];
        var writes = new WriteScenarios(connector.ServiceUrl);
        Scenario[] writeScenarios = [writes.Submit(), writes.Accept(), writes.Respond()];
        // Each answer takes a booking the setup requested (30 a cohort): closed rows and round trips only, not the open
        // loop, the soak or two instances, whose request counts would need thousands of cohorts.
        var booking = writes.BookingAnswer();
        var needsWrites = options.Write || options.OpenLoop || options.Soak || options.TwoInstances;

        await using (var api = await ApiInstances.StartAsync(options, "PartnerHub", "partnerhub-api.log"))
        {
            var helpCard = await Probe.PartnerHubAsync(api, connector, options.RunClosed ? basic : [basic[2], basic[3]], TimeSpan.FromSeconds(60));
            var cardPath = Path.Combine(options.OutputDirectory, "peer-card.json");
            await File.WriteAllTextAsync(cardPath, helpCard.ToJsonString());
            if (options.Write)
            {
                await PrepareWritesAsync(api, connector, writes, writeScenarios);
            }

            if (options.RunClosed)
            {
                await ClosedAsync(api, connector, basic, cardPath);
            }

            if (options.Write)
            {
                foreach (var scenario in writeScenarios.Where(s => options.WriteKeys?.Contains(s.Key) ?? true))
                {
                    await ClosedRowsAsync([api], connector, scenario, writes, _closed);
                }
            }
        }

        await BenchStorage.DropAsync(ApiInstances.TablePrefix);
        if (options.Write && (options.WriteKeys?.Contains(booking.Key) ?? true))
        {
            // On tables of its own: its setup requests some 3,000 bookings, one card action each, and on the tables the
            // rows above had filled, Azurite answered too slowly for the setup's bound (2026-12-06 03:35).
            await OnOwnTablesAsync(connector, "writev", (api, own, _) => ClosedRowsAsync([api], connector, own.BookingAnswer(), own, _closed));
        }

        // Each of these modes on tables of its own, dropped when it is done, so none measures the rows the modes before it
        // left: on Azurite a change costs time in proportion to its table (LokiJS renumbers its indexes for every row
        // removed or added), and its garbage collections in proportion to everything it holds.
        if (options.OpenLoop)
        {
            // Each action on tables of its own too: accepts measured on the tables the submits' rows had filled (some
            // 8,000 referrals at 50-400/s) measured those rows (p99 121 ms at 100/s on 2026-12-05 15:11).
            foreach (var key in ((string[])["c", "s", "t", "u"]).Where(k => options.WriteKeys?.Contains(k) ?? true))
            {
                await OnOwnTablesAsync(connector, "openloop" + key, (api, own, changes) => OpenLoopAsync(api, [.. changes.Prepend(basic[3]).Where(s => s.Key == key)], own));
            }
        }

        if (options.TwoInstances)
        {
            await OnOwnTablesAsync(connector, "twoinstances", (api, own, changes) => TwoInstancesAsync(api, connector, [basic[2], basic[3], .. changes], own, OwnTables("twoinstances")), Delivering);
        }

        if (options.Soak)
        {
            await OnOwnTablesAsync(connector, "soak", async (api, own, changes) => _modes.Soak = await Soak.RunAsync(options, api, [basic[3], .. changes], own, OwnTables("soak"), _azurite.Pid), Delivering);
        }

        if (options.RoundTrips)
        {
            await RoundTripsAsync(connector);
        }

        if (options.Scale)
        {
            await ScaleAsync(connector);
        }

        var poolMisses = writes.PoolMisses + _ownWrites.Sum(w => w.PoolMisses);
        if (poolMisses > 0)
        {
            _notes.Add($"Accept (t) found no submitted referral left {poolMisses} times (topping up is bounded to two minutes per row): those requests are errors (forbidden notice), not accepts.");
        }

        if (options.Write || options.RoundTrips)
        {
            _notes.Add(WriteScenarios.BookingNote);
        }

        if (azurite.Restarts > 0)
        {
            _notes.Add($"Azurite was restarted before each mode after the first ({azurite.Restarts} times), so each measured on an emulator holding its own data only.");
        }

        _notes.Add($"Load average (1 min) at the end: {ProcStats.LoadAverage() ?? "unknown"}.");
        var scenarios = basic.Where(_ => options.RunClosed).Concat(needsWrites ? writeScenarios : []).Concat(options.Write ? [booking] : []).ToList();
        return Report.Build(options, _closed, scenarios, _notes, options.AnyMode ? ReportSections.Build(options, _closed, _modes) : null);
    }

    /// <summary>The default rows: each scenario and concurrency, PartnerHub then the peer and the ceiling where they do the same work.</summary>
    private async Task ClosedAsync(ServerProcess api, FakeConnector connector, Scenario[] basic, string cardPath)
    {
        ServerProcess? peer = null;
        ServerProcess? ceiling = null;
        var peerLog = Path.Combine(options.OutputDirectory, "logs", "peer-botbuilder.log");
        Scenario[] peerScenarios = [basic[0], basic[2]];
        try
        {
            if (options.Peer)
            {
                var peerPort = ServerProcess.FreePort();
                peer = await ServerProcess.StartAsync(
                    "botbuilder (Node)", options.Node, [options.PeerScript], Path.GetDirectoryName(options.PeerScript)!,
                    new Dictionary<string, string> { ["PORT"] = $"{peerPort}", ["CARD_PATH"] = cardPath, ["NODE_ENV"] = "production" },
                    peerPort, peerLog, TimeSpan.FromSeconds(30));
                Console.Error.WriteLine($"[bench] botbuilder peer (pid {peer.Pid}) at {peer.BaseUrl}");
                await Probe.PeerAsync(peer, connector, peerScenarios);
            }

            if (options.Ceiling && File.Exists(options.CeilingDll))
            {
                ceiling = await ApiInstances.StartCeilingAsync(options, cardPath);
                await Probe.PeerAsync(ceiling, connector, [basic[2]]);
            }
            else if (options.Ceiling)
            {
                _notes.Add($"The ceiling was not measured: {options.CeilingDll} is missing (scripts/bench.sh builds it).");
            }

            // Interleaved (scenario, concurrency, then each bot in turn) so that whatever else the machine does at the
            // time weighs on all alike.
            foreach (var scenario in basic)
            {
                foreach (var concurrency in options.Concurrency)
                {
                    var bots = new List<ServerProcess> { api };
                    if (peer is not null && peerScenarios.Contains(scenario))
                    {
                        bots.Add(peer);
                    }

                    if (ceiling is not null && scenario.Key == "b")
                    {
                        bots.Add(ceiling);
                    }

                    foreach (var server in bots)
                    {
                        _closed.Add(await MeasureAsync([server], connector, scenario, concurrency));
                    }
                }
            }
        }
        finally
        {
            if (ceiling is not null)
            {
                await ceiling.DisposeAsync();
            }

            if (peer is not null)
            {
                await peer.DisposeAsync();
                _notes.AddRange(Probe.PeerNotes(peerLog));
            }
        }
    }

    private async Task ClosedRowsAsync(IReadOnlyList<ServerProcess> servers, FakeConnector connector, Scenario scenario, WriteScenarios writes, List<RunResult> into, IReadOnlyList<int>? concurrencies = null)
    {
        foreach (var concurrency in concurrencies ?? options.Concurrency)
        {
            if (scenario.Key == "t")
            {
                await writes.EnsureSubmittedAsync(servers, (options.WarmupRequests ?? scenario.Warmup) + (options.Requests ?? scenario.Requests), CancellationToken.None);
            }

            if (scenario.Key == "v")
            {
                await writes.EnsureBookingsAsync(servers[0], (options.WarmupRequests ?? scenario.Warmup) + (options.Requests ?? scenario.Requests), CancellationToken.None);
            }

            into.Add(await MeasureAsync(servers, connector, scenario, concurrency));
        }
    }

    private async Task<RunResult> MeasureAsync(IReadOnlyList<ServerProcess> servers, FakeConnector connector, Scenario scenario, int concurrency)
    {
        // Said before the row's warm-up, so a profiler can be attached to the API while the row runs (bench/README.md).
        Console.Error.WriteLine($"[bench] measuring {scenario.Key} at {concurrency} in flight");
        var result = await LoadRunner.RunAsync(servers, connector, scenario, concurrency,
            options.WarmupRequests ?? scenario.Warmup, options.Requests ?? scenario.Requests,
            options.ScenarioTimeLimit, options.RequestTimeout, _azurite.Pid);
        Console.Error.WriteLine("[bench] " + Report.Row(result));
        foreach (var sample in result.ErrorSamples)
        {
            Console.Error.WriteLine($"[bench]   error: {sample}");
        }

        if (servers.FirstOrDefault(s => s.HasExited) is { } gone)
        {
            throw new InvalidOperationException($"{gone.Name} exited during the run; see {gone.LogPath}.");
        }

        return result;
    }

    /// <summary>The bench's sessions and a submitted referral on the API's tables, and each change answered once.</summary>
    private static async Task PrepareWritesAsync(ServerProcess api, FakeConnector connector, WriteScenarios writes, Scenario[] changes)
    {
        await writes.CreateSessionsAsync(api, Sessions, CancellationToken.None);
        await writes.EnsureSubmittedAsync([api], 2, CancellationToken.None);
        await Probe.PartnerHubAsync(api, connector, changes, TimeSpan.FromSeconds(30), requireCard: false);
    }

    /// <summary>Runs one mode against an API on tables of its own (<c>bench{mode}</c>, the demo seeded), with change scenarios bound to them.</summary>
    private async Task OnOwnTablesAsync(FakeConnector connector, string mode, Func<ServerProcess, WriteScenarios, Scenario[], Task> run, bool deliver = false)
    {
        var prefix = OwnTables(mode);
        await _azurite.RestartAsync();
        try
        {
            await using var api = await ApiInstances.StartAsync(options, $"PartnerHub ({mode}, tables {prefix})", $"partnerhub-api-{mode}.log", prefix, deliver);
            var own = new WriteScenarios(connector.ServiceUrl);
            _ownWrites.Add(own);
            Scenario[] changes = [own.Submit(), own.Accept(), own.Respond()];
            await PrepareWritesAsync(api, connector, own, changes);
            await run(api, own, changes);
        }
        finally
        {
            await BenchStorage.DropAsync(prefix);
        }
    }

    /// <summary>
    /// Two instances and the soak run the outbox loop, as production does: two dispatchers on one account are part of
    /// what the first measures, and over the soak's minutes every change's nudge would otherwise wait in Azurite's
    /// queue, whose once-a-minute clean-up walks every message and stalls all table calls meanwhile (646 ms at 16,000
    /// messages, 2026-12-06). The open loop follows <c>--outbox</c> (each action on a fresh Azurite keeps its queue short).
    /// </summary>
    private const bool Delivering = true;

    private static string OwnTables(string mode) => ApiInstances.TablePrefix + mode;

    private async Task OpenLoopAsync(ServerProcess api, IReadOnlyList<Scenario> scenarios, WriteScenarios writes)
    {
        foreach (var scenario in scenarios)
        {
            if (scenario.Key == "u")
            {
                // Each session answered at most every 3 s at the highest rate: the mother does not answer one session
                // again before her last answer's new version is back (a second answer on the old version is a lost race).
                await writes.CreateSessionsAsync(api, Math.Max(Sessions, 3 * options.Rates.Max()), CancellationToken.None);
                await ServerIdle.WaitAsync([api], ServerIdle.AfterLoad);
            }

            foreach (var (row, rate) in options.Rates.Index())
            {
                // A fresh API runs each action: its first row warms up long enough for the JIT to see every hot method.
                var warmup = TimeSpan.FromSeconds(row == 0 ? 10 : 2);
                if (scenario.Key == "t")
                {
                    await writes.EnsureSubmittedAsync([api], (int)Math.Ceiling(rate * (options.OpenLoopDuration + warmup).TotalSeconds) + 10, CancellationToken.None);
                    await ServerIdle.WaitAsync([api], ServerIdle.AfterLoad);
                }

                var result = await OpenLoopRunner.RunAsync([api], [scenario], rate, options.OpenLoopDuration, warmup, options.RequestTimeout, options.MaxOutstanding, _azurite.Pid);
                _modes.OpenLoop.Add(result);
                Console.Error.WriteLine("[bench] open loop " + ReportSections.OpenLoopRow(result));
                // An overloaded row leaves the server working on requests the driver gave up on: the next row starts once it is idle.
                var settled = await ServerIdle.WaitAsync([api], ServerIdle.AfterLoad);
                if (settled > TimeSpan.FromSeconds(5))
                {
                    _notes.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"After open loop {scenario.Key} at {rate}/s the API needed {settled.TotalSeconds:0} s to become idle (bounded at {ServerIdle.AfterLoad.TotalSeconds:0} s) before the next row."));
                }
            }
        }
    }

    private async Task TwoInstancesAsync(ServerProcess api, FakeConnector connector, IReadOnlyList<Scenario> scenarios, WriteScenarios writes, string tablePrefix)
    {
        // The same storage and table prefix: the second instance sees the first one's data, as a scaled-out App Service does.
        await using var second = await ApiInstances.StartAsync(options, "PartnerHub (2nd)", "partnerhub-api-2.log", tablePrefix);
        await Probe.PartnerHubAsync(second, connector, scenarios, TimeSpan.FromSeconds(60), requireCard: false);
        foreach (var scenario in scenarios)
        {
            await ClosedRowsAsync([api, second], connector, scenario, writes, _modes.TwoInstances, [options.Concurrency.Max()]);
        }
    }

    private async Task RoundTripsAsync(FakeConnector connector)
    {
        // Tables of its own: its dispatcher would otherwise sweep up every notification the timed rows left undelivered.
        await _azurite.RestartAsync();
        try
        {
            _modes.RoundTrips.AddRange(await RoundTrips.CountAsync(options, connector.ServiceUrl, options.RoundTripRequests, OwnTables("roundtrips")));
        }
        finally
        {
            await BenchStorage.DropAsync(OwnTables("roundtrips"));
        }
    }

    private async Task ScaleAsync(FakeConnector connector)
    {
        foreach (var size in options.ScaleSizes)
        {
            var prefix = Scale.PrefixFor(size);
            await _azurite.RestartAsync();
            try
            {
                // The API first: it creates the tables and seeds the demo's cast, which the actions need.
                await using var api = await ApiInstances.StartAsync(options, $"PartnerHub ({size:N0} referrals)", $"partnerhub-api-scale-{size}.log", prefix);
                var writes = new WriteScenarios(connector.ServiceUrl);
                Scenario[] scenarios = [Scenario.ReferralRefreshInvoke(connector.ServiceUrl), writes.Submit(), writes.Accept()];
                await Probe.PartnerHubAsync(api, connector, [scenarios[0]], TimeSpan.FromSeconds(60), requireCard: false);
                Console.Error.WriteLine($"[bench] seeding {size:N0} referrals under {prefix}…");
                var seeding = await Scale.SeedAsync(size, options.ScaleParallelism, options.ScaleSeedBound);
                Console.Error.WriteLine($"[bench] seeded {seeding.Referrals:N0} of {size:N0} referrals in {seeding.Took.TotalSeconds:0} s");
                seeding = seeding with { FirstActions = await Scale.FirstActionsAsync(api, [scenarios[0], scenarios[1]], TimeSpan.FromMinutes(5)) };
                await writes.EnsureSubmittedAsync([api], 1, CancellationToken.None);
                foreach (var scenario in scenarios)
                {
                    var rows = new List<RunResult>();
                    await ClosedRowsAsync([api], connector, scenario, writes, rows, [options.Concurrency.Min()]);
                    _modes.Scale.AddRange(rows.Select(r => new ScaleRow(seeding, r, null)));
                }

                // What the read costs in storage calls at this size (in process, on the same data; the server above has stopped taking load).
                var counted = await RoundTrips.CountAsync(options, connector.ServiceUrl, 5, prefix, ["c", "t"]);
                for (var i = 0; i < _modes.Scale.Count; i++)
                {
                    if (_modes.Scale[i].Seeding == seeding && counted.FirstOrDefault(c => c.Scenario.Key == _modes.Scale[i].Result.Scenario.Key) is { } match)
                    {
                        _modes.Scale[i] = _modes.Scale[i] with { RoundTrips = match };
                    }
                }
            }
            finally
            {
                await BenchStorage.DropAsync(prefix);
            }
        }
    }
}
