using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using PartnerHub.Api.Course;
using PartnerHub.Api.Outreach;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Outreach;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Outreach;

/// <summary>The outreach store against Azurite: one transaction per entry, its counters, races, repeats and the report section.</summary>
public sealed class OutreachStoreTests : IClassFixture<AzuriteFixture>
{
    private const string ProjectId = "vollsmose";
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Logging_writes_the_entry_her_index_the_dedupe_row_and_the_months_counter_in_one_go()
    {
        var (tables, store) = await NewAsync();
        var entry = Entry("mother-1", new DateOnly(2026, 12, 2), women: 3, topics: ["health"], services: [OutreachService.Doctor]);

        var logged = await store.LogAsync(entry, "key-1", CancellationToken.None);

        Assert.False(logged.Duplicate);
        var keys = await RowKeysAsync(tables);
        Assert.Equal(4, keys.Count);
        Assert.Contains("outreach|" + entry.Id, keys);
        Assert.Contains("outreach-month|2026-12", keys);
        Assert.Single(keys, k => k.StartsWith("outreach-of|mother-1|", StringComparison.Ordinal) && k.EndsWith(entry.Id, StringComparison.Ordinal));
        Assert.Single(keys, k => k.StartsWith("outreach-dedupe|", StringComparison.Ordinal) && !k.Contains("key-1", StringComparison.Ordinal));
        var (month, _) = await store.ReadMonthAsync(ProjectId, new DateOnly(2026, 12, 20), CancellationToken.None);
        Assert.Equal((1, 3, 1, 1, 1), (month.Entries, month.Women, month.ByTopic["health"], month.ByService[OutreachService.Doctor], month.Mothers.Count));
        var read = (await store.FindAsync(ProjectId, entry.Id, CancellationToken.None))!;
        Assert.Equal((entry.MotherObjectId, entry.Date, entry.Kind, entry.Women, entry.RecordedAt), (read.MotherObjectId, read.Date, read.Kind, read.Women, read.RecordedAt));
        Assert.Equal(entry.Topics, read.Topics);
        Assert.Equal(entry.Services, read.Services);
    }

    [Fact]
    public async Task A_repeat_of_the_same_key_is_applied_once_and_answers_the_first_entry()
    {
        var (tables, store) = await NewAsync();
        var first = Entry("mother-1", new DateOnly(2026, 12, 2));
        await store.LogAsync(first, "key-1", CancellationToken.None);
        var before = await RowKeysAsync(tables);

        var repeat = await store.LogAsync(Entry("mother-1", new DateOnly(2026, 12, 3)), "key-1", CancellationToken.None);

        Assert.True(repeat.Duplicate);
        Assert.Equal(first.Id, repeat.Entry.Id);
        Assert.Equal(before, await RowKeysAsync(tables));
        Assert.Equal(1, (await store.ReadMonthAsync(ProjectId, first.Date, CancellationToken.None)).Month.Entries);
    }

    [Fact]
    public async Task The_same_key_of_another_mother_is_another_request()
    {
        var (_, store) = await NewAsync();

        await store.LogAsync(Entry("mother-1", new DateOnly(2026, 12, 2)), "key-1", CancellationToken.None);
        var hers = await store.LogAsync(Entry("mother-2", new DateOnly(2026, 12, 2)), "key-1", CancellationToken.None);

        Assert.False(hers.Duplicate);
        Assert.Equal(2, (await store.ReadMonthAsync(ProjectId, new DateOnly(2026, 12, 1), CancellationToken.None)).Month.Entries);
    }

    [Fact]
    public async Task A_refused_entry_leaves_nothing_half_written()
    {
        var (tables, store) = await NewAsync();
        var first = Entry("mother-1", new DateOnly(2026, 12, 2));
        await store.LogAsync(first, "key-1", CancellationToken.None);
        var before = await RowKeysAsync(tables);

        // An entry whose row exists (the same id) under a new key: the whole transaction, dedupe row and counter included, is refused.
        var clash = first with { Date = new DateOnly(2026, 11, 20), Women = 9 };
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => store.LogAsync(clash, "key-2", CancellationToken.None));

