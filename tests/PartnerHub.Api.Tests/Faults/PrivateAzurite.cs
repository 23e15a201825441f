using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// An Azurite of one test's own, on free ports and a temporary folder (data survives a restart), so the test can stop
/// storage under a host without touching the shared Azurite every other class uses.
/// </summary>
internal sealed class PrivateAzurite : IDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly string _location = Directory.CreateTempSubdirectory("partnerhub-azurite-").FullName;
    private readonly int _blobPort = FreePort();
    private readonly int _queuePort = FreePort();
    private readonly int _tablePort = FreePort();
    private Process? _process;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{_queuePort}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{_tablePort}/devstoreaccount1;";

    public async Task StartAsync()
    {
        var azurite = Path.Combine(RepoPaths.Root, "tools", "node", "node_modules", "azurite", "dist", "src", "azurite.js");
        _process = Process.Start(new ProcessStartInfo("node",
        [
            azurite, "--location", _location, "--silent", "--skipApiVersionCheck", "--disableTelemetry",
            "--blobHost", "127.0.0.1", "--blobPort", $"{_blobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{_queuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{_tablePort}",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start Azurite");
        for (var i = 0; i < 240; i++)
        {
            if (await ListeningAsync(_tablePort) && await ListeningAsync(_queuePort) && await ListeningAsync(_blobPort))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("the private Azurite did not start");
    }

    /// <summary>Stops it as an operator or a crash of the host would: SIGTERM (Azurite writes its files and exits).</summary>
    public async Task StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", $"{process.Id}"])))
        {
            await kill!.WaitForExitAsync();
        }

        using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(exited.Token);
        process.Dispose();
        _process = null;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_location, recursive: true);
        }
        catch (IOException)
        {
            // A file still held: the temp folder is the system's to clean.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task<bool> ListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
