using System.Diagnostics;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Infrastructure;

/// <summary>
/// Real Table Storage for tests: the Azurite the test command started, or one started (in memory) when a developer
/// runs dotnet test alone. A class fixture of every Azurite-backed test class: the classes run in parallel, each
/// with its own table prefix (which also names its queues and blob container), and Azurite is started at most once
/// per test process and stopped when the process ends.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string ConnectionString = "UseDevelopmentStorage=true";
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static Process? _started;

    public async Task InitializeAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_started is { HasExited: false } || await IsListeningAsync(10002))
            {
                return;
            }

            _started = Start();
            AppDomain.CurrentDomain.ProcessExit += (_, _) => Stop();
            for (var i = 0; i < 120 && !await IsListeningAsync(10002); i++)
            {
                await Task.Delay(250);
            }
        }
        finally
        {
            StartLock.Release();
        }
    }

    // Other classes may still be using it: the one Azurite this process started stops with the process.
    public Task DisposeAsync() => Task.CompletedTask;

    private static Process Start()
    {
        var azurite = Path.Combine(RepoPaths.Root, "tools", "node", "node_modules", "azurite", "dist", "src", "azurite.js");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException("Azurite is not installed: run the README's test command (scripts/test.sh), which installs the npm tools.");
        }

        return Process.Start(new ProcessStartInfo("node",
            [azurite, "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--disableTelemetry"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start Azurite");
    }

    private static void Stop()
    {
        if (_started is { HasExited: false })
        {
            _started.Kill(entireProcessTree: true);
        }

        _started?.Dispose();
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

    public static string NewPrefix() => "t" + UniqueIds.Next(10);

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

public static class RepoPaths
{
    public static string Root => RepositoryRoot.FullName;
}
