using Azure.Data.Tables;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using WireMock.Server;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>The referral store against Azurite: what one transaction writes, races, and the outbox surviving a restart.</summary>
public sealed class ReferralStoreTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Partner = new("aad-kindergarten", ProjectId, ProjectRole.PartnerStaff, "solsikken");
    private static readonly Actor CoordinatorActor = new("aad-coordinator", ProjectId, ProjectRole.Coordinator, null);

    [Fact]
    public async Task Create_writes_the_referral_its_indexes_the_idempotency_row_and_the_outbox_row_in_one_transaction()
    {
        var (tables, store, outbox) = await NewAsync();
        var referral = NewReferral();
        var message = outbox.Create(ProjectId, ReferralNotifications.SendCard(referral.Id, "aad-coordinator"));

        await store.CreateAsync(referral, "request-1", [message.Action], CancellationToken.None);

        var keys = await RowKeysAsync(tables);
        Assert.Equal(9, keys.Count);
        Assert.Contains("report-month|referrals|2026-11", keys);
        Assert.Contains("referral|" + referral.Id, keys);
        // Its card holders and onward referrals are kept beside it from now on (ReferralBeside).
        Assert.Contains("referral|" + referral.Id + "|kept", keys);
        Assert.Contains("referral|" + referral.Id + "|holders", keys);
        Assert.Contains(message.RowKey, keys);
        Assert.Single(keys, k => k.StartsWith("dedupe|", StringComparison.Ordinal));
        Assert.Single(keys, k => k.StartsWith("by-partner|solsikken|", StringComparison.Ordinal) && k.EndsWith(referral.Id, StringComparison.Ordinal));
        Assert.Single(keys, k => k.StartsWith("by-time|", StringComparison.Ordinal));
        Assert.Single(keys, k => k.StartsWith("by-state|Submitted|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_transaction_leaves_nothing_half_written()
    {
        var (tables, store, outbox) = await NewAsync();
        var referral = NewReferral();
        await store.CreateAsync(referral, "request-1", [], CancellationToken.None);
        var before = await RowKeysAsync(tables);

        // The same idempotency key again: the whole second transaction (a new referral, its indexes, its outbox row) is refused.
        var second = NewReferral();
        await Assert.ThrowsAsync<DuplicateRequestException>(() =>
            store.CreateAsync(second, "request-1", [outbox.Create(ProjectId, ReferralNotifications.SendCard(second.Id, "x")).Action], CancellationToken.None));

        Assert.Equal(before, await RowKeysAsync(tables));
    }

    [Fact]
    public async Task An_update_moves_the_state_index_and_adds_the_mother_index_in_the_same_transaction()
    {
        var (tables, store, _) = await NewAsync();
        var created = await store.CreateAsync(NewReferral(), "request-1", [], CancellationToken.None);
        var assigned = ReferralWorkflow.Apply(created.Referral, new AssignReferral("aad-mother"), CoordinatorActor, Now.AddHours(1)).Referral!;

        await store.UpdateAsync(created, assigned, "change-1", [], CancellationToken.None);

        var keys = await RowKeysAsync(tables);
        Assert.DoesNotContain(keys, k => k.StartsWith("by-state|Submitted|", StringComparison.Ordinal));
        Assert.Single(keys, k => k.StartsWith("by-state|Assigned|", StringComparison.Ordinal));
        Assert.Contains($"by-mother|aad-mother|{created.Referral.Id}", keys);
        Assert.Equal(1, (await store.OpenLoadByMotherAsync(ProjectId, CancellationToken.None))["aad-mother"]);
    }

    [Fact]
    public async Task A_states_ids_are_read_by_their_keys_newest_first_and_say_whether_that_was_all()
    {
        var (_, store, _) = await NewAsync();
        var submitted = new List<string>();
        for (var hours = 5; hours > 0; hours--)
        {
            submitted.Add((await store.CreateAsync(NewReferral(Now.AddHours(-hours)), "request-" + hours, [], CancellationToken.None)).Referral.Id);
        }

        var accepted = await store.CreateAsync(NewReferral(Now), "request-0", [], CancellationToken.None);
        await store.UpdateAsync(accepted, ReferralWorkflow.Apply(accepted.Referral, new AcceptReferral(), CoordinatorActor, Now.AddHours(1)).Referral!, "change-0", [], CancellationToken.None);
        submitted.Reverse();

        Assert.Equal((Joined(submitted), true), await IdsAsync(ReferralState.Submitted, 5));
        Assert.Equal((Joined(submitted[..3]), false), await IdsAsync(ReferralState.Submitted, 3));
        Assert.Equal((accepted.Referral.Id, true), await IdsAsync(ReferralState.Accepted, 5));
        Assert.Equal((string.Empty, true), await IdsAsync(ReferralState.Closed, 5));

        async Task<(string Ids, bool All)> IdsAsync(ReferralState state, int atMost)
        {
            var (ids, all) = await store.IdsInStateAsync(ProjectId, state, atMost, CancellationToken.None);
            return (Joined(ids), all);
        }

        static string Joined(IEnumerable<string> ids) => string.Join(",", ids);
    }

    [Fact]
    public async Task Two_concurrent_writers_on_the_same_version_one_wins_and_the_other_is_told_nothing_was_overwritten()
    {
        var (tables, store, _) = await NewAsync();
        var created = await store.CreateAsync(NewReferral(), "request-1", [], CancellationToken.None);
        var accept = ReferralWorkflow.Apply(created.Referral, new AcceptReferral(), CoordinatorActor, Now.AddHours(1)).Referral!;
        var decline = ReferralWorkflow.Apply(created.Referral, new DeclineReferral(DeclineReason.NoCapacity), CoordinatorActor, Now.AddHours(1)).Referral!;

        var results = await Task.WhenAll(
            Attempt(() => store.UpdateAsync(created, accept, "change-accept", [], CancellationToken.None)),
            Attempt(() => store.UpdateAsync(created, decline, "change-decline", [], CancellationToken.None)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is ReferralConflictException);
        var stored = await store.FindAsync(ProjectId, created.Referral.Id, CancellationToken.None);
        var winner = results[0] is null ? ReferralState.Accepted : ReferralState.Declined;
        Assert.Equal(winner, stored!.Referral.State);
        // Only the winner's index rows exist: the loser's transaction left nothing behind.
        var keys = await RowKeysAsync(tables);
        Assert.Single(keys, k => k.StartsWith("by-state|", StringComparison.Ordinal));
        Assert.Single(keys, k => k.StartsWith($"by-state|{winner}|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Outbox_rows_survive_a_process_that_dies_between_commit_and_send_and_go_once_after_restart()
    {
        string prefix;
        WireMockServer connector;
        using (var first = new BotHost())
        {
            var scenario = new ReferralScenario(first);
            await scenario.SeedAsync();
            var form = await scenario.SayAsync(Kindergarten, "henvis");
            await scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message");
            prefix = first.TablePrefix;
            connector = first.HandOverConnector();
            // The process "dies" here: its dispatcher never ran, the queue nudge is never read.
        }

        using var second = new BotHost(prefix, connector);
        var restarted = new ReferralScenario(second);

        Assert.Equal(1, await restarted.DeliverAsync());
        Assert.Equal(0, await restarted.DeliverAsync());
        var call = Assert.Single(second.ConnectorCalls());
        Assert.Equal($"/teams/v3/conversations/{Coordinator.ConversationId}/activities", call.Path);
    }

    private static async Task<Exception?> Attempt(Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (Exception e) when (e is ReferralConflictException or DuplicateRequestException)
        {
            return e;
        }
    }

    private static Referral NewReferral(DateTimeOffset? submittedAt = null) => Referral.Submit(
        ReferralIds.New(),
        Partner,
        new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
        NeedCategories.Children,
        new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 11, 25), "ar", Partner.ObjectId),
        submittedAt ?? Now);

    private static async Task<(TableStore Tables, ReferralStore Store, OutboxWriter Outbox)> NewAsync()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        return (tables, new ReferralStore(tables, new DirectoryStore(tables, new TableCallerDirectory(tables))), new OutboxWriter(new UlidGenerator(TimeProvider.System), TimeProvider.System));
    }

    private static async Task<List<string>> RowKeysAsync(TableStore tables)
    {
        var keys = new List<string>();
        await foreach (var row in tables.Table(TableNames.Main).QueryAsync<TableEntity>(r => r.PartitionKey == ProjectId, select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }

        return keys;
    }
}
