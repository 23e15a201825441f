using System.Diagnostics.CodeAnalysis;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Playwright;

namespace PartnerHub.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Everything between a test and the bot: Azurite, the real API on loopback HTTP, the Agents Playground
/// (a Teams client emulator we did not write) and a Chromium to look at the Playground's page.
/// </summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes collection fixtures through IAsyncLifetime.DisposeAsync.")]
public sealed class TeamsEmulatorFixture : IAsyncLifetime
{
    private Azurite? _azurite;
    private ApiHost? _api;
    private PlaygroundProcess? _playground;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public ApiHost Api => _api ?? throw NotStarted();

    public IBrowser Browser => _browser ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        try
        {
            _azurite = await Azurite.EnsureAsync();

            _api = new ApiHost(Ports.GetFree());
            _api.StartServer();

            Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            // Waits are on state, never on time; generous, because two cores are shared with other builds.
            Assertions.SetDefaultExpectTimeout(60_000);
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                // Never a downloaded browser: the distribution's Chromium only.
                ExecutablePath = "/usr/bin/chromium",
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic",
                ],
            });
        }
        catch
        {
            // xunit skips DisposeAsync when InitializeAsync throws; don't leave Azurite or node behind.
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Stops the previous Playground run and starts a new one: a new personal chat id and empty buffers,
    /// so no test sees another's messages. (The API trusts any loopback serviceUrl in anonymous mode, so the port may change.)
    /// </summary>
    public async Task<PlaygroundProcess> StartFreshPlaygroundAsync()
    {
        // Tests in one collection run one at a time, so no lock: one Playground at a time by construction.
        if (_playground is not null)
        {
            await _playground.DisposeAsync();
            _playground = null;
        }

        _playground = await PlaygroundProcess.StartAsync(Ports.GetFree(), Api.MessagesEndpoint);
        return _playground;
    }

    public async Task DisposeAsync()
    {
        // Each step on its own: one failing teardown must not leave the next process running.
        var failures = new List<Exception>();
        async Task Step(Func<Task> step)
        {
            try
            {
                await step();
            }
            catch (Exception e)
            {
                failures.Add(e);
            }
        }

        await Step(async () =>
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }
        });
        await Step(() =>
        {
            _playwright?.Dispose();
            return Task.CompletedTask;
        });
        await Step(async () =>
        {
            if (_playground is not null)
            {
                await _playground.DisposeAsync();
            }
        });
        await Step(async () =>
        {
            if (_api is not null)
            {
                await _api.DisposeAsync();
            }
        });
        await Step(DropRunTablesAsync);
        await Step(async () =>
        {
            if (_azurite is not null)
            {
                await _azurite.DisposeAsync();
            }
        });

        if (failures.Count > 0)
        {
            throw new AggregateException("E2E teardown was incomplete.", failures);
        }
    }

    /// <summary>A shared Azurite outlives us: remove the tables and the outbox queue this run's prefix created.</summary>
    private async Task DropRunTablesAsync()
    {
        if (_api is null || _azurite is null || _azurite.Owned)
        {
            return;
        }

        var service = new TableServiceClient(Azurite.ConnectionString);
        // The prefix is letters and digits only, so it needs no escaping in the filter.
        var filter = $"TableName ge '{_api.TablePrefix}' and TableName lt '{_api.TablePrefix}~'";
        await foreach (var table in service.QueryAsync(filter))
        {
            await service.DeleteTableAsync(table.Name);
        }

        // Queue names are the same prefix, lowercased (TableStore.QueueName).
        var queues = new QueueServiceClient(Azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: _api.TablePrefix.ToLowerInvariant()))
        {
            await queues.DeleteQueueAsync(queue.Name);
        }
    }

    private static InvalidOperationException NotStarted() => new("The fixture has not started.");
}

[CollectionDefinition(Name)]
public sealed class TeamsEmulatorCollectionDefinition : ICollectionFixture<TeamsEmulatorFixture>
{
    public const string Name = "Teams emulator";
}
