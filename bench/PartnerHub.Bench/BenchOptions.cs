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

    /// <summary>Run the funder report's scenario (in process) instead of the /api/messages load.</summary>
    public bool Report { get; init; }
    public int ReportReferrals { get; init; } = 10_000;
    public int ReportOutreach { get; init; } = 50_000;
    public int ReportCalls { get; init; } = 200;
    public int ReportParallelism { get; init; } = 8;
    public string ApiDll => Path.Combine(RepoRoot, "src", "PartnerHub.Api", "bin", "Release", "net10.0", "PartnerHub.Api.dll");
    public string PeerScript => Path.Combine(RepoRoot, "bench", "node", "echo-card-bot.js");
    public string OutputDirectory => Path.Combine(RepoRoot, "artifacts", "bench");

    public const string Usage = """
        PartnerHub.Bench: a load benchmark of /api/messages on loopback (reports figures, asserts no timings).
          --repo DIR            repository root (default: found upward from the working directory)
          --requests N          measured requests per scenario and concurrency (default: per scenario, 500 to 3000)
          --warmup N            warm-up requests before each measurement (default: per scenario, 100 to 300)
          --concurrency A,B     concurrent requests in flight (default 8,32)
          --time-limit SECONDS  upper bound on one measurement (default 10)
          --no-peer             skip the botbuilder peer
          --node PATH           the node executable for the peer (default: node on PATH)
          --azurite-pid PID     also report Azurite's CPU time (scripts/bench.sh passes the one it started)
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
                    case "--report":
                        options = options with { Report = true };
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
