using System.Text.Json.Nodes;
using System.Text;
using Microsoft.Kiota.Abstractions;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using PartnerHub.Teams.Cards;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Supervision;

/// <summary>
/// System writes to a session (what Outlook or SharePoint reported back): re-read, apply, write conditional on the ETag,
/// and try again on a lost race, since the observation is still true after someone else's change. Writes only on a change,
/// and every change refreshes the cards through the outbox.
/// </summary>
public sealed class SessionSystemWriter(SessionStore sessions, OutboxWriter outbox, IOutboxNudge nudge, TimeProvider time)
{
    public async Task<StoredSession?> ApplyAsync(string projectId, string sessionId, Func<SupervisionSession, DateTimeOffset, SessionResult> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await sessions.FindAsync(projectId, sessionId, cancellationToken);
            if (stored is null)
            {
                return null;
            }

            var result = change(stored.Session, time.GetUtcNow());
            if (!result.Succeeded || !result.Changed)
            {
                return stored;
            }

            var update = outbox.Create(projectId, SessionNotifications.Of(SessionNotifications.UpdateCards, sessionId));
            try
            {
                var updated = await sessions.UpdateAsync(stored, result.Session!, null, [update.Action], cancellationToken);
                await nudge.NudgeAsync([update], cancellationToken);
                return updated;
            }
            catch (SessionConflictException)
            {
                // Someone changed it meanwhile: apply the observation to the new version.
            }
        }

        throw new OutboxDeliveryException("sessionConflict");
    }
}

/// <summary>Builds the Outlook event from the session as it is now (Danish text, user text encoded), so a late retry sends current data.</summary>
public sealed class SessionEventFactory(CardCatalog cards)
{
    public CalendarEventRequest For(SupervisionSession session) => new(
        session.OrganizerObjectId,
        TransactionId(session),
        session.Title,
        EventBodyHtml.Paragraphs(
            cards.Text(Languages.Danish, "sessionKinds." + session.Kind) + " for bydelsmødrene.",
            session.Agenda.Length > 0 ? cards.Text(Languages.Danish, "sessions.fields.agenda") + ":\n" + session.Agenda : null,
            "Du kan også svare på kortet fra PartnerHub i Teams."),
        session.Start,
        session.End,
        session.IsOnline ? null : session.Place,
        session.IsOnline,
        [.. session.Invitees.Select(i => i.ObjectId)]);

    /// <summary>Stable per session: a retried create (after a timeout, a 429 or a crash) returns the first event.</summary>
    public static string TransactionId(SupervisionSession session) => $"partnerhub-{session.ProjectId}-{session.Id}";
}

/// <summary>Turns Graph's "this will never work" answers into a permanent failure (so the coordinator is told at once); the rest are retried.</summary>
internal static class GraphFailures
{
    public static async Task RunAsync(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (ApiException e) when (e.ResponseStatusCode is 400 or 401 or 403 or 404 or 409)
        {
            throw new OutboxDeliveryException("graph" + e.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), permanent: true);
        }
        catch (ApiException e) when (e.ResponseStatusCode > 0)
        {
            throw new OutboxDeliveryException("graph" + e.ResponseStatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture), e);
        }
    }
}

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

public sealed class SessionGraphUpdateHandler(SessionStore sessions, ICalendarGateway calendar, SessionEventFactory events) : IOutboxHandler
{
    public string Kind => SessionNotifications.GraphUpdate;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var stored = await sessions.FindAsync(delivery.ProjectId, SessionNotifications.Read(delivery.Payload).SessionId, cancellationToken);
        if (stored is null || stored.Session.State == SessionState.Cancelled)
        {
            return;
        }

        // The create is still on its way (it was written first): try again after it.
        var eventId = stored.Session.CalendarEventId ?? throw new OutboxDeliveryException("eventNotCreatedYet");
        await GraphFailures.RunAsync(() => calendar.UpdateEventAsync(eventId, events.For(stored.Session), cancellationToken));
    }
}

