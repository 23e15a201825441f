namespace PartnerHub.Api.Graph;

// Log lines name operations, status codes and PartnerHub's own ids only: never request or response bodies, mail
// addresses, subjects or filter values, which carry personal data about the mothers and staff.
internal static partial class GraphLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Graph configured: calendar, subscriptions and documents go to Microsoft Graph at {BaseUrl} (tenant {TenantId}, {CredentialKind})")]
    public static partial void GraphConfigured(ILogger logger, string baseUrl, string tenantId, string credentialKind);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Graph not configured: local calendar in use; nothing reaches Outlook")]
    public static partial void GraphNotConfigured(ILogger logger);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Warning, Message = "Graph partly configured (needs Graph:TenantId, Graph:ClientId and Graph:ClientSecret or Graph:CertificatePath): local calendar in use; nothing reaches Outlook")]
    public static partial void GraphPartlyConfigured(ILogger logger);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Graph answered {StatusCode} (Retry-After {RetryAfter}); the SDK retries")]
    public static partial void Transient(ILogger logger, int statusCode, string retryAfter);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Information, Message = "Graph event created for transaction {TransactionId}")]
    public static partial void EventCreated(ILogger logger, string transactionId);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Information, Message = "Graph event to cancel is already gone (404); nothing to do")]
    public static partial void CancelTargetGone(ILogger logger);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Debug, Message = "Subscription expiry shortened to Graph's maximum for the resource, {Minutes} minutes")]
    public static partial void ExpiryClamped(ILogger logger, double minutes);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Information, Message = "Uploading {Length} bytes to the document library through an upload session in chunks of {ChunkBytes}")]
    public static partial void UploadSession(ILogger logger, long length, int chunkBytes);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Information, Message = "Graph subscription to delete is already gone (404); nothing to do")]
    public static partial void SubscriptionGone(ILogger logger);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning, Message = "An attendee of a Graph event has no directory account PartnerHub can match; her answer is left out")]
    public static partial void AttendeeUnmatched(ILogger logger);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning, Message = "Graph answered {StatusCode} ({Code}) to a calendar delta link: its sync state is gone, a full resync follows")]
    public static partial void DeltaExpired(ILogger logger, int statusCode, string code);

    [LoggerMessage(EventId = 4019, Level = LogLevel.Warning, Message = "Graph:TeamsAppCatalogId is not set: PartnerHub is not installed for people added to a directory; their cards wait until they open PartnerHub themselves")]
    public static partial void AppCatalogIdMissing(ILogger logger);
}
