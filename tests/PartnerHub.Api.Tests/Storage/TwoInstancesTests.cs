using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph.Notifications;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Storage;

/// <summary>
/// Two instances of one deployment: two real hosts in this process on the same Azurite tables and queue, with one
/// Connector (and one Graph) behind both, acting on the same records at the same time. Nothing is delivered twice,
/// nothing is lost, and work only one instance may do is done once.
/// </summary>
public sealed class TwoInstancesTests : IClassFixture<AzuriteFixture>
{
    private const string ChangedBySomeoneElse = "En anden har lige ændret";

    [Fact]
    public async Task Referrals_submitted_on_both_hosts_each_reach_the_coordinator_once_with_both_dispatchers_running()
    {
        using var first = new BotHost();
        using var second = new BotHost(first.TablePrefix, first.HandOverConnector());
        await new ReferralScenario(first).SeedAsync();
        var form = await new ReferralScenario(first).SayAsync(Kindergarten, "henvis");
        first.Connector.ResetLogEntries();

        // Twelve referrals at once, every other one through the other host; each nudges the one shared queue.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
        {
            var data = ReferralWorkflowTests.FormData(form, firstName: "Amina" + (char)('a' + i)); // letters only
            data["requestId"] = "two-hosts-" + i;
            return new ReferralScenario(i % 2 == 0 ? first : second).ActAsync(Kindergarten, "referral.submit", data, "form-" + i);
        }));
        var referralIds = statuses.Select(s => (string)ActionData(Card(s), "referral.withdraw")["referralId"]!).ToList();
        Assert.Equal(12, referralIds.Distinct().Count());

        // Both dispatchers take nudges and sweep at the same time, until the project's outbox is empty.
        var dispatchers = new[] { first, second }.Select(h => h.Services.GetRequiredService<OutboxDispatcher>()).ToList();
        for (var round = 0; round < 10 && await PendingAsync(first) > 0; round++)
        {
            await Task.WhenAll(dispatchers.SelectMany(d => new Task[]
            {
                Task.Run(() => d.ReceiveOnceAsync(CancellationToken.None)),
                Task.Run(() => d.SweepOnceAsync(CancellationToken.None)),
            }));
        }

        Assert.Equal(0, await PendingAsync(first));
        var posts = first.ConnectorCalls().Where(c => c.Method == "POST").ToList();
        // No card went out twice ...
        Assert.All(posts.GroupBy(p => p.Path + p.Body!.ToJsonString()), same => Assert.Single(same));
        // ... and every referral's triage card went to the coordinator exactly once.
        var toCoordinator = posts.Where(p => p.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).ToList();
        Assert.All(referralIds, id => Assert.Single(toCoordinator, p => p.Body!.ToJsonString().Contains(id, StringComparison.Ordinal)));
        Assert.Equal(12, toCoordinator.Count);
    }

    [Fact]
    public async Task Two_changes_of_one_referral_through_two_hosts_at_once_one_is_applied_and_the_other_gets_the_current_card_and_a_notice()
    {
        using var first = new BotHost();
        using var second = new BotHost(first.TablePrefix, first.HandOverConnector());
        var scenario = new ReferralScenario(first);
        await scenario.SeedAsync();
        var form = await scenario.SayAsync(Kindergarten, "henvis");
        var status = Card(await scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        var referralId = (string)ActionData(status, "referral.withdraw")["referralId"]!;
        first.Connector.ResetLogEntries();
        await scenario.DeliverAsync();
        var triage = first.ConnectorCalls().Last(c => c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var assign = ActionData(triage, "referral.assign");
        await new ReferralScenario(second).SayAsync(Coordinator, "hjælp"); // the second host is up and warm: the two invokes overlap

        var answers = await Task.WhenAll(
            Task.Run(() => new ReferralScenario(first).ActAsync(Coordinator, "referral.assign", With(assign, "motherId", Mother.ObjectId), "card-on-laptop")),
            Task.Run(() => new ReferralScenario(second).ActAsync(Coordinator, "referral.assign", With(assign, "motherId", OtherMother.ObjectId), "card-on-phone")));

        var lost = Assert.Single(answers, a => Text(Card(a)).Contains(ChangedBySomeoneElse, StringComparison.Ordinal));
        var won = Assert.Single(answers, a => !ReferenceEquals(a, lost));
        var winner = ReferenceEquals(won, answers[0]) ? Mother : OtherMother;
        var stored = (await second.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None))!.Referral;
        Assert.Equal(winner.ObjectId, stored.AssignedMotherId);
        Assert.Equal(2, stored.History.Count); // submitted, assigned once
        Assert.Contains(winner == Mother ? "Samira" : "Hawa", Text(Card(lost)), StringComparison.Ordinal); // the current card
    }

    [Fact]
    public async Task A_referral_past_retention_swept_by_both_hosts_at_once_is_erased_once_audited_once_and_counts_stay()
    {
        using var first = new BotHost();
        using var second = new BotHost(first.TablePrefix, first.HandOverConnector());
        await new ReferralScenario(first).SeedAsync();
        var store = first.Services.GetRequiredService<ReferralStore>();
        var referralId = await RetentionSweepTests.CreateAsync(store, daysAgo: 400, close: true);
        var countsBefore = await CounterRowsAsync(first);
        var sweeps = new[] { first, second }.Select(h => ActivatorUtilities.CreateInstance<RetentionSweep>(h.Services, new FakeTimeProvider(RetentionSweepTests.Now))).ToList();

        var erased = await BothAtOnceAsync(sweeps[0], sweeps[1], s => s.SweepOnceAsync(CancellationToken.None));

        Assert.Equal(1, erased.Sum());
        var referral = (await store.FindAsync(ProjectId, referralId, CancellationToken.None))!.Referral;
        Assert.Null(referral.Person);
        Assert.Equal(RetentionSweepTests.Now, referral.ErasedAt);
        Assert.Single(await AuditRowsAsync(first, "Erase", referralId));
        Assert.Equal(countsBefore, await CounterRowsAsync(first));

        // The loop itself runs on one instance at a time: of two ticks at once, one sweeps.
        var ticks = await BothAtOnceAsync(sweeps[0], sweeps[1], s => s.TrySweepOnceAsync(CancellationToken.None));
        Assert.Single(ticks, t => t is not null);
    }

    [Fact]
    public async Task A_subscription_due_for_renewal_is_renewed_once_by_two_instances_renewing_at_once()
    {
        using var first = new GraphNotificationHost();
        using var second = new GraphNotificationHost(sameDeploymentAs: first);
        var records = new List<SubscriptionRecord>();
        for (var i = 0; i < 4; i++)
        {
            records.Add((await first.SubscribeAsync()).Record);
        }

        Assert.Equal(new RenewalPass(0, 0, 0), await second.Manager.RenewDueAsync(CancellationToken.None)); // up and warm, nothing due yet
        first.Clock.Advance(TimeSpan.FromHours(59)); // 11.5 h left: under the 12 h threshold

        var passes = await BothAtOnceAsync(first.Manager, second.Manager, m => m.RenewDueAsync(CancellationToken.None));

        Assert.All(records, r => Assert.Single(first.Subscriptions.Renewed, renewed => renewed.Id == r.Id));
        Assert.Equal(4, passes.Sum(p => p.Renewed));
        Assert.Equal(0, passes.Sum(p => p.Recreated + p.Failed));
        foreach (var record in records)
        {
            Assert.Equal(first.Clock.GetUtcNow() + TimeSpan.FromMinutes(4230), (await second.Store.FindAsync(record.Id, CancellationToken.None))!.ExpiresAt);
        }

        // A later pass on either instance finds nothing due: the claims were given back, the expiries recorded.
        Assert.Equal(new RenewalPass(0, 0, 0), await second.Manager.RenewDueAsync(CancellationToken.None));
        Assert.Equal(4, first.Subscriptions.Renewed.Count);
    }

    [Fact]
    public async Task A_lapsed_subscription_is_recreated_once_with_one_catch_up_sweep_by_two_instances_at_once()
    {
        using var first = new GraphNotificationHost();
        using var second = new GraphNotificationHost(sameDeploymentAs: first);
        var (record, _) = await first.SubscribeAsync();
        Assert.Equal(new RenewalPass(0, 0, 0), await second.Manager.RenewDueAsync(CancellationToken.None)); // up and warm
        first.Clock.Advance(TimeSpan.FromDays(3));

        var passes = await BothAtOnceAsync(first.Manager, second.Manager, m => m.RenewDueAsync(CancellationToken.None));

        Assert.Equal(1, passes.Sum(p => p.Recreated));
        Assert.Equal(2, first.Subscriptions.Created.Count); // the first one, and one replacement
        Assert.Empty(first.Subscriptions.Deleted);
        Assert.Empty(first.Subscriptions.Renewed);
        Assert.Equal(first.Subscriptions.Created[^1].Id, (await second.Store.FindByOrganizerAsync(record.OrganizerObjectId, CancellationToken.None))!.Id);
        Assert.Equal(GraphNotificationKinds.DeltaSweep, Assert.Single(await first.OutboxAsync(record.ProjectId)).Kind);
    }

    [Fact]
    public async Task Of_two_instances_renewal_loops_ticking_at_once_one_runs_the_pass()
    {
        using var first = new GraphNotificationHost();
        using var second = new GraphNotificationHost(sameDeploymentAs: first);
        using var firstLoop = ActivatorUtilities.CreateInstance<SubscriptionRenewalLoop>(first.Services);
        using var secondLoop = ActivatorUtilities.CreateInstance<SubscriptionRenewalLoop>(second.Services);

        var ran = await BothAtOnceAsync(firstLoop, secondLoop, l => l.TryRunOnceAsync(CancellationToken.None));
        Assert.Single(ran, r => r);
        var holder = ran[0] ? firstLoop : secondLoop;
        var other = ran[0] ? secondLoop : firstLoop;

        // The next interval: the holder goes on; the other takes over only once the holder has stopped (or its lease ran out).
        first.Clock.Advance(TimeSpan.FromHours(1));
        Assert.False(await other.TryRunOnceAsync(CancellationToken.None));
        Assert.True(await holder.TryRunOnceAsync(CancellationToken.None));
        await holder.StopAsync(CancellationToken.None);
        Assert.True(await other.TryRunOnceAsync(CancellationToken.None));
    }

    /// <summary>The same work on both instances, started together on the thread pool, so neither waits for the other.</summary>
    private static async Task<TResult[]> BothAtOnceAsync<T, TResult>(T first, T second, Func<T, Task<TResult>> work)
    {
        using var start = new Barrier(2);
        return await Task.WhenAll(
            Task.Run(() => { start.SignalAndWait(); return work(first); }),
            Task.Run(() => { start.SignalAndWait(); return work(second); }));
    }

    private static async Task<int> PendingAsync(BotHost host)
    {
        var count = 0;
        await foreach (var _ in host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(ProjectId, OutboxKeys.Prefix), select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>The project's report counters, as text (values only, no timestamps).</summary>
    private static async Task<string> CounterRowsAsync(BotHost host)
    {
        var rows = new List<string>();
        await foreach (var row in host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(ProjectId, "report-month|")))
        {
            rows.Add(row.RowKey + ":" + string.Join(",", row.Keys.Where(k => k is not ("Timestamp" or "odata.etag" or "PartitionKey" or "RowKey")).Order(StringComparer.Ordinal).Select(k => k + "=" + row[k])));
        }

        return string.Join("\n", rows);
    }

    /// <summary>Audit rows of one action on one record (test-only scan of this deployment's audit table).</summary>
    private static async Task<List<TableEntity>> AuditRowsAsync(BotHost host, string action, string recordId)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Tables.Table(TableNames.Audit).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"Action eq {action} and RecordId eq {recordId}")))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static JsonObject With(JsonObject data, string key, string value)
    {
        var copy = data.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }
}