public sealed class SessionGraphCancelHandler(SessionStore sessions, ICalendarGateway calendar) : IOutboxHandler
{
    public string Kind => SessionNotifications.GraphCancel;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var stored = await sessions.FindAsync(delivery.ProjectId, SessionNotifications.Read(delivery.Payload).SessionId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        var session = stored.Session;
        var eventId = session.CalendarEventId ?? throw new OutboxDeliveryException("eventNotCreatedYet");
        var comment = session.CancellationComment is { Length: > 0 } reason ? "Mødet er aflyst. " + reason : "Mødet er aflyst.";
        await GraphFailures.RunAsync(() => calendar.CancelEventAsync(session.OrganizerObjectId, eventId, comment, cancellationToken));
    }
}

/// <summary>Sends the invitee's current answer (not the one at the time of the click): a later answer wins, a retry repeats it harmlessly.</summary>
public sealed class SessionGraphRespondHandler(SessionStore sessions, ICalendarGateway calendar) : IOutboxHandler
{
    public string Kind => SessionNotifications.GraphRespond;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        if (stored is null || stored.Session.State != SessionState.Scheduled || stored.Session.InviteeOf(payload.ObjectId) is not { Rsvp: not Rsvp.None } invitee)
        {
            return;
        }

        var iCalUId = stored.Session.CalendarICalUId ?? throw new OutboxDeliveryException("eventNotCreatedYet");
        var response = invitee.Rsvp switch
        {
            Rsvp.Accepted => AttendeeResponse.Accepted,
            Rsvp.Tentative => AttendeeResponse.TentativelyAccepted,
            _ => AttendeeResponse.Declined,
        };
        await GraphFailures.RunAsync(() => calendar.RespondAsync(invitee.ObjectId, iCalUId, response, cancellationToken));
    }
}

/// <summary>
/// Uploads the minutes text to the project's SharePoint library under a name made of kind, date and id only, then
/// records the document on the session (as the coordinator who wrote them), which updates every card with the link.
/// </summary>
public sealed class SessionUploadMinutesHandler(SessionStore sessions, DirectoryStore directory, MinutesPublisher publisher) : IOutboxHandler
{
    public const string Extension = ".txt";

    public string Kind => SessionNotifications.UploadMinutesKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var text = await sessions.MinutesTextAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var author = payload.ObjectId is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.ObjectId, cancellationToken);
        if (stored is null || text is null || author is null)
        {
            return;
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        using var content = new MemoryStream(bytes);
        await publisher.PublishAsync(delivery.ProjectId, payload.SessionId, author,
            SessionMinutes.MinutesFileName(stored.Session, Extension), content, bytes.Length, MinutesFile.ContentTypes[Extension], cancellationToken);
    }
}

/// <summary>
/// The last step of written and attached minutes alike: the document goes to the project's folder in the SharePoint
/// library (one PUT up to 4 MiB, an upload session above), then is recorded on the session as its author's, which
/// puts the link on every card. Graph's permanent refusals fail the outbox row at once (<see cref="GraphFailures"/>).
/// </summary>
public sealed class MinutesPublisher(IDocumentGateway documents, GraphOptions options, SessionSystemWriter writer)
{
    public async Task PublishAsync(
        string projectId, string sessionId, ProjectMember author, string fileName, Stream content, long length, string contentType, CancellationToken cancellationToken)
    {
        StoredDocument? document = null;
        await GraphFailures.RunAsync(async () =>
            document = await documents.UploadAsync($"{options.MinutesFolder}/{projectId}", fileName, content, length, contentType, cancellationToken));
        var actor = Actor.From(author);
        await writer.ApplyAsync(projectId, sessionId,
            (session, now) => SessionWorkflow.Apply(session, new AddMinutes(document!.WebUrl, fileName), actor, now), cancellationToken);
    }
}

