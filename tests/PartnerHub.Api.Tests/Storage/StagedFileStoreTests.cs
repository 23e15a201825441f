using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage;

/// <summary>The staging container in Azurite: names of ids only, exact lengths, and the sweep of orphans older than a day.</summary>
public sealed class StagedFileStoreTests : IAsyncLifetime, IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private StagedFileStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = new StagedFileStore(Options.Create(new StorageOptions { ConnectionString = AzuriteFixture.ConnectionString, TablePrefix = AzuriteFixture.NewPrefix() }), new UlidGenerator(_time), _time);
        await _store.EnsureContainerAsync(CancellationToken.None);
    }

    public async Task DisposeAsync() => await new BlobContainerClient(AzuriteFixture.ConnectionString, _store.Name).DeleteIfExistsAsync();

    [Fact]
    public async Task A_staged_file_reads_back_with_its_length_and_type_and_is_gone_after_delete()
    {
        var bytes = new byte[70_000];
        new Random(3).NextBytes(bytes);

        var name = await _store.StageAsync("vollsmose", "s-abc", new MemoryStream(bytes), bytes.Length, "application/pdf", CancellationToken.None);

        Assert.Matches("^vollsmose/s-abc/[0-9A-Z]{26}$", name);
        await using (var file = await _store.OpenAsync(name, CancellationToken.None))
        {
            Assert.Equal(bytes.Length, file!.Length);
            Assert.Equal("application/pdf", file.ContentType);
            using var copy = new MemoryStream();
            await file.Content.CopyToAsync(copy);
            Assert.Equal(bytes, copy.ToArray());
        }

        await _store.DeleteAsync(name, CancellationToken.None);
        Assert.Null(await _store.OpenAsync(name, CancellationToken.None));
    }

    [Theory]
    [InlineData(10, 11)]
    [InlineData(10, 9)]
    public async Task A_stream_that_does_not_hold_the_declared_length_leaves_nothing(int actual, int declared)
    {
        await Assert.ThrowsAsync<InvalidDataException>(() =>
            _store.StageAsync("vollsmose", "s-abc", new MemoryStream(new byte[actual]), declared, "text/plain", CancellationToken.None));
        Assert.Equal(0, await CountAsync());
    }

    [Theory]
    [InlineData("vollsmose/s-abc/../../other/x")]
    [InlineData("vollsmose/s-abc/referat.pdf")]
    [InlineData("https://evil.example/x")]
    [InlineData("")]
    public async Task Names_that_are_not_staged_names_are_never_opened_or_deleted(string name)
    {
        Assert.False(StagedFileStore.IsStagedName(name));
        Assert.Null(await _store.OpenAsync(name, CancellationToken.None));
    }

    [Fact]
    public async Task The_sweep_removes_only_files_older_than_a_day()
    {
        await _store.StageAsync("vollsmose", "s-abc", new MemoryStream([1, 2, 3]), 3, "text/plain", CancellationToken.None);

        Assert.Equal(0, await _store.SweepAsync(StagedFileMaintenance.OrphanAge, CancellationToken.None));
        Assert.Equal(1, await CountAsync());

        _time.Advance(TimeSpan.FromHours(25));
        Assert.Equal(1, await _store.SweepAsync(StagedFileMaintenance.OrphanAge, CancellationToken.None));
        Assert.Equal(0, await CountAsync());
    }

    private async Task<int> CountAsync()
    {
        var count = 0;
        await foreach (var _ in new BlobContainerClient(AzuriteFixture.ConnectionString, _store.Name).GetBlobsAsync())
        {
            count++;
        }

        return count;
    }
}
