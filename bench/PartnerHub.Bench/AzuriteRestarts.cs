using System.Diagnostics;
using System.Net.Sockets;

namespace PartnerHub.Bench;

/// <summary>
/// Restarts Azurite between the benchmark's modes, when scripts/bench.sh started it and said how
/// (<c>--azurite-command</c>, <c>--azurite-args</c>): each mode then measures on an emulator that holds its own data only.
/// Azurite keeps everything in one Node process, and what a mode left behind slowed the modes after it: the write rows'
/// queued nudges, walked once a minute by its queue clean-up, stalled every call for seconds by the scale rows
/// (bench/README.md, step 2). An Azurite someone else started is never touched.
/// </summary>
public sealed class AzuriteRestarts(string? command, IReadOnlyList<string> arguments, int? pid, string logDirectory) : IAsyncDisposable
{
    private static readonly int[] Ports = [10001, 10002];
    private Process? _started;

    /// <summary>The running Azurite's process, for its CPU time.</summary>
    public int? Pid { get; private set; } = pid;

    public int Restarts { get; private set; }

    public bool CanRestart => command is not null && Pid is not null;

    public async Task RestartAsync()
    {
        if (!CanRestart)
        {
            return;
        }

        Stop(Pid!.Value);
        await UntilAsync(() => !Ports.Any(PortOpen), "closed its ports");
        Restarts++;
        _started = ServerProcess.Launch(
            "Azurite", command!, arguments, Environment.CurrentDirectory, new Dictionary<string, string>(),
            Path.Combine(logDirectory, $"azurite-{Restarts}.log"));
        Pid = _started.Id;
        await UntilAsync(() => Ports.All(PortOpen), "answered on 10001 and 10002");
        Console.Error.WriteLine($"[bench] Azurite restarted (pid {Pid})");
    }

    private static void Stop(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Gone already.
        }
    }

    private static async Task UntilAsync(Func<bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Azurite never {what} within 60 s.");
            }

            await Task.Delay(200);
        }
    }

    private static bool PortOpen(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>Stops the Azurite this class started last; scripts/bench.sh stops the one it started.</summary>
    public ValueTask DisposeAsync()
    {
        if (_started is { } started)
        {
            Stop(started.Id);
            started.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
