using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Reporting;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Storage;

public class CountedTransactionsTests : IClassFixture<AzuriteFixture>
{
    private static readonly DateOnly August = new(2026, 8, 1);
    private static readonly ReportPeriod Period = ReportPeriod.Parse("2026-08..2026-08")!;

    [Fact]
    public async Task Changes_racing_on_one_months_counter_all_commit_and_all_are_counted()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var project = NewProject();
        const int racing = 24;

        // Every change creates its own row and counts one in the same month: the first ones race to add the counter row.
        await Task.WhenAll(Enumerable.Range(0, racing).Select(i => Task.Run(() => CountOneAsync(store, project, i))));

        Assert.Equal(racing, await CountedAsync(store, project));
        var records = 0;
        await foreach (var _ in store.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(project, "record|")))
        {
            records++;
        }

        Assert.Equal(racing, records);

        // Changes in flight at once counted in shards of the month's counter, which the read added up.
        var shards = 0;
        await foreach (var _ in store.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(project, MonthCounterRows.RowKey("race", August))))
        {
            shards++;
        }

        Assert.InRange(shards, 2, CounterShards.Count);
    }

    [Fact]
    public async Task A_change_alone_counts_in_the_months_own_row_and_the_read_adds_up_every_shard()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var project = NewProject();
        var table = store.Table(TableNames.Main);
        await table.AddEntityAsync(new TableEntity(project, MonthCounterRows.RowKey("race", August, 3)) { [MonthCounterRows.Property("count")] = 5 });
        await table.AddEntityAsync(new TableEntity(project, MonthCounterRows.RowKey("race", August.AddMonths(1), 7)) { [MonthCounterRows.Property("count")] = 100 });

        await CountOneAsync(store, project, 0);
        await CountOneAsync(store, project, 1);

        Assert.Equal(2, (await table.GetEntityAsync<TableEntity>(project, MonthCounterRows.RowKey("race", August))).Value.GetInt32(MonthCounterRows.Property("count")));
        Assert.Equal(7, await CountedAsync(store, project));
        var twoMonths = ReportPeriod.Parse("2026-08..2026-09")!;
        Assert.Equal(107, (await MonthCounterRows.ReadAsync(table, project, "race", twoMonths, CancellationToken.None)).Sum(twoMonths, "count"));
    }

    [Fact]
    public async Task The_counter_row_this_instance_wrote_is_remembered_with_its_etag_and_every_counter()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var project = NewProject();
        await CountOneAsync(store, project, 0, "first");
        await CountOneAsync(store, project, 1, "second");

        var table = store.Table(TableNames.Main);
        var remembered = store.Written.Find(table, project, MonthCounterRows.RowKey("race", August))!;
        var stored = (await table.GetEntityAsync<TableEntity>(project, remembered.RowKey)).Value;
        Assert.Equal(stored.ETag, remembered.ETag);
        Assert.Equal((1, 1), (remembered.GetInt32(MonthCounterRows.Property("first")), remembered.GetInt32(MonthCounterRows.Property("second"))));
    }

    [Fact]
    public async Task Two_instances_taking_turns_count_everything_though_each_remembers_a_row_the_other_moved_on()
    {
        var one = await AzuriteFixture.NewStoreAsync();
        var other = SameTables(one);
        var project = NewProject();

        // Each instance's remembered row is stale after the other's write: that attempt fails on the counter and is
        // built again from a fresh read, and nothing is lost or counted twice.
        for (var i = 0; i < 6; i++)
        {
            await CountOneAsync(i % 2 == 0 ? one : other, project, i);
        }

        await Task.WhenAll(Enumerable.Range(6, 10).Select(i => Task.Run(() => CountOneAsync(i % 2 == 0 ? one : other, project, i))));

        Assert.Equal(16, await CountedAsync(one, project));
    }

    [Fact]
    public async Task Changes_in_flight_at_once_on_one_instance_never_race_each_other_for_a_counter_row()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var project = NewProject();
        var table = store.Table(TableNames.Main);
        const int racing = 3 * CounterShards.Count;
        var builds = 0;

        // Three times as many changes as shards, all at once: each waits for a shard of its own, so every transaction is
        // built once and commits on its first attempt (a race lost here would build it again from a fresh read).
        await Task.WhenAll(Enumerable.Range(0, racing).Select(i => Task.Run(() => CountedTransactions.SubmitAsync(
            table,
            project,
            async (rows, ct) =>
            {
                Interlocked.Increment(ref builds);
                var counters = await MonthCounterRows.ActionsAsync(rows, project, "race", [new CounterDelta(August, "count", 1)], ct);
                return new CountedTransaction([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(project, $"record|{i:D2}")), .. counters], FirstCounterIndex: 1);
            },
            store.Written,
            CancellationToken.None))));

        Assert.Equal(racing, builds);
        Assert.Equal(racing, await CountedAsync(store, project));
    }

    [Fact]
    public async Task A_counter_that_never_stops_moving_ends_as_try_again_with_nothing_written_never_as_her_lost_race()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var project = NewProject();
        var table = store.Table(TableNames.Main);
        var counterKey = MonthCounterRows.RowKey("race", August);
        await table.AddEntityAsync(new TableEntity(project, counterKey));
        var builds = 0;

        // Every attempt's counter action carries a version the row never had: as if another change counted first each time.
        var failure = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => CountedTransactions.SubmitAsync(
            table,
            project,
            (_, _) =>
            {
                builds++;
                return Task.FromResult(new CountedTransaction(
                    [
                        new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(project, "record|00")),
                        new TableTransactionAction(TableTransactionActionType.UpdateMerge, new TableEntity(project, counterKey), new Azure.ETag("W/\"datetime'2000-01-01T00%3A00%3A00.0000000Z'\"")),
                    ],
                    FirstCounterIndex: 1));
            },
            known: null,
            CancellationToken.None));

        Assert.Equal(503, failure.Status);
        Assert.True(StorageFaults.IsUnavailable(failure, CancellationToken.None));
        Assert.Equal(CountedTransactions.MaxAttempts, builds);
        Assert.False((await table.GetEntityIfExistsAsync<TableEntity>(project, "record|00")).HasValue);
    }

    private static async Task CountOneAsync(TableStore store, string project, int record, string key = "count") => await MonthCounterRows.SubmitAsync(
        store,
        project,
        [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(project, $"record|{record:D2}"))],
        "race",
        [new CounterDelta(August, key, 1)],
        CancellationToken.None);

    private static async Task<int> CountedAsync(TableStore store, string project) =>
        (await MonthCounterRows.ReadAsync(store.Table(TableNames.Main), project, "race", Period, CancellationToken.None)).Sum(Period, "count");

    private static TableStore SameTables(TableStore store) => new(Options.Create(new StorageOptions
    {
        ConnectionString = AzuriteFixture.ConnectionString,
        TablePrefix = store.Table(TableNames.Main).Name[..^TableNames.Main.Length],
    }));

    private static string NewProject() => "race-" + UniqueIds.Next(8);
}
