using Azure.Data.Tables;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Reporting;

namespace PartnerHub.Api.Tests.Storage;

public class CountedTransactionsTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Changes_racing_on_one_months_counter_all_commit_and_all_are_counted()
    {
        var table = (await AzuriteFixture.NewStoreAsync()).Table(TableNames.Main);
        var project = "race-" + Guid.NewGuid().ToString("N")[..8];
        var month = new DateOnly(2026, 8, 1);
        const int racing = 24;

        // Every change creates its own row and counts one in the same month: the first ones race to add the counter row.
        await Task.WhenAll(Enumerable.Range(0, racing).Select(i => Task.Run(() => MonthCounterRows.SubmitAsync(
            table,
            project,
            [new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(project, $"record|{i:D2}"))],
            "race",
            [new CounterDelta(month, "count", 1)],
            CancellationToken.None))));

        var august = ReportPeriod.Parse("2026-08..2026-08")!;
        var counters = await MonthCounterRows.ReadAsync(table, project, "race", august, CancellationToken.None);
        Assert.Equal(racing, counters.Sum(august, "count"));
        var records = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableQueries.Prefix(project, "record|")))
        {
            records++;
        }

        Assert.Equal(racing, records);
    }
}
