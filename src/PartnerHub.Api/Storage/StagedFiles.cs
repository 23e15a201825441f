using System.Text.RegularExpressions;
using Azure;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Storage;

/// <summary>A staged file opened for reading, with its length from the blob's properties.</summary>
public sealed record StagedFile(Stream Content, long Length, string ContentType) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Uploaded files waiting for an outbox handler, in a private blob container (<c>{prefix}staging</c>). A file cannot
/// go into Table Storage and Graph may only be called from the outbox, so the bytes wait here between the request and
/// the upload. Blob names are made of ids only, <c>{projectId}/{sessionId}/{ulid}</c>: never the user's file name.
/// A staged blob is deleted after its upload; <see cref="SweepAsync"/> (and the lifecycle rule in infra/) removes
/// orphans older than a day.
/// </summary>
public sealed partial class StagedFileStore
{
    public const string ContainerSuffix = "staging";

    private readonly BlobContainerClient _container;
    private readonly UlidGenerator _ids;
    private readonly TimeProvider _time;

    public StagedFileStore(IOptions<StorageOptions> options, UlidGenerator ids, TimeProvider time, StorageClientPolicies? policies = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        _ids = ids;
        _time = time;
        var name = ContainerName(value.TablePrefix);
        if (!string.IsNullOrWhiteSpace(value.ConnectionString))
        {
            var clientOptions = new BlobClientOptions();
            policies?.AddTo(clientOptions);
            _container = new BlobContainerClient(value.ConnectionString, name, clientOptions);
        }
        else if (value.BlobServiceUri is not null)
        {
            _container = new BlobServiceClient(value.BlobServiceUri, new DefaultAzureCredential()).GetBlobContainerClient(name);
        }
        else
        {
            throw new InvalidOperationException("Blob storage is not configured: set Storage__ConnectionString, or Storage__BlobServiceUri beside Storage__TableServiceUri.");
        }
    }

    public string Name => _container.Name;

    /// <summary>The container name for a table prefix: lower case, as blob containers must be.</summary>
    public static string ContainerName(string prefix) => ((prefix ?? string.Empty) + ContainerSuffix).ToLowerInvariant();

    /// <summary>Creates the private container (no anonymous access) if it is missing.</summary>
    public async Task EnsureContainerAsync(CancellationToken cancellationToken) =>
        await _container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: cancellationToken);

    /// <summary>The readiness check's probe: the container is there and answers.</summary>
    public async Task<bool> ContainerExistsAsync(CancellationToken cancellationToken) =>
        (await _container.ExistsAsync(cancellationToken)).Value;

    /// <summary>True for a name <see cref="StageAsync"/> makes: ids only, so a payload can never point elsewhere.</summary>
    public static bool IsStagedName(string? blobName) => blobName is not null && StagedNamePattern().IsMatch(blobName);

    /// <summary>
    /// Stores exactly <paramref name="length"/> bytes of <paramref name="content"/> under a new name and returns it.
    /// A stream that holds more or fewer bytes is refused and nothing stays behind.
    /// </summary>
    /// <exception cref="InvalidDataException">The stream's length differs from <paramref name="length"/>.</exception>
    public async Task<string> StageAsync(string projectId, string sessionId, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var name = $"{projectId}/{sessionId}/{_ids.NewUlid()}";
        if (!IsStagedName(name))
        {
            throw new ArgumentException("Staged names are made of plain project and session ids.", nameof(sessionId));
        }

        var blob = _container.GetBlobClient(name);
        var bounded = new ExactLengthStream(content, length);
        try
        {
            await blob.UploadAsync(bounded, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                // A new ULID per file: never overwrite.
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            if (bounded.BytesRead != length)
            {
                throw new InvalidDataException("The file is shorter than its declared length.");
            }
        }
        catch
        {
            await DeleteAsync(name, CancellationToken.None);
            throw;
        }

        return name;
    }

    /// <summary>Opens a staged file for streaming, or null when it is gone.</summary>
    public async Task<StagedFile?> OpenAsync(string blobName, CancellationToken cancellationToken)
    {
        if (!IsStagedName(blobName))
        {
            return null;
        }

        var blob = _container.GetBlobClient(blobName);
        try
        {
            var properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
            // Read the version whose length we just got: a replaced blob fails the read instead of mixing two files.
            var stream = await blob.OpenReadAsync(new BlobOpenReadOptions(allowModifications: false)
            {
                Conditions = new BlobRequestConditions { IfMatch = properties.Value.ETag },
            }, cancellationToken);
            return new StagedFile(stream, properties.Value.ContentLength, properties.Value.ContentType ?? "application/octet-stream");
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<bool> ExistsAsync(string blobName, CancellationToken cancellationToken) =>
        IsStagedName(blobName) && (await _container.GetBlobClient(blobName).ExistsAsync(cancellationToken)).Value;

    public async Task DeleteAsync(string blobName, CancellationToken cancellationToken)
    {
        if (IsStagedName(blobName))
        {
            await _container.GetBlobClient(blobName).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>Deletes staged files older than <paramref name="age"/> (uploads that never happened). Returns how many.</summary>
    public async Task<int> SweepAsync(TimeSpan age, CancellationToken cancellationToken)
    {
        var cutoff = _time.GetUtcNow() - age;
        var deleted = 0;
        await foreach (var item in _container.GetBlobsAsync(cancellationToken: cancellationToken))
        {
            if (item.Properties.CreatedOn is { } created && created < cutoff)
            {
                await _container.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
                deleted++;
            }
        }

        return deleted;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}/[A-Za-z0-9][A-Za-z0-9_-]{0,63}/[0-9A-HJKMNP-TV-Z]{26}\\z", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex StagedNamePattern();

    /// <summary>Reads the inner stream and fails once it yields more than the declared length.</summary>
    private sealed class ExactLengthStream(Stream inner, long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => length;

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private int Count(int read)
        {
            BytesRead += read;
            return BytesRead > length ? throw new InvalidDataException("The file is longer than its declared length.") : read;
        }
    }
}

/// <summary>Creates the staging container at start-up and, when enabled, removes staged files older than a day every hour.</summary>
public sealed partial class StagedFileMaintenance(StagedFileStore store, IConfiguration configuration, TimeProvider time, ILogger<StagedFileMaintenance> logger) : BackgroundService
{
    public static readonly TimeSpan OrphanAge = TimeSpan.FromDays(1);

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await store.EnsureContainerAsync(cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Staging:SweepEnabled", true))
        {
            return;
        }

        using var timer = new PeriodicTimer(configuration.GetValue("Staging:SweepInterval", TimeSpan.FromHours(1)), time);
        do
        {
            try
            {
                var deleted = await store.SweepAsync(OrphanAge, stoppingToken);
                LogSwept(logger, deleted);
            }
            catch (RequestFailedException e)
            {
                LogSweepFailed(logger, e.Status);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Staging sweep removed {Count} orphaned files")]
    private static partial void LogSwept(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Staging sweep failed (storage {Status}); next pass retries")]
    private static partial void LogSweepFailed(ILogger logger, int status);
}
