using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Partners;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Cards;

/// <summary>
/// Updates cards in place, each in its person's own current view: the shared last step of every "a record changed"
/// notification (referrals, onward referrals, sessions). Updating an activity is idempotent, so an outbox retry is harmless.
/// </summary>
public sealed partial class CardUpdater(
    CardLocationStore locations,
    DirectoryStore directory,
    HelpCards help,
    LanguageResolver languages,
    IConnectorClient connector,
    ITrustedServiceUrls trusted,
    ILogger<CardUpdater> logger)
{
    /// <summary>Updates every card showing the record, except the one acted on.</summary>
    /// <param name="acting">The card the change was made on, whose invoke response already shows it: skipped. Null for a change made elsewhere.</param>
    /// <param name="render">The card for a person (with the refresh audience, in her language now), or null when she may no longer see it.</param>
    /// <param name="holders">Where who each holder is now comes from (remembered, or read now).</param>
    public async Task UpdateAllAsync(
        string projectId,
        CardKind kind,
        string id,
        ActingCard? acting,
        Func<Actor, IReadOnlyList<string>, string, Task<JsonObject?>> render,
        HolderCheck holders,
        string rowKey,
        CancellationToken cancellationToken) =>
        await UpdateAllAsync(projectId, await locations.ForAsync(projectId, kind, id, cancellationToken), acting, render, holders, rowKey, cancellationToken);

    /// <summary>Updates these cards, every card showing the record as the caller has just read them, except the one acted on.</summary>
    public async Task UpdateAllAsync(
        string projectId,
        IReadOnlyList<CardLocation> shown,
        ActingCard? acting,
        Func<Actor, IReadOnlyList<string>, string, Task<JsonObject?>> render,
        HolderCheck holders,
        string rowKey,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shown);
        var audience = CardLocationStore.Audience(shown);
        foreach (var location in shown)
        {
            if (acting?.Is(location) == true)
            {
                continue;
            }

            await UpdateAsync(projectId, location, audience, render, holders, rowKey, cancellationToken);
        }
    }

    private async Task UpdateAsync(
        string projectId,
        CardLocation location,
        IReadOnlyList<string> audience,
        Func<Actor, IReadOnlyList<string>, string, Task<JsonObject?>> render,
        HolderCheck holders,
        string rowKey,
        CancellationToken cancellationToken)
    {
        var member = holders == HolderCheck.Remembered
            ? await directory.RememberedMemberAsync(projectId, location.ObjectId, cancellationToken)
            : await directory.FindMemberAsync(projectId, location.ObjectId, cancellationToken);
        // In her language as it is now (she may have switched since the card was sent), by the one rule.
        var language = await languages.ForMemberAsync(projectId, location.ObjectId, cancellationToken);
        var card = member is null ? null : await render(Actor.From(member), audience, language);
        // Someone who may no longer see it (reassigned mother, removed partner) gets a card that says so, not the old details.
        card ??= help.Error(language, help.Text(language, "error.noLongerVisible"));
        if (!trusted.Trust(location.ServiceUrl))
        {
            LogUntrusted(logger, rowKey);
            return;
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox {RowKey}: a card location's serviceUrl is not allowed; skipped")]
    private static partial void LogUntrusted(ILogger logger, string rowKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbox {RowKey}: a card to update no longer exists")]
    private static partial void LogGone(ILogger logger, string rowKey);
}
