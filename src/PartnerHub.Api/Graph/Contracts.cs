namespace PartnerHub.Api.Graph;

// The Microsoft Graph operations PartnerHub needs, as thin ports: GraphCalendarGateway etc. talk to Graph through the
// Microsoft.Graph SDK; LocalCalendarGateway stands in for the demo when no Graph credentials are configured (and says so).
// Every call is made from the outbox, never from inside a card action. Users are identified by Entra object id.

/// <summary>An Outlook event PartnerHub creates on the organiser's (the coordinator's) calendar.</summary>
/// <param name="TransactionId">Graph's transactionId: a retried create returns the first event instead of a second one.</param>
/// <param name="BodyHtml">The event's body (Danish), already safe HTML: user text is encoded by the caller.</param>
/// <param name="AttendeeObjectIds">Invitees by Entra object id; the gateway resolves their mail addresses.</param>
public sealed record CalendarEventRequest(
    string OrganizerObjectId,
    string TransactionId,
    string Subject,
    string BodyHtml,
    DateTimeOffset Start,
    DateTimeOffset End,
    string? Location,
    bool IsOnlineMeeting,
    IReadOnlyList<string> AttendeeObjectIds);

/// <summary>The event as Graph knows it. <see cref="ICalUId"/> is the same in every attendee's copy.</summary>
public sealed record CalendarEvent(string EventId, string ICalUId, string? OnlineMeetingJoinUrl);

public enum AttendeeResponse
{
    None,
    Accepted,
    TentativelyAccepted,
    Declined,
}

/// <summary>An event's current state on the organiser's calendar, as read back (RSVPs, moves and cancellations made in Outlook).</summary>
/// <remarks>
/// The optional part is what adopting a meeting made in Outlook needs (its categories, subject, place, who is invited,
/// whether she organises it); events PartnerHub made are followed by the required part alone.
/// </remarks>
/// <param name="Attendees">Everyone on the attendee list, with the object id when the address is a user in the tenant.</param>
/// <param name="IsPrivate">Graph's sensitivity is private or confidential.</param>
/// <param name="IsRecurring">Graph's type is seriesMaster, occurrence or exception.</param>
public sealed record CalendarEventSnapshot(
    string EventId,
    string ICalUId,
    DateTimeOffset Start,
    DateTimeOffset End,
    bool IsCancelled,
    bool IsDeleted,
    IReadOnlyDictionary<string, AttendeeResponse> ResponsesByObjectId,
    IReadOnlyList<string>? Categories = null,
    string? Subject = null,
    string? Location = null,
    bool IsOnlineMeeting = false,
    string? JoinUrl = null,
    bool IsOrganizer = true,
    bool IsPrivate = false,
    bool IsRecurring = false,
    IReadOnlyList<CalendarAttendee>? Attendees = null);

/// <summary>One attendee as Graph lists it: the tenant user's object id when the address resolved, and the name Outlook shows.</summary>
public sealed record CalendarAttendee(string? ObjectId, string Name, AttendeeResponse Response);

/// <summary>One page of a delta query over the organiser's calendar view, and where to continue.</summary>
/// <param name="NextLink">More pages now.</param>
/// <param name="DeltaLink">Done for now; the next sweep starts here.</param>
public sealed record CalendarDeltaPage(IReadOnlyList<CalendarEventSnapshot> Events, string? NextLink, string? DeltaLink);

/// <summary>
/// Graph no longer has the sync state behind a delta or next link (410 Gone, or the codes Graph uses for it such as
/// <c>syncStateNotFound</c>, <c>resyncRequired</c>): the only way on is a full read of the window from scratch.
/// </summary>
/// <param name="code">Graph's error code, a short token (logged; never the link).</param>
public sealed class CalendarDeltaExpiredException(string code)
    : Exception("The calendar delta link has expired; a full resync is required.")
{
    public string Code { get; } = code;
}

public interface ICalendarGateway
{
    /// <summary>True for the local demo adapter: cards say that nothing reaches Outlook.</summary>
    bool IsLocal { get; }

    Task<CalendarEvent> CreateEventAsync(CalendarEventRequest request, CancellationToken cancellationToken);

    Task UpdateEventAsync(string eventId, CalendarEventRequest request, CancellationToken cancellationToken);

    /// <summary>Cancels the event and sends the attendees the cancellation with <paramref name="comment"/>.</summary>
    Task CancelEventAsync(string organizerObjectId, string eventId, string comment, CancellationToken cancellationToken);

    /// <summary>Answers the invitation in the attendee's own calendar (found by iCalUId), as she would in Outlook.</summary>
    Task RespondAsync(string attendeeObjectId, string iCalUId, AttendeeResponse response, CancellationToken cancellationToken);

    Task<CalendarEventSnapshot?> GetEventAsync(string organizerObjectId, string eventId, CancellationToken cancellationToken);

    /// <summary>Changes on the organiser's calendar in a window; pass the previous page's next or delta link to continue.</summary>
    /// <exception cref="CalendarDeltaExpiredException">The link's sync state is gone at Graph: start again without a link.</exception>
    Task<CalendarDeltaPage> GetDeltaAsync(string organizerObjectId, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? link, CancellationToken cancellationToken);
}

/// <summary>A Graph change-notification subscription PartnerHub owns.</summary>
public sealed record GraphSubscription(string Id, string Resource, DateTimeOffset ExpiresAt);

public interface ISubscriptionGateway
{
    Task<GraphSubscription> CreateAsync(string resource, string changeType, Uri notificationUrl, Uri lifecycleNotificationUrl, string clientState, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task<GraphSubscription> RenewAsync(string subscriptionId, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken);
}

/// <summary>A file stored in the project's SharePoint document library.</summary>
public sealed record StoredDocument(string DriveItemId, string WebUrl, long Size);

public interface IDocumentGateway
{
    /// <summary>
    /// Uploads to the library's folder: one PUT up to 4 MiB, an upload session in chunks above. The file name is built
    /// by PartnerHub from ids and dates (never personal data) and validated by the gateway.
    /// </summary>
    Task<StoredDocument> UploadAsync(string folder, string fileName, Stream content, long length, string contentType, CancellationToken cancellationToken);

    /// <summary>Deletes a file PartnerHub stored (by its drive item id): to SharePoint's recycle bin; a file already gone is done.</summary>
    Task DeleteAsync(string driveItemId, CancellationToken cancellationToken);
}
