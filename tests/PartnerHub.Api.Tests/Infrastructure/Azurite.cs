using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>
/// Real Table Storage for tests: the Azurite the test command started, or one this fixture starts itself
/// (in memory) when a developer runs dotnet test alone. Each user of it gets its own table prefix.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionString = "UseDevelopmentStorage=true";
    private Process? _started;

    public async Task InitializeAsync()
    {
        if (await IsListeningAsync(10002))
        {
            return;
        }

        var azurite = Path.Combine(RepoPaths.Root, "tools", "node", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run the README's test command (scripts/test.sh), which installs the npm tools.");
        }

        _started = Process.Start(new ProcessStartInfo("node",
            [azurite, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        });
        for (var i = 0; i < 120 && !await IsListeningAsync(10002); i++)
        {
            await Task.Delay(250);
        }
    }

    public Task DisposeAsync()
    {
        if (_started is { HasExited: false })
        {
            _started.Kill(entireProcessTree: true);
        }

        _started?.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>A table store whose tables no other test sees.</summary>
    public static async Task<TableStore> NewStoreAsync()
    {
        var store = new TableStore(Options.Create(new StorageOptions
        {
            ConnectionString = ConnectionString,
            TablePrefix = NewPrefix(),
        }));
        await store.EnsureTablesAsync(CancellationToken.None);
        return store;
    }

    public static string NewPrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    private static async Task<bool> IsListeningAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AzuriteGroup : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

public static class RepoPaths
{
    public static string Root => RepositoryRoot.FullName;
}
