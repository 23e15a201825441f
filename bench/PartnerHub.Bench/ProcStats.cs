using System.Globalization;

namespace PartnerHub.Bench;

/// <summary>One reading of a process's CPU time and memory from /proc (Linux). Absent elsewhere or once the process is gone.</summary>
public readonly record struct ProcSample(TimeSpan CpuTime, long PeakWorkingSetBytes, long WorkingSetBytes);

public static class ProcStats
{
    // USER_HZ: the unit of utime/stime in /proc/PID/stat. 100 on every Linux this runs on; sysconf(_SC_CLK_TCK) says so.
    private const double TicksPerSecond = 100;

    public static bool Available => File.Exists("/proc/self/stat");

    /// <summary>Several processes as one: CPU summed, the largest peak and the summed resident set; null if any cannot be read.</summary>
    public static ProcSample? Sum(IReadOnlyList<ServerProcess> servers)
    {
        var samples = servers.Select(s => Read(s.Pid)).ToList();
        return samples.Any(s => s is null)
            ? null
            : new ProcSample(
                TimeSpan.FromTicks(samples.Sum(s => s!.Value.CpuTime.Ticks)),
                samples.Max(s => s!.Value.PeakWorkingSetBytes),
                samples.Sum(s => s!.Value.WorkingSetBytes));
    }

    public static ProcSample? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: field 3 is state (index 0), so utime (14) and stime (15) are at indexes 11 and 12.
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            long peak = 0, rss = 0;
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    peak = Kilobytes(line) * 1024;
                }
                else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    rss = Kilobytes(line) * 1024;
                }
            }

            return new ProcSample(TimeSpan.FromSeconds(ticks / TicksPerSecond), peak, rss);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>
    /// Resets the peak resident set (VmHWM) to the current one, so the next reading is the peak of what follows
    /// (writing 5 to /proc/PID/clear_refs; Linux 4.0+, our own child). False when the kernel or permissions refuse.
    /// </summary>
    public static bool ResetPeak(int pid)
    {
        try
        {
            File.WriteAllText($"/proc/{pid}/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>CPU time all processes on the machine spent busy (every core: user, nice, system, irq, softirq, steal), from /proc/stat.</summary>
    public static TimeSpan? MachineBusy()
    {
        try
        {
            var cpu = File.ReadLines("/proc/stat").First(l => l.StartsWith("cpu ", StringComparison.Ordinal));
            var fields = cpu.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            // user nice system idle iowait irq softirq steal ...: everything but idle (3) and iowait (4).
            var busy = fields.Take(8).Where((_, i) => i is not 3 and not 4).Sum();
            return TimeSpan.FromSeconds(busy / TicksPerSecond);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The process listening on a loopback TCP port (/proc/net/tcp's socket inode, found among /proc/PID/fd), or null.</summary>
    public static int? ListeningPid(int port)
    {
        try
        {
            var portHex = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
            var inodes = File.ReadLines("/proc/net/tcp").Concat(File.Exists("/proc/net/tcp6") ? File.ReadLines("/proc/net/tcp6") : [])
                .Skip(1)
                .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Where(f => f.Length > 9 && f[1].EndsWith(portHex, StringComparison.Ordinal) && f[3] == "0A") // 0A: LISTEN
                .Select(f => $"socket:[{f[9]}]")
                .ToHashSet(StringComparer.Ordinal);
            if (inodes.Count == 0)
            {
                return null;
            }

            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                try
                {
                    if (Directory.EnumerateFileSystemEntries(Path.Combine(dir, "fd"))
                        .Any(fd => new FileInfo(fd).LinkTarget is { } target && inodes.Contains(target)))
                    {
                        return pid;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Gone meanwhile, or not ours to read.
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // No /proc: not reported.
        }

        return null;
    }

    /// <summary>The 1-minute load average, as /proc/loadavg says it.</summary>
    public static string? LoadAverage()
    {
        try
        {
            return File.ReadAllText("/proc/loadavg").Split(' ')[0];
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
