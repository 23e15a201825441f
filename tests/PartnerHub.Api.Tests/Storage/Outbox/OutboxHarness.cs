using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Storage.Outbox;

/// <summary>
/// One "process" with the outbox wired as in production, against Azurite: its own container, and the table
/// prefix (tables and queue) it shares with any other harness created with the same prefix.
/// </summary>
internal sealed class OutboxHarness : IAsyncDisposable
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);
    public static readonly TimeSpan BaseDelay = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);
    public const int MaxAttempts = 3;

    private OutboxHarness(ServiceProvider provider, TableStore store)
    {
        Provider = provider;
        Store = store;
    }

    public ServiceProvider Provider { get; }
    public TableStore Store { get; }
    public OutboxDispatcher Dispatcher => Provider.GetRequiredService<OutboxDispatcher>();
    public OutboxWriter Writer => Provider.GetRequiredService<OutboxWriter>();
    public IOutboxNudge Nudge => Provider.GetRequiredService<IOutboxNudge>();
    public ProjectRegistry Registry => Provider.GetRequiredService<ProjectRegistry>();
    public TableClient Main => Store.Table(TableNames.Main);
    public QueueClient Queue => Store.Queue("outbox");

    public static async Task<OutboxHarness> CreateAsync(
        string prefix,
        TimeProvider time,
        Action<IServiceCollection>? configure = null,
        bool enabled = false)
    {
        var store = new TableStore(Options.Create(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, TablePrefix = prefix }));
        await store.EnsureTablesAsync(CancellationToken.None);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Enabled"] = enabled ? "true" : "false",
            ["LeaseDuration"] = Lease.ToString(),
            ["BaseDelay"] = BaseDelay.ToString(),
            ["MaxDelay"] = MaxDelay.ToString(),
            ["MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Jitter"] = "0.2",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(time);
        services.AddSingleton(store);
        services.AddOutbox(configuration);
        configure?.Invoke(services);
        return new OutboxHarness(services.BuildServiceProvider(validateScopes: true), store);
    }

    /// <summary>
    /// Starts the dispatcher and waits until its loop takes nudges in memory: the host runs its loop apart from
    /// <c>StartAsync</c>, so a nudge right after it could still go to the queue.
    /// </summary>
    public async Task StartLocalAsync()
    {
        await Dispatcher.StartAsync(CancellationToken.None);
        var local = Provider.GetRequiredService<LocalOutboxNudges>();
        for (var waited = 0; !local.IsOpen && waited < 30_000; waited += 10)
        {
            await Task.Delay(10);
        }

        Assert.True(local.IsOpen, "The dispatcher's loop did not start within 30 s.");
    }

    /// <summary>What a feature does: its entity and its outbox rows in one transaction, the project registered.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> CommitAsync(string projectId, params OutboxMessage[] messages)
    {
        await Registry.RegisterAsync(projectId, CancellationToken.None);
        return await CommitUnregisteredAsync(projectId, messages);
    }

    /// <summary>The same, in a project the sweep does not visit: only a nudge gets these rows delivered.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> CommitUnregisteredAsync(string projectId, params OutboxMessage[] messages)
    {
        var entries = messages.Select(message => Writer.Create(projectId, message)).ToList();
        var entity = new TableEntity(projectId, "thing|" + Guid.NewGuid().ToString("N")) { ["State"] = "changed" };
        await Main.CommitAsync(
            [new TableTransactionAction(TableTransactionActionType.Add, entity), .. entries.Select(entry => entry.Action)],
            CancellationToken.None);
        return entries;
    }

    /// <summary>Each entry's handler ran exactly once and its row is gone (delivered, its tombstone left).</summary>
    public async Task AssertDeliveredOnceAsync(RecordingHandler handler, string projectId, IEnumerable<OutboxEntry> entries)
    {
        foreach (var entry in entries)
        {
            Assert.Equal(1, handler.CallsFor(entry.RowKey));
            Assert.Null(await FindAsync(projectId, entry.RowKey));
        }
    }

    public async Task<TableEntity?> FindAsync(string projectId, string rowKey)
    {
        var response = await Main.GetEntityIfExistsAsync<TableEntity>(projectId, rowKey);
        return response.HasValue ? response.Value : null;
    }

    public async Task<PeekedMessage[]> PeekQueueAsync()
    {
        await Queue.CreateIfNotExistsAsync();
        return (await Queue.PeekMessagesAsync(32)).Value;
    }

    public ValueTask DisposeAsync() => Provider.DisposeAsync();

    public static string NewProjectId() => "p" + UniqueIds.Next(12);

    public static OutboxMessage Message(string kind = RecordingHandler.DefaultKind) =>
        new(kind, "{\"referralId\":\"" + Guid.NewGuid().ToString("N") + "\"}");
}

/// <summary>Counts calls per idempotency key; its behaviour per call is up to the test.</summary>
internal sealed class RecordingHandler(Func<OutboxDelivery, CancellationToken, Task>? behaviour = null, string kind = RecordingHandler.DefaultKind)
    : IOutboxHandler
{
    public const string DefaultKind = "test.notify";

    private readonly ConcurrentQueue<OutboxDelivery> _calls = new();

    public string Kind { get; } = kind;

    public IReadOnlyList<OutboxDelivery> Calls => [.. _calls];

    public int CallsFor(string rowKey) => _calls.Count(call => call.RowKey == rowKey);

    /// <summary>A handler that completes <paramref name="reached"/> once it has been called <paramref name="calls"/> times.</summary>
    public static RecordingHandler UntilCalled(int calls, out Task reached)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var seen = 0;
        reached = done.Task;
        return new RecordingHandler((_, _) =>
        {
            if (Interlocked.Increment(ref seen) == calls)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        });
    }

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        _calls.Enqueue(delivery);
        if (behaviour is not null)
        {
            await behaviour(delivery, cancellationToken);
        }
    }
}

internal sealed class RecordingObserver : IOutboxFailureObserver
{
    private readonly ConcurrentQueue<OutboxFailure> _failures = new();

    public IReadOnlyList<OutboxFailure> Failures => [.. _failures];

    public Task OnFailedAsync(OutboxFailure failure, CancellationToken cancellationToken)
    {
        _failures.Enqueue(failure);
        return Task.CompletedTask;
    }
}

internal static class TestClock
{
    public static FakeTimeProvider New() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
}
