using Microsoft.Kiota.Abstractions;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Supervision;

public sealed partial class SessionGraphCreateHandler(
    SessionStore sessions,
    ICalendarGateway calendar,
    SessionEventFactory events,
    SessionSystemWriter writer,
    IServiceProvider services,
    ILogger<SessionGraphCreateHandler> logger) : IOutboxHandler
{
    public string Kind => SessionNotifications.GraphCreate;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        if (stored is null || stored.Session.CalendarEventId is not null)
        {
            return;
        }

        CalendarEvent? created = null;
        await GraphFailures.RunAsync(async () => created = await calendar.CreateEventAsync(events.For(stored.Session), cancellationToken));
        await writer.ApplyAsync(delivery.ProjectId, payload.SessionId,
            (session, now) => SessionWorkflow.ApplyFromOutlook(session, new OutlookEventCreated(created!.EventId, created.ICalUId, created.OnlineMeetingJoinUrl), now),
            cancellationToken);
        await EnsureCalendarSubscriptionAsync(delivery.ProjectId, stored.Session.OrganizerObjectId, cancellationToken);
    }

    /// <summary>
    /// Moves, cancellations and answers made in Outlook reach PartnerHub through a change-notification subscription on the
    /// organiser's events. Each created event makes sure one exists (idempotent); if that fails now, the next event tries
    /// again and the event itself is not held back for it.
    /// </summary>
    private async Task EnsureCalendarSubscriptionAsync(string projectId, string organizerObjectId, CancellationToken cancellationToken)
    {
        if (calendar.IsLocal || services.GetService<SubscriptionManager>() is not { } subscriptions)
        {
            return;
        }

        try
        {
            await subscriptions.EnsureAsync(projectId, organizerObjectId, cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or ApiException or Azure.RequestFailedException or HttpRequestException)
        {
            LogSubscriptionNotEnsured(logger, projectId, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Calendar change subscription not ensured for project {ProjectId} ({ErrorType}); Outlook changes reach PartnerHub through the delta sweep or the next attempt")]
    private static partial void LogSubscriptionNotEnsured(ILogger logger, string projectId, string errorType);
}
