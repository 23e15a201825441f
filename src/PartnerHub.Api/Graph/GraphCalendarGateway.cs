using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.CalendarView.Delta;
using Microsoft.Graph.Users.Item.Events.Item.Accept;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using Microsoft.Graph.Users.Item.Events.Item.Decline;
using Microsoft.Graph.Users.Item.Events.Item.TentativelyAccept;

namespace PartnerHub.Api.Graph;

/// <summary>The organiser's Outlook calendar through Microsoft Graph v1.0 (app permission Calendars.ReadWrite).</summary>
public sealed class GraphCalendarGateway(GraphServiceClient graph, GraphUserDirectory directory, GraphOptions options, ILogger<GraphCalendarGateway> logger)
    : ICalendarGateway
{
    // The last eight are what adopting a meeting made in Outlook needs (OutlookAdoption); none is the body.
    private static readonly string[] SnapshotFields =
        ["id", "iCalUId", "start", "end", "isCancelled", "attendees", "categories", "subject", "location", "isOnlineMeeting", "onlineMeeting", "isOrganizer", "sensitivity", "type"];

    public bool IsLocal => false;

    /// <summary>
    /// POST /users/{organiser}/events. The transactionId makes a retry (after a timeout or a crash between the call and
    /// the outbox's bookkeeping) return the event made the first time instead of inviting everyone twice.
    /// </summary>
    public async Task<CalendarEvent> CreateEventAsync(CalendarEventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ToEventAsync(request, cancellationToken);
        body.TransactionId = request.TransactionId;
        var created = await graph.Users[request.OrganizerObjectId].Events.PostAsync(
            body,
            configuration => configuration.Headers.Add("Prefer", GraphTime.PreferUtc),
            cancellationToken) ?? throw new InvalidOperationException("Graph returned no event for the create.");
        GraphLog.EventCreated(logger, request.TransactionId);
        return new CalendarEvent(
            created.Id ?? throw new InvalidOperationException("Graph returned an event without an id."),
            created.ICalUId ?? string.Empty,
            created.OnlineMeeting?.JoinUrl);
    }

    /// <summary>PATCH /users/{organiser}/events/{id}: Outlook sends the attendees the update itself.</summary>
    public async Task UpdateEventAsync(string eventId, CalendarEventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = await ToEventAsync(request, cancellationToken);
        await graph.Users[request.OrganizerObjectId].Events[eventId].PatchAsync(
            body,
            configuration => configuration.Headers.Add("Prefer", GraphTime.PreferUtc),
            cancellationToken);
    }

    /// <summary>POST /users/{organiser}/events/{id}/cancel {comment}; an event already gone counts as cancelled.</summary>
    public async Task CancelEventAsync(string organizerObjectId, string eventId, string comment, CancellationToken cancellationToken)
    {
        try
        {
            await graph.Users[organizerObjectId].Events[eventId].Cancel.PostAsync(
                new CancelPostRequestBody { AdditionalData = { ["comment"] = comment } }, cancellationToken: cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            // A retry after a cancel that went through, or the organiser deleted it in Outlook: either way it is off.
            GraphLog.CancelTargetGone(logger);
        }
    }

    /// <summary>
    /// The attendee's own copy is found by GET /users/{attendee}/events?$filter=iCalUId eq '…' (the event id differs per
    /// mailbox), then answered with accept / tentativelyAccept / decline and sendResponse, so the organiser is told.
    /// </summary>
    public async Task RespondAsync(string attendeeObjectId, string iCalUId, AttendeeResponse response, CancellationToken cancellationToken)
    {
        if (response == AttendeeResponse.None)
        {
            throw new ArgumentOutOfRangeException(nameof(response), "An invitation cannot be answered with 'none'.");
        }

        var found = await graph.Users[attendeeObjectId].Events.GetAsync(
            configuration =>
            {
                configuration.QueryParameters.Filter = "iCalUId eq " + ODataLiteral.Quote(iCalUId);
                configuration.QueryParameters.Select = ["id", "iCalUId"];
                configuration.QueryParameters.Top = 1;
            },
            cancellationToken);
        var eventId = found?.Value is [{ Id: { } id }, ..]
            ? id
            : throw new InvalidOperationException("The invitation is not (yet) in the attendee's calendar.");

        var item = graph.Users[attendeeObjectId].Events[eventId];
        switch (response)
        {
            case AttendeeResponse.Accepted:
                await item.Accept.PostAsync(new AcceptPostRequestBody { AdditionalData = SendResponse() }, cancellationToken: cancellationToken);
                break;
            case AttendeeResponse.TentativelyAccepted:
                await item.TentativelyAccept.PostAsync(new TentativelyAcceptPostRequestBody { AdditionalData = SendResponse() }, cancellationToken: cancellationToken);
                break;
            case AttendeeResponse.Declined:
                await item.Decline.PostAsync(new DeclinePostRequestBody { AdditionalData = SendResponse() }, cancellationToken: cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(response));
        }
    }

    /// <summary>GET /users/{organiser}/events/{id} with attendees' status.response; null when the event is gone (404).</summary>
    public async Task<CalendarEventSnapshot?> GetEventAsync(string organizerObjectId, string eventId, CancellationToken cancellationToken)
    {
        Event? found;
        try
        {
            found = await graph.Users[organizerObjectId].Events[eventId].GetAsync(
                configuration =>
                {
                    configuration.QueryParameters.Select = SnapshotFields;
                    configuration.Headers.Add("Prefer", GraphTime.PreferUtc);
                },
                cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return null;
        }

        return found is null ? null : await ToSnapshotAsync(found, cancellationToken);
    }

    /// <summary>
    /// GET /users/{organiser}/calendarView/delta?startDateTime&amp;endDateTime, then the @odata.nextLink pages, ending in an
    /// @odata.deltaLink for the next sweep. Removed events arrive as "@removed" stubs with the id only.
    /// </summary>
    public async Task<CalendarDeltaPage> GetDeltaAsync(string organizerObjectId, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? link, CancellationToken cancellationToken)
    {
        DeltaGetResponse? page;
        try
        {
            page = await DeltaPageAsync(organizerObjectId, windowStart, windowEnd, link, cancellationToken);
        }
        catch (ODataError error) when (IsExpiredSyncState(error))
        {
            // Graph's own short code (e.g. syncStateNotFound), capped: the link itself is never logged.
            var code = error.Error?.Code is { Length: > 0 } given ? given[..Math.Min(given.Length, 64)] : "gone";
            GraphLog.DeltaExpired(logger, error.ResponseStatusCode, code);
            throw new CalendarDeltaExpiredException(code);
        }

        var events = new List<CalendarEventSnapshot>();
        foreach (var item in page?.Value ?? [])
        {
            events.Add(await ToSnapshotAsync(item, cancellationToken));
        }

        return new CalendarDeltaPage(events, page?.OdataNextLink, page?.OdataDeltaLink);
    }

    // Graph's synchronization reset: 410 Gone (whatever the code), or one of the sync-state codes it also sends with 400.
    private static readonly HashSet<string> ExpiredSyncStateCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "syncStateNotFound", "syncStateInvalid", "resyncRequired", "fullSyncRequired",
        "resyncChangesApplyDifferences", "resyncChangesUploadDifferences",
    };

    private static bool IsExpiredSyncState(ODataError error) =>
        error.ResponseStatusCode == 410
        || (error.ResponseStatusCode == 400 && error.Error?.Code is { } code && ExpiredSyncStateCodes.Contains(code));

    private async Task<DeltaGetResponse?> DeltaPageAsync(string organizerObjectId, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? link, CancellationToken cancellationToken)
    {
        DeltaGetResponse? page;
        if (link is null)
        {
            page = await graph.Users[organizerObjectId].CalendarView.Delta.GetAsDeltaGetResponseAsync(
                configuration =>
                {
                    configuration.QueryParameters.StartDateTime = windowStart.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    configuration.QueryParameters.EndDateTime = windowEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                    configuration.Headers.Add("Prefer", GraphTime.PreferUtc);
                },
                cancellationToken);
        }
        else
        {
            // Links are replayed as Graph gave them (their $skiptoken/$deltatoken are opaque), but only to Graph's own
            // host: a stored link that pointed elsewhere would otherwise carry the app's token there.
            if (!link.StartsWith(options.BaseUrl.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))
            {
                throw new ArgumentException("A delta link must point at the configured Graph base URL.", nameof(link));
            }

            page = await new DeltaRequestBuilder(link, graph.RequestAdapter).GetAsDeltaGetResponseAsync(
                configuration => configuration.Headers.Add("Prefer", GraphTime.PreferUtc),
                cancellationToken);
        }

        return page;
    }

    // Microsoft.Graph 6.10.0 writes the typed action parameters in PascalCase ("Comment", "SendResponse"), which Graph's
    // case-sensitive action binding does not read. The parameters go in AdditionalData under their documented names until
    // the SDK is fixed; the tests pin the names on the wire.
    private static Dictionary<string, object> SendResponse() => new() { ["sendResponse"] = true };

    private async Task<Event> ToEventAsync(CalendarEventRequest request, CancellationToken cancellationToken)
    {
        var attendees = new List<Attendee>();
        foreach (var objectId in request.AttendeeObjectIds.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var address = await directory.AddressOfAsync(objectId, cancellationToken);
            attendees.Add(new Attendee { EmailAddress = new EmailAddress { Address = address }, Type = AttendeeType.Required });
        }

        var body = new Event
        {
            Subject = request.Subject,
            Body = new ItemBody { ContentType = BodyType.Html, Content = request.BodyHtml },
            Start = GraphTime.ToGraph(request.Start),
            End = GraphTime.ToGraph(request.End),
            Attendees = attendees,
            IsOnlineMeeting = request.IsOnlineMeeting,
        };
        if (request.IsOnlineMeeting)
        {
            body.OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness;
        }

        if (request.Location is { Length: > 0 } location)
        {
            body.Location = new Location { DisplayName = location };
        }

        return body;
    }

    private async Task<CalendarEventSnapshot> ToSnapshotAsync(Event item, CancellationToken cancellationToken)
    {
        var removed = item.AdditionalData?.ContainsKey("@removed") == true;
        var responses = new Dictionary<string, AttendeeResponse>(StringComparer.OrdinalIgnoreCase);
        var attendees = new List<CalendarAttendee>();
        foreach (var attendee in item.Attendees ?? [])
        {
            if (attendee.EmailAddress?.Address is not { Length: > 0 } address)
            {
                continue;
            }

            var response = attendee.Status?.Response switch
            {
                ResponseType.Accepted => AttendeeResponse.Accepted,
                ResponseType.TentativelyAccepted => AttendeeResponse.TentativelyAccepted,
                ResponseType.Declined => AttendeeResponse.Declined,
                _ => AttendeeResponse.None,
            };
            var objectId = await directory.ObjectIdOfAsync(address, cancellationToken);
            attendees.Add(new CalendarAttendee(objectId, attendee.EmailAddress.Name is { Length: > 0 } name ? name : address, response));
            if (objectId is null)
            {
                GraphLog.AttendeeUnmatched(logger);
                continue;
            }

            responses[objectId] = response;
        }

        return new CalendarEventSnapshot(
            item.Id ?? string.Empty,
            item.ICalUId ?? string.Empty,
            GraphTime.FromGraph(item.Start),
            GraphTime.FromGraph(item.End),
            item.IsCancelled == true,
            removed,
            responses,
            Categories: item.Categories ?? [],
            Subject: item.Subject,
            Location: item.Location?.DisplayName,
            IsOnlineMeeting: item.IsOnlineMeeting == true,
            JoinUrl: item.OnlineMeeting?.JoinUrl,
            // A delta "@removed" stub has none of these; an event read without the field is taken as hers (her calendar).
            IsOrganizer: item.IsOrganizer != false,
            IsPrivate: item.Sensitivity is Sensitivity.Private or Sensitivity.Confidential,
            IsRecurring: item.Type is EventType.SeriesMaster or EventType.Occurrence or EventType.Exception,
            Attendees: attendees);
    }
}
