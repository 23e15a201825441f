using System.Diagnostics;

namespace PartnerHub.Bench;

/// <summary>
/// A bot under test, run out of process so its CPU time and memory are its own (/proc/PID) and so both bots are
/// measured the same way. Output goes straight to a log file through the shell, so the driver never reads it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly List<Process> Running = [];
    private static readonly List<System.Runtime.InteropServices.PosixSignalRegistration> Signals = [];
    private readonly Process? _process;

    private ServerProcess(string name, Process? process, Uri baseUrl, string logPath)
    {
        Name = name;
        _process = process;
        BaseUrl = baseUrl;
        LogPath = logPath;
    }

    public string Name { get; }
    public Uri BaseUrl { get; }
    public Uri MessagesUrl => new(BaseUrl, "api/messages");
    public string LogPath { get; }
    /// <summary>The server's process; the benchmark's own for a server hosted in it (<see cref="External"/>).</summary>
    public int Pid => _process?.Id ?? Environment.ProcessId;
    public bool HasExited => _process?.HasExited ?? false;

    /// <summary>A server this class did not start (hosted in the benchmark's process): addressed, never stopped.</summary>
    public static ServerProcess External(string name, Uri baseUrl, string logPath) => new(name, null, baseUrl, logPath);

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/> and waits (bounded) until GET /health answers.</summary>
    public static async Task<ServerProcess> StartAsync(
        string name, string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, int port, string logPath, TimeSpan startTimeout)
    {
        var process = Launch(name, fileName, arguments, workingDirectory, environment, logPath);
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        var server = new ServerProcess(name, process, baseUrl, logPath);
        try
        {
            await server.WaitHealthyAsync(startTimeout);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting; see {LogPath}.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseUrl, "health"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} did not answer /health within {timeout.TotalSeconds:0} s; see {LogPath}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            try
            {
                // SIGKILL: the figures are taken already, and nothing of the server's state matters after the run.
                _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                // Left for the OS; the run is over either way.
            }
        }

        lock (Running)
        {
            Running.Remove(_process);
        }

        _process.Dispose();
    }

    /// <summary>
    /// Starts a child process with its output in <paramref name="logPath"/>, to be killed if the benchmark is
    /// interrupted. Through <c>exec</c>, so the shell becomes the child and /proc/PID is the child's own.
    /// </summary>
    public static Process Launch(
        string name, string fileName, IReadOnlyList<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string> environment, string logPath)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" \"$@\" >\"$PARTNERHUB_BENCH_LOG\" 2>&1 </dev/null");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PARTNERHUB_BENCH_LOG"] = logPath;
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        StopChildrenOnSignals();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        lock (Running)
        {
            Running.Add(process);
        }

        return process;
    }

    /// <summary>Ctrl-C or a TERM ends the benchmark before its disposals run: end the servers it started first.</summary>
    private static void StopChildrenOnSignals()
    {
        lock (Signals)
        {
            if (Signals.Count > 0)
            {
                return;
            }

            foreach (var signal in new[] { System.Runtime.InteropServices.PosixSignal.SIGINT, System.Runtime.InteropServices.PosixSignal.SIGTERM })
            {
                Signals.Add(System.Runtime.InteropServices.PosixSignalRegistration.Create(signal, _ =>
                {
                    lock (Running)
                    {
                        foreach (var child in Running)
                        {
                            try
                            {
                                child.Kill(entireProcessTree: true);
                            }
                            catch (InvalidOperationException)
                            {
                                // Already gone.
                            }
                        }
                    }
                }));
            }
        }
    }

    /// <summary>A free loopback TCP port (bound once, released, then handed to the child).</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
