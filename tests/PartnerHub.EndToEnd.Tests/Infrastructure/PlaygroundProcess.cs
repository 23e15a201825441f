namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// One run of the Microsoft 365 Agents Playground (npm @microsoft/m365agentsplayground), pointed at the API.
/// Each run invents a new personal chat id and keeps everything in memory, so a fresh run is a fresh conversation.
/// </summary>
public sealed class PlaygroundProcess : IAsyncDisposable
{
    private static int s_runs;

    private readonly ChildProcess _process;
    private readonly string _workingDirectory;

    private PlaygroundProcess(int port, ChildProcess process, string workingDirectory)
    {
        Port = port;
        _process = process;
        _workingDirectory = workingDirectory;
    }

    public int Port { get; }

    /// <summary>"localhost", not 127.0.0.1: the Playground names itself so in serviceUrl, and the page's origin should match.</summary>
    public Uri BaseAddress => new($"http://localhost:{Port}/");

    public string LogPath => _process.LogPath;

    public static async Task<PlaygroundProcess> StartAsync(int port, Uri botEndpoint)
    {
        var run = Interlocked.Increment(ref s_runs);
        // Its own working directory, with the repository's mock users (valid GUIDs, mapped by DemoData) and fresh chat
        // ids, so every run is a fresh conversation.
        var workingDirectory = Directory.CreateTempSubdirectory("partnerhub-e2e-playground-").FullName;
        var configPath = Path.Combine(workingDirectory, ".m365agentsplayground.yml");
        var config = await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, ".m365agentsplayground.yml"));
        await File.WriteAllTextAsync(configPath, config
            .Replace("a:partnerhub-demo-personal-chat", "a:" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal)
            .Replace("a:partnerhub-demo-group-chat", "a:" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal));
        var binDirectory = Path.Combine(workingDirectory, "bin");
        Directory.CreateDirectory(binDirectory);
        // It opens a browser with xdg-open on start and crashes when that is missing; a no-op first on PATH, just in case.
        var xdgOpen = Path.Combine(binDirectory, "xdg-open");
        await File.WriteAllTextAsync(xdgOpen, "#!/bin/sh\nexit 0\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(xdgOpen, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var environment = new Dictionary<string, string?>
        {
            ["PATH"] = binDirectory + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
            ["TEAMSAPPTESTER_BROWSER"] = "none",
            // Offline, a client id makes its token request fail and the bot's replies then get 401: run without.
            ["AUTH_CLIENT_ID"] = null,
            ["AUTH_CLIENT_SECRET"] = null,
            ["AUTH_TENANT_ID"] = null,
            ["BOT_ENDPOINT"] = null,
            ["DEFAULT_CHANNEL_ID"] = null,
            ["TEAMSAPPTESTER_PORT"] = null,
            ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = configPath,
            ["M365_AGENTS_PLAYGROUND_LOGFILE"] = null,
        };

        var process = ChildProcess.StartNode(
            Path.Combine(RepoPaths.NodeModules, "@microsoft", "m365agentsplayground", "cli.js"),
            [
                "-e", botEndpoint.ToString(),
                "-c", "msteams",
                "--dt",
                "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ],
            workingDirectory,
            Path.Combine(RepoPaths.Artifacts, $"playground-{run}.log"),
            environment);
        var playground = new PlaygroundProcess(port, process, workingDirectory);
        try
        {
            await process.WaitForOutputAsync("Listening on ", TimeSpan.FromSeconds(60));
            if (!process.Output.Contains($"Listening on {port}", StringComparison.Ordinal))
            {
                // It silently takes a random port when the one asked for is taken (another process won the race).
                throw new InvalidOperationException($"The Playground did not take port {port}. See {process.LogPath}.");
            }

            await WaitForPingAsync(playground.BaseAddress);
            return playground;
        }
        catch
        {
            await playground.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        await Ports.WaitAsync(Port, listening: false, TimeSpan.FromSeconds(30));
        Directory.Delete(_workingDirectory, recursive: true);
    }

    private static async Task WaitForPingAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        using var cancellation = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            try
            {
                if ((await http.GetStringAsync("_debug/ping", cancellation.Token)) == "pong")
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200, cancellation.Token);
        }
    }
}