/// <summary>
/// Streams a staged minutes file to the project's SharePoint library under a name of kind, date and id only (length from
/// the blob, so a file above 4 MiB goes through an upload session), records the document on the session as the
/// coordinator who attached it (every card gets the link), then deletes the staged blob. A retry uploads to the same
/// name (Graph replaces it) and records the same document, so it changes nothing twice.
/// </summary>
public sealed class SessionUploadMinutesFileHandler(
    SessionStore sessions,
    DirectoryStore directory,
    StagedFileStore staging,
    MinutesPublisher publisher) : IOutboxHandler
{
    public string Kind => SessionNotifications.UploadMinutesFileKind;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        if (payload.BlobName is not { } blobName || !StagedFileStore.IsStagedName(blobName) || !blobName.StartsWith(delivery.ProjectId + "/", StringComparison.Ordinal)
            || payload.Extension is not { } extension || !MinutesFile.ContentTypes.TryGetValue(extension, out var contentType))
        {
            throw new OutboxDeliveryException("invalidPayload", permanent: true);
        }

        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var author = payload.ObjectId is null ? null : await directory.FindMemberAsync(delivery.ProjectId, payload.ObjectId, cancellationToken);
        if (stored is null || author is null)
        {
            // The session or the coordinator is gone: nobody will want this file.
            await staging.DeleteAsync(blobName, cancellationToken);
            return;
        }

        var fileName = SessionMinutes.MinutesFileName(stored.Session, extension);
        await using (var file = await staging.OpenAsync(blobName, cancellationToken))
        {
            if (file is null)
            {
                // Deleted after an upload whose row was not yet removed: done. Otherwise swept before it could be sent.
                if (stored.Session.MinutesDocumentName == fileName)
                {
                    return;
                }

                throw new OutboxDeliveryException("stagedFileMissing", permanent: true);
            }

            await publisher.PublishAsync(delivery.ProjectId, payload.SessionId, author, fileName, file.Content, file.Length, contentType, cancellationToken);
        }

        await staging.DeleteAsync(blobName, cancellationToken);
    }
}

