using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// The mothers' open load kept as counts beside the referrals, against Azurite: moved in each change's own transaction,
/// read by key, counted from the index once for a project that never had them, and never settled from a count that a
/// change overtook; over shards and two instances, every count lands.
/// </summary>
public sealed class OpenLoadRowsTests : IClassFixture<AzuriteFixture>
{
    private const string Samira = "7f3a1c52-0000-4000-8000-000000000001";
    private const string Amina = "7f3a1c52-0000-4000-8000-000000000002";
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Actor Partner = new("aad-kindergarten", ProjectId, ProjectRole.PartnerStaff, "solsikken");

    [Fact]
    public async Task A_project_whose_counts_were_never_settled_is_counted_from_its_index_once_and_then_read_by_one_key()
    {
        var prefix = await NewPrefixAsync();
        var store = Instance(prefix).Store;
        await AssignedAsync(store, Samira);
        await AssignedAsync(store, Samira);
        await AssignedAsync(store, Amina);

        var (first, firstCalls) = await ReadCountedAsync(prefix);
        var (second, secondCalls) = await ReadCountedAsync(prefix);

        Assert.Equal(Load((Samira, 2), (Amina, 1)), first);
        Assert.Equal(["partnerhub point-read", "partnerhub query", "$batch batch"], firstCalls);
        Assert.Equal(first, second);
        Assert.Equal(["partnerhub point-read"], secondCalls);
    }

    [Fact]
    public async Task Every_change_after_the_settle_moves_the_counts_in_its_own_transaction()
    {
        var prefix = await NewPrefixAsync();
        var store = Instance(prefix).Store;
        var first = await AssignedAsync(store, Samira);
        await ReadCountedAsync(prefix);

        var second = await AssignedAsync(store, Samira);
        var moved = await store.UpdateAsync(first, first.Referral with { AssignedMotherId = Amina }, "move", [], CancellationToken.None);
        await store.UpdateAsync(second, second.Referral with { State = ReferralState.Contacted }, "contact", [], CancellationToken.None);
        await store.UpdateAsync(moved, moved.Referral with { State = ReferralState.Closed, Outcome = ReferralOutcome.NotReached }, "close", [], CancellationToken.None);

        // Shard 0 and any shard it names by their keys, folded into one (a change that lost a race to the settle counted
        // in another shard); the index is not read again.
        var (load, calls) = await ReadCountedAsync(prefix);
        Assert.Equal(Load((Samira, 1)), load);
        Assert.DoesNotContain("partnerhub query", calls);
        Assert.Equal(["partnerhub point-read"], (await ReadCountedAsync(prefix)).Calls);
        // Her count back to none, her id leaves the row: it holds only the mothers with open referrals.
        Assert.DoesNotContain(Amina, (await LoadRowsAsync(prefix)).Single().GetString("Open"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_count_of_the_index_that_a_change_overtook_is_answered_once_but_never_settled()
    {
        var prefix = await NewPrefixAsync();
        var (tables, store) = Instance(prefix);
        var first = await AssignedAsync(store, Samira);

        // The index as counted before her second referral committed; the settle is conditional on the rows read before it.
        var answered = await OpenLoadRows.ReadAsync(tables.Table(TableNames.Main), tables.Written, ProjectId, async token =>
        {
            await store.UpdateAsync(first, first.Referral with { AssignedMotherId = Amina }, "move", [], token);
            return Load((Samira, 1));
        }, CancellationToken.None);

        Assert.Equal(Load((Samira, 1)), answered);
        Assert.Equal(Load((Amina, 1)), (await ReadCountedAsync(prefix)).Load);
    }

    [Fact]
    public async Task Changes_at_once_on_two_instances_all_count_and_a_read_folds_the_shards_into_one_row()
    {
        var prefix = await NewPrefixAsync();
        var one = Instance(prefix).Store;
        var two = Instance(prefix).Store;
        await ReadCountedAsync(prefix);

        // 24 at once on one instance spread over its counter shards; 8 more on the other race them by ETag.
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => AssignedAsync(one, i % 3 == 0 ? Amina : Samira))
            .Concat(Enumerable.Range(0, 8).Select(_ => AssignedAsync(two, Amina))));
        Assert.True((await LoadRowsAsync(prefix)).Count > 1, "The changes at once should have counted in more than one shard.");

        Assert.Equal(Load((Samira, 16), (Amina, 16)), (await ReadCountedAsync(prefix)).Load);
        Assert.Single(await LoadRowsAsync(prefix));

        // Both instances remember shard rows the fold deleted: their next changes count again from what is there.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => AssignedAsync(one, Samira)).Concat([AssignedAsync(two, Samira)]));
        Assert.Equal(Load((Samira, 23), (Amina, 16)), (await ReadCountedAsync(prefix)).Load);
    }

    private static async Task<StoredReferral> AssignedAsync(ReferralStore store, string mother)
    {
        var created = await store.CreateAsync(NewReferral(), "create|" + Guid.NewGuid(), [], CancellationToken.None);
        var assigned = created.Referral with { AssignedMotherId = mother, State = ReferralState.Assigned };
        return await store.UpdateAsync(created, assigned, "assign|" + Guid.NewGuid(), [], CancellationToken.None);
    }

    /// <summary>The load as a new instance reads it (nothing remembered), with the storage calls the read made.</summary>
    private static async Task<(IReadOnlyDictionary<string, int> Load, string[] Calls)> ReadCountedAsync(string prefix)
    {
        var store = Instance(prefix).Store;
        using var calls = new StorageCalls(prefix);
        IReadOnlyDictionary<string, int> load = new Dictionary<string, int>();
        var made = await calls.CountAsync(async () => load = await store.OpenLoadByMotherAsync(ProjectId, CancellationToken.None));
        return (load, made);
    }

    private static async Task<List<TableEntity>> LoadRowsAsync(string prefix)
    {
        var rows = new List<TableEntity>();
        var filter = TableQueries.Range(ProjectId, OpenLoadRows.RowKey(0), OpenLoadRows.RowKey(0) + "|~");
        await foreach (var row in Instance(prefix).Tables.Table(TableNames.Main).QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static Dictionary<string, int> Load(params (string Mother, int Count)[] counts) =>
        counts.ToDictionary(c => c.Mother, c => c.Count, StringComparer.Ordinal);

    private static async Task<string> NewPrefixAsync()
    {
        var prefix = AzuriteFixture.NewPrefix();
        await Instance(prefix).Tables.EnsureTablesAsync(CancellationToken.None);
        return prefix;
    }

    /// <summary>One API instance's view of the storage account: its own remembered rows and counter shards.</summary>
    private static (TableStore Tables, ReferralStore Store) Instance(string prefix)
    {
        var tables = new TableStore(Options.Create(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, TablePrefix = prefix }));
        return (tables, new ReferralStore(tables, new DirectoryStore(tables, new TableCallerDirectory(tables))));
    }

    private static Referral NewReferral() => Referral.Submit(
        ReferralIds.New(),
        Partner,
        new ReferralPerson("Amina", ["ar"], "Bøgeparken", new ContactPreference(ContactChannel.ThroughReferrer, ContactTime.Morning, null), null),
        NeedCategories.Children,
        new Consent(ConsentGivenBy.Herself, ConsentMethod.Verbal, new DateOnly(2026, 12, 4), "ar", Partner.ObjectId),
        Now);
}
