using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage;

public class TableTransactionsTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Once_committed_each_added_row_carries_its_stored_ETag_and_an_updated_row_keeps_the_one_it_had()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var table = store.Table(TableNames.Main);
        var partition = "p" + Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(partition, "held") { ["Value"] = 1 });
        var held = (await table.GetEntityAsync<TableEntity>(partition, "held")).Value;
        var heldETag = held.ETag;
        held["Value"] = 2;
        var added = new TableEntity(partition, "added") { ["Value"] = 1 };

        await table.CommitAsync(
            [new TableTransactionAction(TableTransactionActionType.Add, added), new TableTransactionAction(TableTransactionActionType.UpdateReplace, held, heldETag)],
            CancellationToken.None);

        Assert.Equal((await table.GetEntityAsync<TableEntity>(partition, "added")).Value.ETag, added.ETag);
        // An updated row may be an object a cache holds with what it read: it is not made to look newer than it is.
        Assert.Equal(heldETag, held.ETag);
    }

    [Fact]
    public async Task A_transaction_that_fails_stamps_nothing()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var table = store.Table(TableNames.Main);
        var partition = "p" + Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(new TableEntity(partition, "taken"));
        var added = new TableEntity(partition, "fresh");

        await Assert.ThrowsAsync<TableTransactionFailedException>(() => table.CommitAsync(
            [new TableTransactionAction(TableTransactionActionType.Add, added), new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, "taken"))],
            CancellationToken.None));

        Assert.Equal(default(ETag), added.ETag);
    }
}
