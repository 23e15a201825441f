using Azure;

namespace PartnerHub.Api.Storage;

/// <summary>
/// A write conditioned on an ETag a caller sent (REST <c>If-Match</c>) rather than one this process read: the store refuses
/// a tag it never gave as invalid input (400), and one for a row that does not exist with 404. Both mean "not the version
/// you read": a stale version, never a server fault.
/// </summary>
public static class ClientETags
{
    /// <summary>True when the store refused a write because its condition did not hold.</summary>
    public static bool IsStale(RequestFailedException failure, bool conditionFromClient) =>
        failure.Status is 409 or 412 || (conditionFromClient && failure.Status is 400 or 404);
}
