using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Leases;

namespace PartnerHub.Api.Tests.Fuzzing;

/// <summary>
/// Counts every write request the host's storage clients send (tables, queues, blobs: anything but GET and HEAD), so a
/// fuzz batch that sent none can skip its table snapshot: storage that received no write is unchanged, which is the
/// snapshot's guarantee without reading every row. Added per call (<see cref="StorageClientPolicies"/>), so one logical
/// call counts once whatever the SDK retries. Writes to the background loops' lease rows (keyed in the URL) are left
/// out, as the snapshot leaves them out; so are inserts of audit rows with Allowed=false (read from the request body),
/// the one write a refusal may make, which the snapshot comparison lets through too (<see cref="TableSnapshot.IsDeniedAudit"/>).
/// Any other write, a lease row created by a POST included, counts.
/// </summary>
internal sealed class StorageWriteRecorder : HttpPipelinePolicy
{
    private static readonly string LeaseKey = $"PartitionKey='{TableLeases.Partition}'";
    private long _finished;
    private long _inFlight;
    private long _deniedAudits;

    /// <summary>The audit table's path on the account ("/…/{prefix}audit"), set once the host's prefix is known.</summary>
    public string? AuditTablePath { get; set; }

    /// <summary>Inserts of audit rows recording a refusal, so far.</summary>
    public long DeniedAudits => Interlocked.Read(ref _deniedAudits);

    public StorageClientPolicies Policies { get; }

    public StorageWriteRecorder()
    {
        Policies = new StorageClientPolicies();
        Policies.PerCall.Add(this);
    }

    /// <summary>
    /// The number of writes answered so far, or null while one is still under way (a mark taken then would not say
    /// whether a snapshot taken after it includes that write).
    /// </summary>
    public long? Mark()
    {
        var before = Interlocked.Read(ref _finished);
        return Interlocked.Read(ref _inFlight) == 0 && Interlocked.Read(ref _finished) == before ? before : null;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var write = IsWrite(message.Request);
        Begin(write);
        try
        {
            ProcessNext(message, pipeline);
        }
        finally
        {
            End(write);
        }
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var write = IsWrite(message.Request);
        Begin(write);
        try
        {
            await ProcessNextAsync(message, pipeline);
        }
        finally
        {
            End(write);
        }
    }

    private void Begin(bool write)
    {
        if (write)
        {
            Interlocked.Increment(ref _inFlight);
        }
    }

    private void End(bool write)
    {
        if (write)
        {
            // Counted as finished before it stops being in flight: a mark never sees it in neither.
            Interlocked.Increment(ref _finished);
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private bool IsWrite(Request request)
    {
        if (request.Method == RequestMethod.Get || request.Method == RequestMethod.Head
            || Uri.UnescapeDataString(request.Uri.ToString()).Contains(LeaseKey, StringComparison.Ordinal))
        {
            return false;
        }

        if (IsDeniedAuditInsert(request))
        {
            Interlocked.Increment(ref _deniedAudits);
            return false;
        }

        return true;
    }

    /// <summary>A POST of one entity to the audit table (an insert: it cannot change an existing row) with Allowed=false.</summary>
    private bool IsDeniedAuditInsert(Request request)
    {
        if (request.Method != RequestMethod.Post || AuditTablePath is null || request.Content is null
            || !request.Uri.ToUri().AbsolutePath.EndsWith(AuditTablePath, StringComparison.Ordinal))
        {
            return false;
        }

        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        using var entity = JsonDocument.Parse(body.ToArray());
        return entity.RootElement.ValueKind == JsonValueKind.Object
            && entity.RootElement.TryGetProperty("Allowed", out var allowed) && allowed.ValueKind == JsonValueKind.False;
    }
}
