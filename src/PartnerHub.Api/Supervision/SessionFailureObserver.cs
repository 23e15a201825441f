using PartnerHub.Api.Bot;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Storage;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Supervision;

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
