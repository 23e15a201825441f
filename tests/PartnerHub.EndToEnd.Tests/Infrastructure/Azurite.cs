namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>Table Storage for the bot: the Azurite already running here (the test script starts one) or our own.</summary>
public sealed class Azurite : IAsyncDisposable
{
    public const int TablePort = 10002;

    /// <summary>Azurite's well-known development account, spelled out so it points at 127.0.0.1 whatever "localhost" resolves to.</summary>
    public const string ConnectionString =
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;" +
        "QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;" +
        "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private readonly ChildProcess? _process;
    private readonly string? _workingDirectory;

    private Azurite(ChildProcess? process, string? workingDirectory)
    {
        _process = process;
        _workingDirectory = workingDirectory;
    }

    /// <summary>True when this fixture started Azurite and so must stop it.</summary>
    public bool Owned => _process is not null;

    public static async Task<Azurite> EnsureAsync()
    {
        if (Ports.IsListening(TablePort))
        {
            return new Azurite(null, null);
        }

        var workingDirectory = Directory.CreateTempSubdirectory("partnerhub-e2e-azurite-").FullName;
        var process = ChildProcess.StartNode(
            Path.Combine(RepoPaths.NodeModules, "azurite", "dist", "src", "azurite.js"),
            [
                "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry",
                "--extentMemoryLimit", "512",
            ],
            workingDirectory,
            Path.Combine(RepoPaths.Artifacts, "azurite.log"));
        var azurite = new Azurite(process, workingDirectory);
        try
        {
            await Ports.WaitAsync(TablePort, listening: true, TimeSpan.FromSeconds(60));
            return azurite;
        }
        catch
        {
            await azurite.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (_workingDirectory is not null)
        {
            Directory.Delete(_workingDirectory, recursive: true);
        }
    }
}
