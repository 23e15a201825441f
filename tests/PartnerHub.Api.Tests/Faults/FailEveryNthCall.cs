using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// A storage fault in the host's own Azure SDK clients (added per call through <c>StorageClientPolicies</c>, so in
/// front of the SDK's retries: what the host sees when storage stays down through them). While armed, every Nth call
/// fails before it is sent, alternately as a 503 from the service and as a broken connection, so a failed write never
/// reaches storage and the only question is what the host makes of it.
/// </summary>
internal sealed class FailEveryNthCall(int n) : HttpPipelinePolicy
{
    private int _calls;
    private int _failed;
    private volatile bool _armed;

    /// <summary>Calls failed so far.</summary>
    public int Failed => Volatile.Read(ref _failed);

    public void Arm() => _armed = true;

    public void Disarm() => _armed = false;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfDue();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfDue();
        return ProcessNextAsync(message, pipeline);
    }

    private void FailIfDue()
    {
        if (!_armed || Interlocked.Increment(ref _calls) % n != 0)
        {
            return;
        }

        var failed = Interlocked.Increment(ref _failed);
        throw failed % 2 == 0
            ? new IOException("Injected: the connection to storage broke.")
            : new RequestFailedException(503, "Injected: storage answered 503.", "ServerBusy", null);
    }
}
