using System.Collections.Concurrent;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;

namespace PartnerHub.Api.Tests.Graph.Notifications;

/// <summary>The subscription port as Graph behaves: ids are GUIDs; ids in <see cref="Gone"/> answer 404 to a renewal.</summary>
internal sealed class FakeSubscriptionGateway : ISubscriptionGateway
{
    private readonly ConcurrentQueue<CreatedSubscription> _created = new();
    private readonly ConcurrentQueue<(string Id, DateTimeOffset ExpiresAt)> _renewed = new();
    private readonly ConcurrentQueue<string> _deleted = new();

    public ConcurrentDictionary<string, bool> Gone { get; } = new();

    private readonly ConcurrentQueue<string> _calls = new();

    /// <summary>"create:{id}", "renew:{id}", "renew-404:{id}", "delete:{id}" in the order they happened.</summary>
    public IReadOnlyList<string> Calls => [.. _calls];

    public IReadOnlyList<CreatedSubscription> Created => [.. _created];

    public IReadOnlyList<(string Id, DateTimeOffset ExpiresAt)> Renewed => [.. _renewed];

    public IReadOnlyList<string> Deleted => [.. _deleted];

    public Task<GraphSubscription> CreateAsync(string resource, string changeType, Uri notificationUrl, Uri lifecycleNotificationUrl, string clientState, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("D");
        _created.Enqueue(new CreatedSubscription(id, resource, changeType, notificationUrl, lifecycleNotificationUrl, clientState, expiresAt));
        Record("create:" + id);
        return Task.FromResult(new GraphSubscription(id, resource, expiresAt));
    }

    public Task<GraphSubscription> RenewAsync(string subscriptionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        if (Gone.ContainsKey(subscriptionId))
        {
            Record("renew-404:" + subscriptionId);
            throw new GraphSubscriptionNotFoundException();
        }

        _renewed.Enqueue((subscriptionId, expiresAt));
        Record("renew:" + subscriptionId);
        var created = _created.First(c => c.Id == subscriptionId);
        return Task.FromResult(new GraphSubscription(subscriptionId, created.Resource, expiresAt));
    }

    public Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        _deleted.Enqueue(subscriptionId);
        Record("delete:" + subscriptionId);
        return Task.CompletedTask;
    }

    private void Record(string call)
    {
        _calls.Enqueue(call);
    }
}

internal sealed record CreatedSubscription(string Id, string Resource, string ChangeType, Uri NotificationUrl, Uri LifecycleUrl, string ClientState, DateTimeOffset ExpiresAt);

/// <summary>The calendar port: events to read back, and delta pages keyed by the link asked for ("" = a fresh start).</summary>
internal sealed class FakeCalendarGateway : ICalendarGateway
{
    private readonly ConcurrentQueue<(string Organizer, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? Link)> _deltaCalls = new();

    public ConcurrentDictionary<(string Organizer, string EventId), CalendarEventSnapshot> Events { get; } = new();

    public ConcurrentDictionary<string, CalendarDeltaPage> DeltaPages { get; } = new();

    public IReadOnlyList<(string Organizer, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string? Link)> DeltaCalls => [.. _deltaCalls];

    public bool IsLocal => false;

    public Task<CalendarEventSnapshot?> GetEventAsync(string organizerObjectId, string eventId, CancellationToken cancellationToken) =>
        Task.FromResult(Events.TryGetValue((organizerObjectId, eventId), out var snapshot) ? snapshot : null);

    public Task<CalendarDeltaPage> GetDeltaAsync(string organizerObjectId, DateTimeOffset windowStart, DateTimeOffset windowEnd, string? link, CancellationToken cancellationToken)
    {
        _deltaCalls.Enqueue((organizerObjectId, windowStart, windowEnd, link));
        return Task.FromResult(DeltaPages.TryGetValue(link ?? string.Empty, out var page)
            ? page
            : new CalendarDeltaPage([], null, "delta-empty"));
    }

    public Task<CalendarEvent> CreateEventAsync(CalendarEventRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task UpdateEventAsync(string eventId, CalendarEventRequest request, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task CancelEventAsync(string organizerObjectId, string eventId, string comment, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task RespondAsync(string attendeeObjectId, string iCalUId, AttendeeResponse response, CancellationToken cancellationToken) => throw new NotSupportedException();

    public static CalendarEventSnapshot Snapshot(string eventId, bool deleted = false) => new(
        eventId,
        "ical-" + eventId,
        new DateTimeOffset(2026, 3, 10, 14, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 10, 15, 0, 0, TimeSpan.Zero),
        IsCancelled: false,
        IsDeleted: deleted,
        new Dictionary<string, AttendeeResponse> { ["mother-1"] = AttendeeResponse.Accepted });
}

/// <summary>The supervision feature's stand-in: records every change it is given; can be told to fail.</summary>
internal sealed class RecordingSink : ICalendarChangeSink
{
    private readonly ConcurrentQueue<(string ProjectId, string Organizer, CalendarEventSnapshot Snapshot)> _applied = new();

    public IReadOnlyList<(string ProjectId, string Organizer, CalendarEventSnapshot Snapshot)> Applied => [.. _applied];

    public Func<CalendarEventSnapshot, bool>? FailOn { get; set; }

    public Task ApplyAsync(string projectId, string organizerObjectId, CalendarEventSnapshot snapshot, CancellationToken cancellationToken)
    {
        if (FailOn?.Invoke(snapshot) == true)
        {
            throw new InvalidOperationException("sink failed");
        }

        _applied.Enqueue((projectId, organizerObjectId, snapshot));
        return Task.CompletedTask;
    }
}
