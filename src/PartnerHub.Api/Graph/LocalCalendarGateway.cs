using System.Globalization;

namespace PartnerHub.Api.Graph;

/// <summary>
/// The local demo's calendar: in memory, no Outlook. It keeps Graph's contract so the demo exercises the same code
/// paths: transactionId makes a retried create return the first event, attendees answer their own copy found by
/// iCalUId, cancelled events stay readable as cancelled, and the delta pages with next and delta links (removed events as
/// IsDeleted). State lasts as long as the process, which is all a demo needs.
/// </summary>
public sealed class LocalCalendarGateway(int deltaPageSize = 50) : ICalendarGateway
{
    private const string LinkPrefix = "local-delta:";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LocalEvent> _events = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _eventIdByTransaction = new(StringComparer.Ordinal);
    private long _version;

    public bool IsLocal => true;

    public Task<CalendarEvent> CreateEventAsync(CalendarEventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var key = request.OrganizerObjectId + "\n" + request.TransactionId;
            if (_eventIdByTransaction.TryGetValue(key, out var existingId))
            {
                return Task.FromResult(_events[existingId].ToCalendarEvent());
            }

            var id = "local-event-" + Guid.NewGuid().ToString("N");
            var created = new LocalEvent(id, "local-ical-" + Guid.NewGuid().ToString("N"), request.OrganizerObjectId)
            {
                Request = request,
                Version = ++_version,
            };
            foreach (var attendee in request.AttendeeObjectIds)
            {
                created.Responses[attendee] = AttendeeResponse.None;
            }

            _events[id] = created;
            _eventIdByTransaction[key] = id;
            return Task.FromResult(created.ToCalendarEvent());
        }
    }

    public Task UpdateEventAsync(string eventId, CalendarEventRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_gate)
        {
            var found = Find(request.OrganizerObjectId, eventId);
            if (found.IsCancelled)
            {
                throw new InvalidOperationException("A cancelled event cannot be updated.");
            }

            found.Request = request with { TransactionId = found.Request.TransactionId };
            var kept = found.Responses.Where(pair => request.AttendeeObjectIds.Contains(pair.Key, StringComparer.OrdinalIgnoreCase)).ToList();
            found.Responses.Clear();
            foreach (var attendee in request.AttendeeObjectIds)
            {
                found.Responses[attendee] = AttendeeResponse.None;
            }

            foreach (var (attendee, response) in kept)
            {
                found.Responses[attendee] = response;
            }

            found.Version = ++_version;
        }

        return Task.CompletedTask;
    }

    public Task CancelEventAsync(string organizerObjectId, string eventId, string comment, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_events.TryGetValue(eventId, out var found) && found.OrganizerObjectId == organizerObjectId && !found.IsCancelled)
            {
                found.IsCancelled = true;
                found.CancellationComment = comment;
                found.Version = ++_version;
            }
        }

        // Like the Graph gateway, cancelling what is already cancelled or gone is done, not an error.
        return Task.CompletedTask;
    }

    public Task RespondAsync(string attendeeObjectId, string iCalUId, AttendeeResponse response, CancellationToken cancellationToken)
    {
        if (response == AttendeeResponse.None)
        {
            throw new ArgumentOutOfRangeException(nameof(response), "An invitation cannot be answered with 'none'.");
        }

        lock (_gate)
        {
            var found = _events.Values.FirstOrDefault(item => item.ICalUId == iCalUId && item.Responses.ContainsKey(attendeeObjectId))
                ?? throw new InvalidOperationException("The invitation is not (yet) in the attendee's calendar.");
            if (found.IsCancelled)
            {
                throw new InvalidOperationException("A cancelled event cannot be answered.");
            }

            found.Responses[attendeeObjectId] = response;
            found.Version = ++_version;
        }

        return Task.CompletedTask;
    }

    public Task<CalendarEventSnapshot?> GetEventAsync(string organizerObjectId, string eventId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(
                _events.TryGetValue(eventId, out var found) && found.OrganizerObjectId == organizerObjectId ? found.ToSnapshot() : null);
        }
    }

    /// <summary>Links are "local-delta:{sinceVersion}:{skip}:{windowStartTicks}:{windowEndTicks}"; only this class reads them.</summary>
    public Task<CalendarDeltaPage> GetDeltaAsync(string organizerObjectId, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? link, CancellationToken cancellationToken)
    {
        long since = 0;
        var skip = 0;
        if (link is not null)
        {
            var parts = link.StartsWith(LinkPrefix, StringComparison.Ordinal) ? link[LinkPrefix.Length..].Split(':') : [];
            if (parts.Length != 4)
            {
                throw new ArgumentException("Not a link this calendar gave out.", nameof(link));
            }

            since = long.Parse(parts[0], CultureInfo.InvariantCulture);
            skip = int.Parse(parts[1], CultureInfo.InvariantCulture);
            windowStart = new DateTimeOffset(long.Parse(parts[2], CultureInfo.InvariantCulture), TimeSpan.Zero);
            windowEnd = new DateTimeOffset(long.Parse(parts[3], CultureInfo.InvariantCulture), TimeSpan.Zero);
        }

        lock (_gate)
        {
            var changed = _events.Values
                .Where(item => item.OrganizerObjectId == organizerObjectId && item.Version > since)
                .Where(item => item.Request.Start < windowEnd && item.Request.End > windowStart)
                .OrderBy(item => item.Version)
                .ToList();
            var page = changed.Skip(skip).Take(deltaPageSize).Select(item => item.ToSnapshot(asDeltaItem: true)).ToList();
            var window = string.Create(CultureInfo.InvariantCulture, $"{windowStart.UtcTicks}:{windowEnd.UtcTicks}");
            if (skip + page.Count < changed.Count)
            {
                var next = string.Create(CultureInfo.InvariantCulture, $"{LinkPrefix}{since}:{skip + page.Count}:{window}");
                return Task.FromResult(new CalendarDeltaPage(page, next, null));
            }

            var delta = string.Create(CultureInfo.InvariantCulture, $"{LinkPrefix}{_version}:0:{window}");
            return Task.FromResult(new CalendarDeltaPage(page, null, delta));
        }
    }

    /// <summary>
    /// A meeting the coordinator makes in Outlook herself (the demo's stand-in for her Outlook): with categories and
    /// attendees outside the tenant (by name only), so adoption runs on the same snapshots as with Graph.
    /// </summary>
    public CalendarEvent AddOutlookMeeting(CalendarEventRequest request, IReadOnlyList<string> categories, IReadOnlyList<string> outsideAttendeeNames)
    {
        ArgumentNullException.ThrowIfNull(request);
        var created = CreateEventAsync(request, CancellationToken.None).GetAwaiter().GetResult();
        SetCategories(request.OrganizerObjectId, created.EventId, categories, outsideAttendeeNames);
        return created;
    }

    /// <summary>She sets or clears categories on a meeting in Outlook (and, optionally, who outside the tenant is invited).</summary>
    public void SetCategories(string organizerObjectId, string eventId, IReadOnlyList<string> categories, IReadOnlyList<string>? outsideAttendeeNames = null)
    {
        lock (_gate)
        {
            var found = Find(organizerObjectId, eventId);
            found.Categories = [.. categories];
            found.OutsideAttendees = outsideAttendeeNames is null ? found.OutsideAttendees : [.. outsideAttendeeNames];
            found.Version = ++_version;
        }
    }

    /// <summary>What the demo shows instead of Outlook: the cancellation comment the attendees would have had.</summary>
    public string? CancellationCommentOf(string eventId)
    {
        lock (_gate)
        {
            return _events.TryGetValue(eventId, out var found) ? found.CancellationComment : null;
        }
    }

    private LocalEvent Find(string organizerObjectId, string eventId) =>
        _events.TryGetValue(eventId, out var found) && found.OrganizerObjectId == organizerObjectId
            ? found
            : throw new KeyNotFoundException("No such event on the organiser's calendar.");

    private sealed class LocalEvent(string id, string iCalUId, string organizerObjectId)
    {
        public string Id { get; } = id;

        public string ICalUId { get; } = iCalUId;

        public string OrganizerObjectId { get; } = organizerObjectId;

        public required CalendarEventRequest Request { get; set; }

        public long Version { get; set; }

        public bool IsCancelled { get; set; }

        public string? CancellationComment { get; set; }

        public Dictionary<string, AttendeeResponse> Responses { get; } = new(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<string> Categories { get; set; } = [];

        public IReadOnlyList<string> OutsideAttendees { get; set; } = [];

        // No join URL: nothing is booked in Teams, and a made-up link would look real on a card.
        public CalendarEvent ToCalendarEvent() => new(Id, ICalUId, null);

        // Graph drops a cancelled event from the organiser's view; its delta reports it as removed, so this one does too.
        public CalendarEventSnapshot ToSnapshot(bool asDeltaItem = false) => new(
            Id, ICalUId, Request.Start, Request.End, IsCancelled, asDeltaItem && IsCancelled, new Dictionary<string, AttendeeResponse>(Responses),
            Categories: Categories,
            Subject: Request.Subject,
            Location: Request.Location,
            IsOnlineMeeting: Request.IsOnlineMeeting,
            Attendees: [.. Responses.Select(pair => new CalendarAttendee(pair.Key, pair.Key, pair.Value)), .. OutsideAttendees.Select(name => new CalendarAttendee(null, name, AttendeeResponse.None))]);
    }
}
