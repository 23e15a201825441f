using System.Globalization;

namespace PartnerHub.Bench;

/// <summary>What to run and how much: every loop is bounded by a request count and a time limit.</summary>
public sealed record BenchOptions
{
    public required string RepoRoot { get; init; }
    /// <summary>Measured requests per row; null: each scenario's own count (fewer for the slower ones, to keep the run short).</summary>
    public int? Requests { get; init; }

    /// <summary>Warm-up requests before each row; null: each scenario's own count.</summary>
    public int? WarmupRequests { get; init; }

    public IReadOnlyList<int> Concurrency { get; init; } = [8, 32];
    public TimeSpan ScenarioTimeLimit { get; init; } = TimeSpan.FromSeconds(10);
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);
    public bool Peer { get; init; } = true;
    public string Node { get; init; } = "node";
    public int? AzuritePid { get; init; }

    /// <summary>How scripts/bench.sh started Azurite, so it can be restarted between modes (<see cref="AzuriteRestarts"/>).</summary>
    public string? AzuriteCommand { get; init; }
    public IReadOnlyList<string> AzuriteArguments { get; init; } = [];

    /// <summary>The default closed-loop rows (a, a′, b, c, with the ceiling and the peer); implied when no other mode is asked for.</summary>
    public bool Closed { get; init; }
    public bool Ceiling { get; init; } = true;
    public bool Write { get; init; }
    public bool OpenLoop { get; init; }
    public IReadOnlyList<int> Rates { get; init; } = [50, 100, 200, 400];
    public TimeSpan OpenLoopDuration { get; init; } = TimeSpan.FromSeconds(10);
    public int MaxOutstanding { get; init; } = 1000;
    public bool RoundTrips { get; init; }
    public int RoundTripRequests { get; init; } = 20;
    public bool Soak { get; init; }
    public TimeSpan SoakDuration { get; init; } = TimeSpan.FromMinutes(10);
    /// <summary>
    /// The soak's arrivals per second. 50: the soak finds leaks, so it runs at a rate whose deliveries this machine
    /// keeps up with. At 100 with every change delivered (as the soak runs), Azurite's one thread on the same two cores
    /// falls behind (2026-12-06: 2,737 time-outs in 10 minutes), and memory then holds the work behind.
    /// </summary>
    public int SoakRate { get; init; } = 50;
    public TimeSpan SoakInterval { get; init; } = TimeSpan.FromSeconds(30);
    public bool Scale { get; init; }
    public IReadOnlyList<int> ScaleSizes { get; init; } = [1_000, 10_000, 100_000];
    public int ScaleParallelism { get; init; } = 4;

    /// <summary>How long one size may seed: past it the rows are measured on what was written (Azurite slows with every row).</summary>
    public TimeSpan ScaleSeedBound { get; init; } = TimeSpan.FromMinutes(25);
    public bool TwoInstances { get; init; }

    /// <summary>
    /// Run the API's outbox dispatcher in the closed-loop and open-loop rows, as production does: each change's notifications are then
    /// delivered (to the fake Connector) by the instance that wrote them, and that work is in the API's CPU. Off by
    /// default, so a row measures the card action alone (its nudge then goes to the queue, a call production's running
    /// dispatcher takes in memory). Two instances, the soak and the round trips always run with it: over the soak's
    /// minutes the nudges would otherwise pile up in Azurite's queue, whose clean-up walks every message once a minute
    /// and stalls every table call meanwhile.
    /// </summary>
    public bool Outbox { get; init; }

    /// <summary>The --write and --open-loop rows to measure, by key (c, s, t, u, v); null: all of them. For profiling one action at a time.</summary>
    public IReadOnlySet<string>? WriteKeys { get; init; }

    /// <summary>Append the report to bench/RESULTS.md (any mode beyond the default does).</summary>
    public bool Append { get; init; }

    public bool AnyMode => Write || OpenLoop || RoundTrips || Soak || Scale || TwoInstances;
    public bool RunClosed => Closed || !AnyMode;

    /// <summary>Run the funder report's scenario (in process) instead of the /api/messages load.</summary>
    public bool Report { get; init; }
    public int ReportReferrals { get; init; } = 10_000;
    public int ReportOutreach { get; init; } = 50_000;
    public int ReportCalls { get; init; } = 200;
    public int ReportParallelism { get; init; } = 8;
    public string ApiDll => Path.Combine(RepoRoot, "src", "PartnerHub.Api", "bin", "Release", "net10.0", "PartnerHub.Api.dll");
    public string CeilingDll => Path.Combine(RepoRoot, "bench", "PartnerHub.Bench.Ceiling", "bin", "Release", "net10.0", "PartnerHub.Bench.Ceiling.dll");
    public string PeerScript => Path.Combine(RepoRoot, "bench", "node", "echo-card-bot.js");
    public string OutputDirectory => Path.Combine(RepoRoot, "artifacts", "bench");

    public const string Usage = """
        PartnerHub.Bench: a load benchmark of /api/messages on loopback (reports figures, asserts no timings).
          --repo DIR            repository root (default: found upward from the working directory)
          --requests N          measured requests per scenario and concurrency (default: per scenario, 200 to 3000)
          --warmup N            warm-up requests before each measurement (default: per scenario, 40 to 1000; the
                                read and write rows 1000, so tiered compilation has settled)
          --concurrency A,B     concurrent requests in flight (default 8,32)
          --time-limit SECONDS  upper bound on one measurement (default 10)
          --no-peer             skip the botbuilder peer
          --node PATH           the node executable for the peer (default: node on PATH)
          --azurite-pid PID     also report Azurite's CPU time (scripts/bench.sh passes the one it started)
          --azurite-command C, --azurite-args "A B"
                                how that Azurite was started: it is then restarted before each mode
          --no-ceiling          skip the bare ASP.NET Core ceiling (bench/PartnerHub.Bench.Ceiling)
          --outbox              run the API's outbox dispatcher in the closed-loop and open-loop rows, as production does:
                                each change's notifications are delivered to the fake Connector and that CPU counts
                                (default off: the card action alone, its nudge sent to the queue; two instances, the
                                soak and the round trips always run it)
          Modes (each selectable; with none, only the default closed-loop rows run; --all runs every mode):
          --closed              the default closed-loop rows (a, a′, b, c, ceiling, peer) beside other modes
          --write               closed-loop rows of the write path: referral.submit (s), referral.accept (t), session.respond (u)
          --scenarios A,B       only these --write and --open-loop rows (keys c,s,t,u,v; default all), e.g. to profile one action
          --open-loop           fixed arrival rates for c, s, t, u: latency from the scheduled time
          --rates A,B           open-loop rates per second (default 50,100,200,400)
          --open-seconds N      open-loop measurement per rate (default 10; plus 2 s warm-up)
          --round-trips         storage round trips per action (API hosted in process, counted by its own meter)
          --round-trip-requests N  sequential requests counted per scenario (default 20)
          --soak                steady mixed open-loop load, memory every 30 s
          --soak-minutes N      soak length (default 10); --soak-seconds N for a short check
          --soak-rate N         soak arrivals per second (default 50, which this machine delivers; c, s, t, u in turn)
          --scale               c, s, t with 1,000 / 10,000 / 100,000 referrals in the project's partition
          --scale-sizes A,B     referral counts (default 1000,10000,100000)
          --scale-seed-minutes N  longest seeding of one size (default 25); past it, rows run on what was seeded
          --two-instances       two API processes on one storage account, load round-robin over both
          --all                 every mode above, one report (about 30 minutes)
          --append              append the report to bench/RESULTS.md (any mode beyond the default does)
          --report              instead: the funder report's scenario (seeds one project, times the report in process,
                                appends to bench/RESULTS.md)
          --report-referrals N  referrals to seed (default 10000)
          --report-outreach N   outreach entries to seed (default 50000)
          --report-calls N      timed report calls per period (default 200)
          --report-parallel N   seeding workers (default 8)
        """;

    /// <summary>Parses the command line; returns null (after printing why) when it can't.</summary>
    public static BenchOptions? Parse(string[] args)
    {
        string? repo = null;
        var options = new BenchOptions { RepoRoot = "" };
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            try
            {
                switch (args[i])
                {
                    case "--repo":
                        repo = Path.GetFullPath(Next());
                        break;
                    case "--requests":
                        options = options with { Requests = Positive(Next(), 1_000_000) };
                        break;
                    case "--warmup":
                        options = options with { WarmupRequests = Positive(Next(), 100_000, allowZero: true) };
                        break;
                    case "--concurrency":
                        options = options with { Concurrency = [.. Next().Split(',').Select(c => Positive(c, 512))] };
                        break;
                    case "--time-limit":
                        options = options with { ScenarioTimeLimit = TimeSpan.FromSeconds(Positive(Next(), 600)) };
                        break;
                    case "--no-peer":
                        options = options with { Peer = false };
                        break;
                    case "--node":
                        options = options with { Node = Next() };
                        break;
                    case "--azurite-pid":
                        options = options with { AzuritePid = Positive(Next(), int.MaxValue) };
                        break;
                    case "--azurite-command":
                        options = options with { AzuriteCommand = Next() };
                        break;
                    case "--azurite-args":
                        options = options with { AzuriteArguments = Next().Split(' ', StringSplitOptions.RemoveEmptyEntries) };
                        break;
                    case "--report":
                        options = options with { Report = true };
                        break;
                    case "--no-ceiling":
                        options = options with { Ceiling = false };
                        break;
                    case "--outbox":
                        options = options with { Outbox = true };
                        break;
                    case "--closed":
                        options = options with { Closed = true };
                        break;
                    case "--write":
                        options = options with { Write = true };
                        break;
                    case "--scenarios":
                        options = options with { WriteKeys = Next().Split(',').ToHashSet(StringComparer.Ordinal) };
                        break;
                    case "--open-loop":
                        options = options with { OpenLoop = true };
                        break;
                    case "--rates":
                        options = options with { Rates = [.. Next().Split(',').Select(r => Positive(r, 5000))] };
                        break;
                    case "--open-seconds":
                        options = options with { OpenLoopDuration = TimeSpan.FromSeconds(Positive(Next(), 600)) };
                        break;
                    case "--round-trips":
                        options = options with { RoundTrips = true };
                        break;
                    case "--round-trip-requests":
                        options = options with { RoundTripRequests = Positive(Next(), 1000) };
                        break;
                    case "--soak":
                        options = options with { Soak = true };
                        break;
                    case "--soak-minutes":
                        options = options with { SoakDuration = TimeSpan.FromMinutes(Positive(Next(), 120)) };
                        break;
                    case "--soak-seconds":
                        options = options with { SoakDuration = TimeSpan.FromSeconds(Positive(Next(), 7200)), SoakInterval = TimeSpan.FromSeconds(Math.Min(30, Math.Max(5, int.Parse(args[i], CultureInfo.InvariantCulture) / 6))) };
                        break;
                    case "--soak-rate":
                        options = options with { SoakRate = Positive(Next(), 2000) };
                        break;
                    case "--scale":
                        options = options with { Scale = true };
                        break;
                    case "--scale-sizes":
                        options = options with { ScaleSizes = [.. Next().Split(',').Select(n => Positive(n, 1_000_000))] };
                        break;
                    case "--scale-seed-minutes":
                        options = options with { ScaleSeedBound = TimeSpan.FromMinutes(Positive(Next(), 600)) };
                        break;
                    case "--two-instances":
                        options = options with { TwoInstances = true };
                        break;
                    case "--append":
                        options = options with { Append = true };
                        break;
                    case "--all":
                        options = options with { Closed = true, Write = true, OpenLoop = true, RoundTrips = true, Soak = true, Scale = true, TwoInstances = true };
                        break;
                    case "--report-referrals":
                        options = options with { ReportReferrals = Positive(Next(), 1_000_000, allowZero: true) };
                        break;
                    case "--report-outreach":
                        options = options with { ReportOutreach = Positive(Next(), 1_000_000, allowZero: true) };
                        break;
                    case "--report-calls":
                        options = options with { ReportCalls = Positive(Next(), 100_000) };
                        break;
                    case "--report-parallel":
                        options = options with { ReportParallelism = Positive(Next(), 24) };
                        break;
                    case "-h" or "--help":
                        Console.WriteLine(Usage);
                        return null;
                    default:
                        throw new ArgumentException($"Unknown argument {args[i]}.");
                }
            }
            catch (Exception ex) when (ex is ArgumentException or FormatException or OverflowException)
            {
                Console.Error.WriteLine(ex.Message);
                Console.Error.WriteLine(Usage);
                return null;
            }
        }

        repo ??= FindRepoRoot(Directory.GetCurrentDirectory()) ?? FindRepoRoot(AppContext.BaseDirectory);
        if (repo is null)
        {
            Console.Error.WriteLine("Could not find the repository root (PartnerHub.sln); pass --repo.");
            return null;
        }

        return options with { RepoRoot = repo };
    }

    private static int Positive(string text, int max, bool allowZero = false)
    {
        var value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
        return value > max || (value == 0 && !allowZero)
            ? throw new ArgumentException($"{text} is out of range (1..{max}).")
            : value;
    }

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PartnerHub.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
