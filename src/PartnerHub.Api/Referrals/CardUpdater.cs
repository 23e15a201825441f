using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Referrals;

/// <summary>
/// Updates cards in place, each in its person's own current view: the shared last step of every "a referral or an
/// onward referral changed" notification. Updating an activity is idempotent, so an outbox retry is harmless.
/// </summary>
public sealed partial class CardUpdater(DirectoryStore directory, HelpCards help, LanguageResolver languages, IConnectorClient connector, ITrustedServiceUrls trusted, ILogger<CardUpdater> logger)
{
    /// <param name="render">The card for a person (with the refresh audience, in her language now), or null when she may no longer see it.</param>
    public async Task UpdateAllAsync(
        string projectId,
        IReadOnlyList<CardLocation> locations,
        Func<Actor, IReadOnlyList<string>, string, Task<JsonObject?>> render,
        string rowKey,
        CancellationToken cancellationToken)
    {
        var audience = locations.Select(l => l.UserId).Where(id => id.Length > 0).Distinct(StringComparer.Ordinal).Take(60).ToList();
        foreach (var location in locations)
        {
            var member = await directory.FindMemberAsync(projectId, location.ObjectId, cancellationToken);
            // In her language as it is now (she may have switched since the card was sent), by the one rule.
            var language = await languages.ForMemberAsync(projectId, location.ObjectId, cancellationToken);
            var card = member is null ? null : await render(Actor.From(member), audience, language);
            // Someone who may no longer see it (reassigned mother, removed partner) gets a card that says so, not the old details.
            card ??= help.Error(language, help.Text(language, "referral.notices.forbidden"));
            if (!trusted.Trust(location.ServiceUrl))
            {
                LogUntrusted(logger, rowKey);
                continue;
            }

            try
            {
                await connector.UpdateActivityAsync(location.ServiceUrl, location.ConversationId, location.ActivityId, new Activity
                {
                    Type = ActivityTypes.Message,
                    Id = location.ActivityId,
                    Conversation = new ConversationAccount { Id = location.ConversationId },
                    Attachments = [Attachment.AdaptiveCard(card)],
                }, cancellationToken);
            }
            catch (ConnectorException e) when (e.StatusCode is 404)
            {
                // The message was deleted in Teams: nothing to update there.
                LogGone(logger, rowKey);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {RowKey}: a card location's serviceUrl is not allowed; skipped")]
    private static partial void LogUntrusted(ILogger logger, string rowKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {RowKey}: a card to update no longer exists")]
    private static partial void LogGone(ILogger logger, string rowKey);
}
