using System.Diagnostics;
using System.Text;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A helper process (node) whose output goes to a log file and whose whole tree dies with it,
/// on dispose or, as a last resort, when the test host exits.
/// </summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _logLock = new();
    private readonly StringBuilder _output = new();
    private readonly EventHandler _onHostExit;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
        _onHostExit = (_, _) => Kill();
        AppDomain.CurrentDomain.ProcessExit += _onHostExit;
    }

    public int Id => _process.Id;

    public string LogPath { get; private init; } = string.Empty;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process has written so far (stdout and stderr interleaved).</summary>
    public string Output
    {
        get
        {
            lock (_logLock)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a node script that also exits by itself if the test host dies without disposing it
    /// (tools/node/e2e/exit-with-parent.js, preloaded).
    /// </summary>
    public static ChildProcess StartNode(
        string script,
        IEnumerable<string> arguments,
        string workingDirectory,
        string logPath,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var withParent = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["E2E_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var watchdog = Path.Combine(RepoPaths.Root, "tools", "node", "e2e", "exit-with-parent.js");
        return Start("node", ["--require", watchdog, script, .. arguments], workingDirectory, logPath, withParent);
    }

    public static ChildProcess Start(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        string logPath,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(key);
            }
            else
            {
                startInfo.Environment[key] = value;
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: false, Encoding.UTF8) { AutoFlush = true };
        log.WriteLine($"# {fileName} {string.Join(' ', startInfo.ArgumentList)} (cwd {workingDirectory})");

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var child = new ChildProcess(process, log) { LogPath = logPath };
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the output contains <paramref name="text"/>; fails early if the process dies first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The process exited (code {_process.ExitCode}) before printing '{text}'. See {LogPath}.");
            }

            try
            {
                await Task.Delay(100, cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No '{text}' from the process within {timeout}. See {LogPath}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onHostExit;
        Kill();
        try
        {
            using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            // Logged below; the kill was sent and there is nothing more a test can do.
        }

        lock (_logLock)
        {
            _log.WriteLine(_process.HasExited ? $"# exited with {_process.ExitCode}" : "# still running after kill");
            _log.Dispose();
        }

        _process.Dispose();
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone between the check and the kill.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_logLock)
        {
            _output.AppendLine(line);
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output that races the final dispose is not worth a crash.
            }
        }
    }
}