/// <summary>Sends the session card to each invitee who has none yet (a retry skips those already sent) and remembers where it landed.</summary>
public sealed partial class SendSessionCardsHandler(
    SessionStore sessions,
    SessionViews views,
    CardLocationStore locations,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards cards,
    ILogger<SendSessionCardsHandler> logger) : IOutboxHandler
{
    public string Kind => SessionNotifications.SendCard;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || project is null)
        {
            return;
        }

        var sent = (await locations.ForReferralAsync(delivery.ProjectId, payload.SessionId, cancellationToken)).Select(l => l.ObjectId).ToHashSet(StringComparer.Ordinal);
        foreach (var recipient in payload.Recipients ?? [])
        {
            if (sent.Contains(recipient) || await directory.FindMemberAsync(delivery.ProjectId, recipient, cancellationToken) is not { } member)
            {
                continue;
            }

            var (outcome, location) = await cards.SendAsync(project.TenantId, member,
                language => views.CardForAsync(Actor.From(member), stored, language, null, null, cancellationToken), cancellationToken);
            if (outcome is ProactiveOutcome.NoConversation or ProactiveOutcome.UntrustedServiceUrl)
            {
                // She has not opened the bot yet: Outlook's invitation still reaches her. Not worth failing the others for.
                LogNoChat(logger, delivery.RowKey);
            }

            if (location is not null)
            {
                await locations.SaveAsync(delivery.ProjectId, payload.SessionId, location, cancellationToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {RowKey}: an invitee has no personal chat with the bot; card skipped")]
    private static partial void LogNoChat(ILogger logger, string rowKey);
}

public sealed class UpdateSessionCardsHandler(SessionStore sessions, SessionViews views, CardLocationStore locations, CardUpdater cards) : IOutboxHandler
{
    public string Kind => SessionNotifications.UpdateCards;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        await cards.UpdateAllAsync(
            delivery.ProjectId,
            await locations.ForReferralAsync(delivery.ProjectId, payload.SessionId, cancellationToken),
            (actor, audience, language) => views.CardForAsync(actor, stored, language, null, audience, cancellationToken),
            delivery.RowKey,
            cancellationToken);
    }
}

/// <summary>A session's Graph call that finally failed: the organiser gets the failure card with "try again".</summary>
public sealed partial class SessionFailureObserver(
    SessionStore sessions,
    SessionViews views,
    ProjectStore projects,
    ConversationStore conversations,
    LanguageResolver languages,
    IConnectorClient connector,
    ITrustedServiceUrls trusted,
    ILogger<SessionFailureObserver> logger) : IOutboxFailureObserver
{
    public async Task OnFailedAsync(OutboxFailure failure, CancellationToken cancellationToken)
    {
        if (!SessionNotifications.GraphKinds.Contains(failure.Kind))
        {
            return;
        }

        var payload = SessionNotifications.Read(failure.Payload);
        var stored = await sessions.FindAsync(failure.ProjectId, payload.SessionId, cancellationToken);
        var project = await projects.FindAsync(failure.ProjectId, cancellationToken);
        if (stored is null || project is null)
        {
            return;
        }

        var reference = await conversations.FindReferenceAsync(project.TenantId, stored.Session.OrganizerObjectId, cancellationToken);
        if (reference is null || !trusted.Trust(reference.ServiceUrl))
        {
            LogNoChat(logger, failure.RowKey);
            return;
        }

        var language = await languages.ForPersonAsync(project.TenantId, stored.Session.OrganizerObjectId, project.Id, cancellationToken);
        var card = views.Failure(failure.ProjectId, stored.Session.Id, stored.Session.Title, failure.Kind, failure.ErrorCode, failure.RowKey, language);
        await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, new Activity
        {
            Type = ActivityTypes.Message,
            Conversation = new ConversationAccount { Id = reference.ConversationId },
            Recipient = new ChannelAccount { Id = reference.UserId },
            Attachments = [Attachment.AdaptiveCard(card)],
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {RowKey} failed, and the organiser has no personal chat with the bot to be told in")]
    private static partial void LogNoChat(ILogger logger, string rowKey);
}

/// <summary>
/// Outlook's view of a session's event (change notification or delta sweep): moves, cancellations and each attendee's
/// answer, applied through Core. Idempotent; events that are not sessions are ignored.
/// </summary>
/// <remarks>
/// One subscription serves every project the organiser coordinates, so <c>projectId</c> is the subscription's project,
/// a hint: the event's session is looked up there first, then in her other projects (<see cref="OrganizerProjects"/>),
/// each by a point read of the event index in that project's partition. The change is applied in the project whose
/// session it is, and only there.
/// </remarks>
public sealed class SessionCalendarSink(SessionStore sessions, SessionSystemWriter writer, OrganizerProjects organizerProjects) : ICalendarChangeSink
{
    public async Task ApplyAsync(string projectId, string organizerObjectId, CalendarEventSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var stored = await FindSessionAsync(projectId, organizerObjectId, snapshot.EventId, cancellationToken);
        if (stored is null)
        {
            return;
        }

        projectId = stored.Session.ProjectId;

        var observations = new List<OutlookObservation>();
        if (snapshot.IsDeleted || snapshot.IsCancelled)
        {
            observations.Add(new OutlookCancelled());
        }
        else
        {
            observations.Add(new OutlookMoved(snapshot.Start, snapshot.End));
            foreach (var (objectId, response) in snapshot.ResponsesByObjectId)
            {
                var rsvp = response switch
                {
                    AttendeeResponse.Accepted => Rsvp.Accepted,
                    AttendeeResponse.TentativelyAccepted => Rsvp.Tentative,
                    AttendeeResponse.Declined => Rsvp.Declined,
                    _ => Rsvp.None,
                };
                observations.Add(new OutlookResponse(objectId, rsvp));
            }
        }

        // All observations in one write: apply each in turn, and write once if anything changed.
        await writer.ApplyAsync(projectId, stored.Session.Id, (session, now) =>
        {
            var current = session;
            var changed = false;
            foreach (var observation in observations)
            {
                var result = SessionWorkflow.ApplyFromOutlook(current, observation, now);
                if (result is { Succeeded: true, Changed: true })
                {
                    // Each change bumps Version; one write is one version.
                    current = result.Session! with { Version = session.Version + 1 };
                    changed = true;
                }
            }

            return changed ? new SessionResult(current, null, Changed: true) : SessionResult.Unchanged(session);
        }, cancellationToken);
    }

    private async Task<StoredSession?> FindSessionAsync(string hintProjectId, string organizerObjectId, string eventId, CancellationToken cancellationToken)
    {
        if (await OrganisedAsync(hintProjectId) is { } found)
        {
            return found;
        }

        foreach (var other in await organizerProjects.CoordinatedByAsync(hintProjectId, organizerObjectId, cancellationToken))
        {
            if (!string.Equals(other, hintProjectId, StringComparison.Ordinal) && await OrganisedAsync(other) is { } elsewhere)
            {
                return elsewhere;
            }
        }

        return null; // Her own appointments, or a session since removed.

        async Task<StoredSession?> OrganisedAsync(string projectId) =>
            await sessions.FindByEventAsync(projectId, eventId, cancellationToken) is { } stored
            && string.Equals(stored.Session.OrganizerObjectId, organizerObjectId, StringComparison.Ordinal)
                ? stored
                : null;
    }
}

/// <summary>
/// The projects an organiser coordinates, by keyed reads only: the tenant from the project her subscription was made
/// for (a point read), then her memberships in the directory (<c>people</c>: one partition per person).
/// </summary>
public sealed class OrganizerProjects(ProjectStore projects, ICallerDirectory directory)
{
    public async Task<IReadOnlyList<string>> CoordinatedByAsync(string knownProjectId, string organizerObjectId, CancellationToken cancellationToken)
    {
        if (await projects.FindAsync(knownProjectId, cancellationToken) is not { } project || string.IsNullOrEmpty(project.TenantId))
        {
            return [];
        }

        var memberships = await directory.MembershipsAsync(project.TenantId, organizerObjectId, cancellationToken);
        return [.. memberships.Where(m => m.Role == ProjectRole.Coordinator).Select(m => m.ProjectId).Distinct(StringComparer.Ordinal)];
    }
}

/// <summary>
/// The day-before reminder to every invitee who has not declined, in her language with the RSVP buttons. Sent once per
/// start time: a reminder row for a start that has since moved, a cancelled session or one already reminded stands down.
/// </summary>
public sealed partial class SessionReminderHandler(
    SessionStore sessions,
    SessionViews views,
    DirectoryStore directory,
    ProjectStore projects,
    ProactiveCards cards,
    SessionSystemWriter writer,
    TimeProvider time,
    ILogger<SessionReminderHandler> logger) : IOutboxHandler
{
    public string Kind => SessionNotifications.Reminder;

    public async Task HandleAsync(OutboxDelivery delivery, CancellationToken cancellationToken)
    {
        var payload = SessionNotifications.Read(delivery.Payload);
        var stored = await sessions.FindAsync(delivery.ProjectId, payload.SessionId, cancellationToken);
        var project = await projects.FindAsync(delivery.ProjectId, cancellationToken);
        if (stored is null || project is null || !ReminderPolicy.IsDue(stored.Session, time.GetUtcNow()))
        {
            return;
        }

        var session = stored.Session;
        foreach (var invitee in ReminderPolicy.Recipients(session))
        {
            if (await directory.FindMemberAsync(delivery.ProjectId, invitee.ObjectId, cancellationToken) is not { } member)
            {
                continue;
            }

            var (outcome, _) = await cards.SendAsync(project.TenantId, member,
                language => Task.FromResult<JsonObject?>(views.Reminder(session, Actor.From(member), language)), cancellationToken);
            if (outcome != ProactiveOutcome.Sent)
            {
                LogNotReminded(logger, delivery.RowKey);
            }
        }

        // Recorded after sending: a crash in between repeats the reminder rather than losing it.
        await writer.ApplyAsync(delivery.ProjectId, session.Id, (current, _) => ReminderPolicy.MarkSent(current), cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {RowKey}: an invitee has no personal chat with the bot; no reminder card")]
    private static partial void LogNotReminded(ILogger logger, string rowKey);
}