        Assert.Equal(before, await RowKeysAsync(tables));
        Assert.Equal(0, (await store.ReadMonthAsync(ProjectId, clash.Date, CancellationToken.None)).Month.Entries);
        Assert.Equal(1, (await store.ReadMonthAsync(ProjectId, first.Date, CancellationToken.None)).Month.Entries);
    }

    [Fact]
    public async Task Racing_writers_on_one_months_counter_retry_until_every_entry_is_counted()
    {
        var (_, store) = await NewAsync();
        var entries = Enumerable.Range(1, 6).Select(i => Entry("mother-" + (i % 3), new DateOnly(2026, 12, i), women: i)).ToList();

        var results = await Task.WhenAll(entries.Select((entry, i) => store.LogAsync(entry, "key-" + i, CancellationToken.None)));

        Assert.All(results, r => Assert.False(r.Duplicate));
        var (month, _) = await store.ReadMonthAsync(ProjectId, new DateOnly(2026, 12, 1), CancellationToken.None);
        Assert.Equal(6, month.Entries);
        Assert.Equal(21, month.Women);
        Assert.Equal(3, month.Mothers.Count);
    }

    [Fact]
    public async Task Her_list_is_hers_only_newest_first_and_bounded()
    {
        var (_, store) = await NewAsync();
        var older = Entry("mother-1", new DateOnly(2026, 11, 20));
        var newer = Entry("mother-1", new DateOnly(2026, 12, 3));
        var newest = Entry("mother-1", new DateOnly(2026, 12, 4));
        foreach (var (entry, i) in new[] { newer, Entry("mother-2", new DateOnly(2026, 12, 4)), older, newest }.Select((e, i) => (e, i)))
        {
            await store.LogAsync(entry, "key-" + i, CancellationToken.None);
        }

        var all = await store.ListOwnAsync(ProjectId, "mother-1", 10, CancellationToken.None);
        var two = await store.ListOwnAsync(ProjectId, "mother-1", 2, CancellationToken.None);

        Assert.Equal([newest.Id, newer.Id, older.Id], all.Select(e => e.Id));
        Assert.Equal([newest.Id, newer.Id], two.Select(e => e.Id));
    }

    [Fact]
    public async Task A_range_of_months_reads_each_month_once_and_empty_months_as_zero()
    {
        var (_, store) = await NewAsync();
        await store.LogAsync(Entry("mother-1", new DateOnly(2026, 10, 2)), "a", CancellationToken.None);
        await store.LogAsync(Entry("mother-1", new DateOnly(2026, 12, 2)), "b", CancellationToken.None);
        await store.LogAsync(Entry("mother-1", new DateOnly(2027, 1, 2)), "c", CancellationToken.None);

        var months = await store.MonthsAsync(ProjectId, new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 1), CancellationToken.None);

        Assert.Equal([new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 1), new DateOnly(2026, 12, 1)], months.Select(m => m.Month));
        Assert.Equal([1, 0, 1], months.Select(m => m.Entries));
    }

    [Fact]
    public async Task The_report_section_sums_the_periods_months_and_counts_each_active_mother_once()
    {
        var (tables, store) = await NewAsync();
        await store.LogAsync(Entry("mother-1", new DateOnly(2026, 10, 2), OutreachKind.OpenHouse, 5, ["health", "school"], [OutreachService.JobCentre]), "a", CancellationToken.None);
        await store.LogAsync(Entry("mother-1", new DateOnly(2026, 11, 2), OutreachKind.HomeVisit, 1, ["health"], []), "b", CancellationToken.None);
        await store.LogAsync(Entry("mother-2", new DateOnly(2026, 11, 9), OutreachKind.Phone, 2, [], [OutreachService.JobCentre, OutreachService.Doctor]), "c", CancellationToken.None);
        await store.LogAsync(Entry("mother-3", new DateOnly(2026, 9, 30), OutreachKind.Phone, 7, [], []), "outside", CancellationToken.None);
        var section = new OutreachReportSection(store, NewLog(tables, store));

        var counts = await section.ReadAsync(ProjectId, ReportPeriod.Quarter(2026, 4), CancellationToken.None);

        Assert.Equal("outreach", section.Id);
        var figures = counts.Figures.Cast<RawCount>().ToDictionary(f => f.Id, f => f.Count);
        Assert.Equal(new Dictionary<string, int> { ["outreachContacts"] = 3, ["womenReached"] = 8, ["activeMothers"] = 2 }, figures);
        var byMonth = counts.Tables.Single(t => t.Id == "outreachByMonth");
        Assert.Equal(["month.2026-10", "month.2026-11", "month.2026-12"], byMonth.RowKeys);
        Assert.Equal(["contacts", "women"], byMonth.ColumnKeys);
        Assert.Equal(ReportChart.Lines, byMonth.Chart);
        Assert.Equal([1, 5, 2, 3, 0, 0], [byMonth.Counts[0, 0], byMonth.Counts[0, 1], byMonth.Counts[1, 0], byMonth.Counts[1, 1], byMonth.Counts[2, 0], byMonth.Counts[2, 1]]);
        Assert.Equal(ColumnOf(counts, "outreachByKind"), new Dictionary<string, int> { ["outreachKind.HomeVisit"] = 1, ["outreachKind.OpenHouse"] = 1, ["outreachKind.Phone"] = 1, ["outreachKind.ElsewhereMeeting"] = 0 });
        var topics = ColumnOf(counts, "outreachByTopic");
        Assert.Equal((2, 1, 0), (topics["topic.health"], topics["topic.school"], topics["topic.concept"]));
        var services = ColumnOf(counts, "outreachByService");
        Assert.Equal((2, 1, 0), (services["service.JobCentre"], services["service.Doctor"], services["service.Other"]));
        Assert.True(counts.Tables.Single(t => t.Id == "outreachByTopic").CountsMentions);
        Assert.True(counts.Tables.Single(t => t.Id == "outreachByService").CountsMentions);
        Assert.False(counts.Tables.Single(t => t.Id == "outreachByKind").CountsMentions);
    }

    [Fact]
    public async Task The_demo_seed_goes_through_the_store_and_a_rerun_adds_nothing()
    {
        var (_, store) = await NewAsync();
        var seed = new OutreachDemoSeed(store);
        var entries = OutreachDemoSeed.Entries(Now).ToList();

        var first = await seed.SeedAsync(Now, CancellationToken.None);
        var second = await seed.SeedAsync(Now.AddDays(1), CancellationToken.None);

        Assert.Equal(entries.Count, first);
        Assert.Equal(0, second);
        Assert.InRange(entries.Count, 40, 120);
        Assert.Equal(entries.Count, entries.Select(e => e.Id).Distinct().Count());
        Assert.All(entries, e => Assert.True(OutreachIds.IsValid(e.Id)));
        Assert.Equal(4, entries.Select(e => e.Kind).Distinct().Count());
        var months = await store.MonthsAsync(DemoProject, entries.Min(e => e.Date), entries.Max(e => e.Date), CancellationToken.None);
        Assert.Equal(entries.Count, months.Sum(m => m.Entries));
        Assert.Equal(entries.Sum(e => e.Women), months.Sum(m => m.Women));
        Assert.Equal(2, months.SelectMany(m => m.Mothers).Distinct().Count());
    }

    private const string DemoProject = "vollsmose";

    private static Dictionary<string, int> ColumnOf(SectionCounts counts, string id)
    {
        var table = counts.Tables.Single(t => t.Id == id);
        return table.RowKeys.Select((key, row) => (key, row)).ToDictionary(p => p.key, p => table.Counts[p.row, 0]);
    }

    private static OutreachLog NewLog(TableStore tables, OutreachStore store) =>
        new(store, new AuditLog(tables, TimeProvider.System, NullLogger<AuditLog>.Instance), TimeProvider.System, new CourseThemes(new CourseSettingsStore(tables, TimeProvider.System)));

    private static OutreachEntry Entry(string mother, DateOnly date, OutreachKind kind = OutreachKind.HomeVisit, int women = 1, string[]? topics = null, OutreachService[]? services = null) =>
        new(OutreachIds.New(), ProjectId, mother, date, kind, women, topics ?? [], services ?? [], Now);

    private static async Task<(TableStore Tables, OutreachStore Store)> NewAsync()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        return (tables, new OutreachStore(tables));
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
