using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// A storage fault aimed at one moment: once armed, the next call that matches fails (a 503, before it is sent), then
/// everything passes again. E.g. the outbox's delete-and-tombstone transaction right after a card went out.
/// </summary>
internal sealed class FailNextMatchingCall(Func<Request, bool> matches) : HttpPipelinePolicy
{
    private int _armed;

    public bool Fired { get; private set; }

    public void Arm() => Volatile.Write(ref _armed, 1);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfDue(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        FailIfDue(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void FailIfDue(HttpMessage message)
    {
        if (Volatile.Read(ref _armed) == 1 && matches(message.Request) && Interlocked.Exchange(ref _armed, 0) == 1)
        {
            Fired = true;
            throw new RequestFailedException(503, "Injected: storage answered 503.", "ServerBusy", null);
        }
    }
}
