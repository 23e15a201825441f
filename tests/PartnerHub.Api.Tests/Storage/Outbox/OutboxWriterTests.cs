using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage.Outbox;

public class OutboxWriterTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task An_outbox_row_commits_with_the_feature_entity_and_carries_its_bookkeeping()
    {
        var time = TestClock.New();
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), time);
        var projectId = OutboxHarness.NewProjectId();

        var entries = await harness.CommitAsync(projectId, new OutboxMessage("test.notify", "{\"referralId\":\"r1\"}"));

        var entry = Assert.Single(entries);
        Assert.Matches("^outbox\\|[0-9A-HJKMNP-TV-Z]{26}$", entry.RowKey);
        var row = await harness.FindAsync(projectId, entry.RowKey);
        Assert.NotNull(row);
        Assert.Equal("test.notify", row.GetString("Kind"));
        Assert.Equal("{\"referralId\":\"r1\"}", row.GetString("Payload"));
        Assert.Equal(time.GetUtcNow(), row.GetDateTimeOffset("CreatedAt"));
        Assert.Equal(time.GetUtcNow(), row.GetDateTimeOffset("NextAttemptAt"));
        Assert.Equal(0, row.GetInt32("Attempts"));
        Assert.False(row.GetBoolean("Failed"));
        Assert.Equal(string.Empty, row.GetString("LastError"));
        Assert.Single(await harness.Main.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey ge {"thing|"} and RowKey lt {"thing}"}")).ToListAsync());
    }

    [Fact]
    public async Task A_failed_batch_leaves_neither_the_entity_nor_its_outbox_row()
    {
        await using var harness = await OutboxHarness.CreateAsync(AzuriteFixture.NewPrefix(), TestClock.New());
        var projectId = OutboxHarness.NewProjectId();
        await harness.Main.AddEntityAsync(new TableEntity(projectId, "thing|taken"));
        var entry = harness.Writer.Create(projectId, OutboxHarness.Message());

        // The second Add conflicts with an existing row, so the whole entity-group transaction is refused.
        await Assert.ThrowsAsync<TableTransactionFailedException>(() => harness.Main.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(projectId, "thing|new")),
                new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(projectId, "thing|taken")),
                entry.Action,
            ]));

        Assert.Null(await harness.FindAsync(projectId, "thing|new"));
        Assert.Null(await harness.FindAsync(projectId, entry.RowKey));
        Assert.Empty(await harness.Main.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {projectId} and RowKey ge {"outbox|"} and RowKey lt {"outbox}"}")).ToListAsync());
    }

    [Fact]
    public void Rows_of_one_writer_sort_in_the_order_they_were_written()
    {
        var time = TestClock.New();
        var writer = new OutboxWriter(new UlidGenerator(time), time);
        var keys = Enumerable.Range(0, 100).Select(_ => writer.Create("p1", OutboxHarness.Message()).RowKey).ToList();
        Assert.Equal(keys, keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("", "{}")]
    [InlineData("has space", "{}")]
    [InlineData("kind|bar", "{}")]
    [InlineData("ok.kind", "not json")]
    [InlineData("ok.kind", "")]
    public void Invalid_kinds_and_payloads_are_refused_before_anything_is_written(string kind, string payload)
    {
        var time = TestClock.New();
        var writer = new OutboxWriter(new UlidGenerator(time), time);
        Assert.Throws<ArgumentException>(() => writer.Create("p1", new OutboxMessage(kind, payload)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("a|b")]
    [InlineData("a/b")]
    [InlineData("a#b")]
    public void Project_ids_that_could_break_a_key_or_a_nudge_are_refused(string projectId)
    {
        var time = TestClock.New();
        var writer = new OutboxWriter(new UlidGenerator(time), time);
        Assert.ThrowsAny<ArgumentException>(() => writer.Create(projectId, OutboxHarness.Message()));
    }

    [Fact]
    public void Queue_names_carry_the_prefix_in_lowercase_and_bad_names_are_refused()
    {
        Assert.Equal("tabc123outbox", TableStore.QueueName("tABC123", "outbox"));
        Assert.Throws<InvalidOperationException>(() => TableStore.QueueName(string.Empty, "a"));
        Assert.Throws<InvalidOperationException>(() => TableStore.QueueName("x_", "outbox"));
        Assert.Throws<InvalidOperationException>(() => TableStore.QueueName("x--", "outbox"));
    }

    [Fact]
    public async Task A_nudge_that_cannot_reach_the_queue_is_logged_and_ignored()
    {
        // Nothing listens on port 9: the send fails fast, and the caller's commit stands.
        var unreachable = new TableStore(Options.Create(new StorageOptions
        {
            ConnectionString = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
                "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                "TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;",
        }));
        using var sink = new LogSink();
        using var loggers = new LoggerFactory([sink]);
        var nudge = new QueueOutboxNudge(unreachable, Options.Create(new OutboxOptions()), loggers.CreateLogger<QueueOutboxNudge>());
        var rowKey = OutboxKeys.RowKeyFor(new UlidGenerator(TimeProvider.System).NewUlid());

        await nudge.NudgeAsync("p1", rowKey, CancellationToken.None);

        var line = Assert.Single(sink.Lines);
        Assert.StartsWith($"Warning {typeof(QueueOutboxNudge).FullName}: Outbox nudge for p1/{rowKey} (1 rows in all) failed (", line, StringComparison.Ordinal);
        Assert.Contains("the sweep will deliver them", line, StringComparison.Ordinal);
    }
}
