using System.Diagnostics;

namespace PartnerHub.Bench;

/// <summary>
/// Waiting until the servers under test are nearly idle (under a tenth of a core for a second). Two uses: after a
/// warm-up, so the runtime's background tier-up compilation finishes before the measurement instead of inside it (a
/// fresh API spent a quarter of its CPU in the JIT for half a minute under load); and after an overloaded row, which
/// leaves a server working on requests the driver gave up on.
/// </summary>
public static class ServerIdle
{
    /// <summary>How long the wait after a warm-up may last (the JIT's tier-up of what the warm-up ran).</summary>
    public static readonly TimeSpan AfterWarmup = TimeSpan.FromSeconds(30);

    /// <summary>How long the wait after filling a pool or after an overloaded row may last.</summary>
    public static readonly TimeSpan AfterLoad = TimeSpan.FromSeconds(60);

    public static async Task<TimeSpan> WaitAsync(IReadOnlyList<ServerProcess> servers, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var before = ProcStats.Sum(servers);
        while (clock.Elapsed < limit && before is not null)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var after = ProcStats.Sum(servers);
            if (after is null || (after.Value.CpuTime - before.Value.CpuTime) < TimeSpan.FromMilliseconds(100 * servers.Count))
            {
                break;
            }

            before = after;
        }

        return clock.Elapsed;
    }
}
