using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Graph.Notifications;

public sealed class SubscriptionManagerTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Ensure_creates_one_subscription_per_coordinator_on_her_events()
    {
        using var host = new GraphNotificationHost();
        var projectId = GraphNotificationHost.NewProjectId();
        var organizer = GraphNotificationHost.NewObjectId();

        var record = await host.Manager.EnsureAsync(projectId, organizer, CancellationToken.None);
        var again = await host.Manager.EnsureAsync(projectId, organizer, CancellationToken.None);

        var created = Assert.Single(host.Subscriptions.Created);
        Assert.Equal($"/users/{organizer}/events", created.Resource);
        Assert.Equal("created,updated,deleted", created.ChangeType);
        Assert.Equal(new Uri("https://partnerhub.example.org/api/graph/notifications"), created.NotificationUrl);
        Assert.Equal(new Uri("https://partnerhub.example.org/api/graph/lifecycle"), created.LifecycleUrl);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromMinutes(4230), created.ExpiresAt);
        Assert.True(created.ClientState.Length is >= 40 and <= 128);
        Assert.Equal(record.Id, again.Id);
        Assert.Equal((projectId, organizer), (record.ProjectId, record.OrganizerObjectId));
        Assert.Equal(record.Id, (await host.Store.FindIndexAsync(organizer, CancellationToken.None))!.SubscriptionId);
    }

    [Fact]
    public async Task The_clientState_is_random_per_subscription_and_only_its_hash_is_stored()
    {
        using var host = new GraphNotificationHost();
        var (first, firstSecret) = await host.SubscribeAsync();
        var (_, secondSecret) = await host.SubscribeAsync();

        Assert.NotEqual(firstSecret, secondSecret);
        var stored = await host.AllStoredValuesAsync();
        Assert.DoesNotContain(stored, v => v.Contains(firstSecret, StringComparison.Ordinal) || v.Contains(secondSecret, StringComparison.Ordinal));
        Assert.True(ClientStateSecret.Matches(first.ClientStateHash, firstSecret));
        Assert.False(ClientStateSecret.Matches(first.ClientStateHash, secondSecret));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(firstSecret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Ensure_for_another_of_her_projects_returns_the_one_subscription_and_registers_that_project()
    {
        using var host = new GraphNotificationHost();
        var (record, _) = await host.SubscribeAsync();
        var second = GraphNotificationHost.NewProjectId();

        var again = await host.Manager.EnsureAsync(second, record.OrganizerObjectId, CancellationToken.None);

        Assert.Equal(record.Id, again.Id);
        Assert.Equal(record.ProjectId, again.ProjectId); // its outbox rows stay where they were
        Assert.Single(host.Subscriptions.Created);
        var registered = new List<string>();
        await foreach (var projectId in host.Services.GetRequiredService<PartnerHub.Api.Storage.Outbox.ProjectRegistry>().ListAsync(CancellationToken.None))
        {
            registered.Add(projectId);
        }

        Assert.Contains(record.ProjectId, registered);
        Assert.Contains(second, registered);
    }

    [Fact]
    public async Task Ensure_after_expiry_creates_a_new_one_replaces_the_old_row_and_enqueues_a_catch_up_sweep()
    {
        using var host = new GraphNotificationHost();
        var (record, _) = await host.SubscribeAsync();
        host.Clock.Advance(TimeSpan.FromDays(4));

        var renewed = await host.Manager.EnsureAsync(record.ProjectId, record.OrganizerObjectId, CancellationToken.None);

        Assert.NotEqual(record.Id, renewed.Id);
        Assert.Null(await host.Store.FindAsync(record.Id, CancellationToken.None));
        Assert.Equal(renewed.Id, (await host.Store.FindByOrganizerAsync(record.OrganizerObjectId, CancellationToken.None))!.Id);
        Assert.Equal(GraphNotificationKinds.DeltaSweep, Assert.Single(await host.OutboxAsync(record.ProjectId)).Kind);
    }

    [Theory]
    [InlineData("http://partnerhub.example.org", "Production", false)]
    [InlineData("http://localhost:5000", "Development", true)]
    [InlineData("https://partnerhub.example.org/?x=1", "Production", false)]
    [InlineData("https://user:pw@partnerhub.example.org", "Production", false)]
    [InlineData("/relative", "Development", false)]
    [InlineData("https://partnerhub.example.org/base/", "Production", true)]
    public void The_public_base_url_must_be_https_unless_Development(string url, string environment, bool valid)
    {
        var options = new GraphNotificationOptions { PublicBaseUrl = url };

        Assert.Equal(valid, options.IsValid(environment == "Development"));
        if (valid)
        {
            Assert.EndsWith("/api/graph/notifications", options.CallbackUrls(environment == "Development").Notifications.AbsoluteUri, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Without_a_public_base_url_no_subscription_is_created()
    {
        using var host = new GraphNotificationHost(new Dictionary<string, string?> { ["Graph:PublicBaseUrl"] = "" });

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            host.Manager.EnsureAsync(GraphNotificationHost.NewProjectId(), GraphNotificationHost.NewObjectId(), CancellationToken.None));
        Assert.Empty(host.Subscriptions.Created);
    }

    [Fact]
    public void A_production_host_with_an_http_public_base_url_refuses_to_start()
    {
        using var host = new GraphNotificationHost(new Dictionary<string, string?> { ["Graph:PublicBaseUrl"] = "http://partnerhub.example.org" });

        Assert.ThrowsAny<Exception>(() => host.Services);
    }

    [Fact]
    public async Task The_renewal_pass_leaves_young_subscriptions_alone_and_purges_expired_replay_keys()
    {
        using var host = new GraphNotificationHost();
        var (record, clientState) = await host.SubscribeAsync();
        await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "ev-1"));
        Assert.Single(await SeenRowsAsync(host, record.ProjectId));

        host.Clock.Advance(TimeSpan.FromHours(7)); // Past the 6 h replay window; 2 days of the subscription left.
        var pass = await host.Manager.RenewDueAsync(CancellationToken.None);

        Assert.Equal(new RenewalPass(0, 0, 0), pass);
        Assert.Empty(host.Subscriptions.Renewed);
        Assert.Empty(await SeenRowsAsync(host, record.ProjectId));
    }

    [Fact]
    public void The_table_is_created_with_the_others()
    {
        Assert.Contains(GraphTables.Subscriptions, TableNames.All);
    }

    private static async Task<List<TableEntity>> SeenRowsAsync(GraphNotificationHost host, string projectId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, NotificationInbox.SeenPrefix)))
        {
            rows.Add(row);
        }

        return rows;
    }
}

public sealed class SubscriptionRenewalLoopTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task The_loop_renews_a_subscription_expiring_soon_and_recreates_one_graph_says_is_gone()
    {
        using var host = new GraphNotificationHost();
        var (soon, _) = await host.SubscribeAsync();
        var (gone, _) = await host.SubscribeAsync();
        host.Subscriptions.Gone[gone.Id] = true;
        // Both have 4230 min (70.5 h) to live; 58 h on, 12.5 h are left: not yet under the 12 h threshold.
        host.Clock.Advance(TimeSpan.FromHours(58));

        using var loop = ActivatorUtilities.CreateInstance<SubscriptionRenewalLoop>(host.Services);
        using var passes = new LoopPasses(loop);
        await loop.StartAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(1)); // The renewal interval: the next tick, with nothing real waited for.

        await passes.WaitUntilAsync(() => host.Subscriptions.Calls.Contains("renew:" + soon.Id) && host.Subscriptions.Created.Count == 3);
        await loop.StopAsync(CancellationToken.None);
        var recreated = host.Subscriptions.Created[^1].Id;

        Assert.Contains("renew-404:" + gone.Id, host.Subscriptions.Calls);
        Assert.Equal(host.Clock.GetUtcNow() + TimeSpan.FromMinutes(4230), (await host.Store.FindAsync(soon.Id, CancellationToken.None))!.ExpiresAt);
        var replacement = await host.Store.FindByOrganizerAsync(gone.OrganizerObjectId, CancellationToken.None);
        Assert.Equal(recreated, replacement!.Id);
        Assert.Null(await host.Store.FindAsync(gone.Id, CancellationToken.None));
        Assert.Equal(GraphNotificationKinds.DeltaSweep, Assert.Single(await host.OutboxAsync(gone.ProjectId)).Kind);
        Assert.Empty(await host.OutboxAsync(soon.ProjectId));
    }

    [Fact]
    public async Task A_subscription_that_expired_unrenewed_is_recreated_without_asking_graph_to_renew_it()
    {
        using var host = new GraphNotificationHost();
        var (record, _) = await host.SubscribeAsync();
        host.Clock.Advance(TimeSpan.FromDays(3));

        var pass = await host.Manager.RenewDueAsync(CancellationToken.None);

        Assert.Equal(new RenewalPass(0, 1, 0), pass);
        Assert.Empty(host.Subscriptions.Renewed);
        Assert.NotEqual(record.Id, (await host.Store.FindByOrganizerAsync(record.OrganizerObjectId, CancellationToken.None))!.Id);
    }
}

/// <summary>Counts a loop's completed passes, so a test waits for work to finish rather than for time to pass.</summary>
internal sealed class LoopPasses : IDisposable
{
    private readonly GraphLoop _loop;
    private readonly SemaphoreSlim _completed = new(0);

    public LoopPasses(GraphLoop loop)
    {
        _loop = loop;
        _loop.PassCompleted += OnPass;
    }

    /// <summary>After each completed pass, checks the condition; fails after a generous safety limit.</summary>
    public async Task WaitUntilAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        do
        {
            await _completed.WaitAsync(limit.Token);
        }
        while (!condition());
    }

    public void Dispose()
    {
        _loop.PassCompleted -= OnPass;
        _completed.Dispose();
    }

    private void OnPass() => _completed.Release();
}
