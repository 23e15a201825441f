using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Cards;

/// <summary>
/// The shared step of every feature's <see cref="IOutboxFailureObserver"/> for its Graph rows (Outlook, SharePoint):
/// the coordinator responsible is told in her personal chat, in her language, with the feature's failure card. A
/// coordinator without a chat the bot may post to is logged (row key only) and skipped: the row stays failed and visible.
/// </summary>
public sealed partial class GraphFailureNotices(
    IEnumerable<GraphFailureKinds> graphKinds,
    ProjectStore projects,
    ConversationStore conversations,
    LanguageResolver languages,
    IConnectorClient connector,
    ITrustedServiceUrls trusted,
    ILogger<GraphFailureNotices> logger)
{
    private readonly HashSet<string> _kinds = new(graphKinds.SelectMany(k => k.Kinds), StringComparer.Ordinal);

    /// <summary>"Try again" on a failure card requeues only a row of a kind some feature declared as a Graph call.</summary>
    public bool MayRetry(string kind) => _kinds.Contains(kind);

    /// <param name="recipientObjectId">The coordinator to tell; null (unknown) tells nobody.</param>
    /// <param name="card">The failure card in the given language.</param>
    public async Task TellAsync(OutboxFailure failure, string? recipientObjectId, Func<string, JsonObject> card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(card);
        var project = await projects.FindAsync(failure.ProjectId, cancellationToken);
        if (project is null || recipientObjectId is null)
        {
            return;
        }

        var reference = await conversations.FindReferenceAsync(project.TenantId, recipientObjectId, cancellationToken);
        if (reference is null || !trusted.Trust(reference.ServiceUrl))
        {
            LogNoChat(logger, failure.RowKey);
            return;
        }

        var language = await languages.ForPersonAsync(project.TenantId, recipientObjectId, project.Id, cancellationToken);
        await connector.SendToConversationAsync(reference.ServiceUrl, reference.ConversationId, new Activity
        {
            Type = ActivityTypes.Message,
            Conversation = new ConversationAccount { Id = reference.ConversationId },
            Recipient = new ChannelAccount { Id = reference.UserId },
            Attachments = [Attachment.AdaptiveCard(card(language))],
        }, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {RowKey} failed, and the coordinator has no personal chat with the bot to be told in")]
    private static partial void LogNoChat(ILogger logger, string rowKey);
}

/// <summary>A feature's outbox kinds that call Graph (registered once per feature): their failure cards may be retried.</summary>
public sealed record GraphFailureKinds(IReadOnlySet<string> Kinds);
