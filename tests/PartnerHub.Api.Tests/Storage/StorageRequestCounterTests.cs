using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage;

public class StorageRequestCounterTests : IClassFixture<AzuriteFixture>
{
    // The meter is process-wide and other tests run beside this one: count only this test's own calls (the
    // callback runs synchronously in the caller's flow, so an AsyncLocal tells them apart).
    private static readonly AsyncLocal<bool> Mine = new();

    [Theory]
    [InlineData("GET", "/devstoreaccount1/main(PartitionKey='p',RowKey='r')", "main", "point-read")]
    [InlineData("GET", "/devstoreaccount1/main()", "main", "query")]
    [InlineData("GET", "/main", "main", "query")]
    [InlineData("POST", "/devstoreaccount1/main", "main", "insert")]
    [InlineData("PUT", "/main(PartitionKey='p',RowKey='r')", "main", "replace-or-upsert")]
    [InlineData("PATCH", "/main(PartitionKey='p',RowKey='r')", "main", "merge")]
    [InlineData("DELETE", "/main(PartitionKey='p',RowKey='r')", "main", "delete")]
    [InlineData("POST", "/devstoreaccount1/$batch", "$batch", "batch")]
    [InlineData("POST", "/devstoreaccount1/Tables", "Tables", "create-table")]
    public void A_table_call_is_named_by_its_request_line(string method, string path, string target, string operation)
    {
        Assert.Equal(("table", target, operation), StorageRequestCounter.Classify(method, path, null));
    }

    [Fact]
    public void A_queue_message_is_a_send_or_a_receive()
    {
        Assert.Equal(("queue", "outbox", "send"), StorageRequestCounter.Classify("POST", "/devstoreaccount1/outbox/messages", null));
        Assert.Equal(("queue", "outbox", "receive"), StorageRequestCounter.Classify("GET", "/outbox/messages", "?numofmessages=16"));
    }

    [Fact]
    public async Task Every_round_trip_of_the_table_clients_is_counted_without_its_keys()
    {
        var store = await AzuriteFixture.NewStoreAsync();
        var table = store.Table(TableNames.Main);
        var partition = "counter-" + Guid.NewGuid().ToString("N");
        var seen = new List<(string Operation, string Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "partnerhub.storage.requests")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            if (!Mine.Value)
            {
                return;
            }

            var all = tags.ToArray();
            lock (seen)
            {
                seen.Add(((string)all.Single(t => t.Key == "operation").Value!, string.Join(',', all.Select(t => t.Value))));
            }
        });
        listener.Start();
        Mine.Value = true;

        await table.AddEntityAsync(new TableEntity(partition, "a"));
        await table.GetEntityIfExistsAsync<TableEntity>(partition, "a");
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, "b"))]);

        string[] operations;
        lock (seen)
        {
            operations = [.. seen.Select(s => s.Operation)];
            Assert.DoesNotContain(seen, s => s.Tags.Contains(partition, StringComparison.Ordinal));
        }

        Assert.Equal(["insert", "point-read", "batch"], operations);
    }
}
