using Azure;

namespace PartnerHub.Api.Storage;

/// <summary>
/// One rule for "storage could not be reached just now": what a person may simply try again (a card with a "try again"
/// text, REST 503), as opposed to a bug (500) or a lost race (409/412, which the features answer themselves).
/// </summary>
public static class StorageFaults
{
    /// <summary>
    /// A row so contended that its bounded retries ran out, nothing written: to the person the same as storage being
    /// unreachable for a moment (a "try again" card, REST 503), never an unexplained 409 or 500.
    /// </summary>
    public static RequestFailedException Contended(string why) => new(503, why, "PartnerHubContended", null);

    /// <summary>
    /// True for a transient failure of storage or the network under it: a 5xx, 408 or 429 from the service, a transport
    /// failure (status 0, I/O, socket, timeout), or the SDK's own retries giving up on those. A cancellation the caller
    /// asked for is not one: that request is gone.
    /// </summary>
    public static bool IsUnavailable(Exception exception, CancellationToken requestAborted) => exception switch
    {
        RequestFailedException failed => failed.Status is 0 or 408 or 429 or >= 500,
        AggregateException aggregate => aggregate.InnerExceptions.Count > 0
            && aggregate.InnerExceptions.All(inner => IsUnavailable(inner, requestAborted)),
        OperationCanceledException => !requestAborted.IsCancellationRequested,
        IOException or HttpRequestException or TimeoutException or System.Net.Sockets.SocketException => true,
        _ => false,
    };
}
