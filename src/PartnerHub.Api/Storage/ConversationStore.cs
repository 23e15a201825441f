using Azure;
using Azure.Data.Tables;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Core.Localization;

namespace PartnerHub.Api.Storage;

/// <summary>
/// Conversations the bot takes part in (table <c>conversations</c>, PartitionKey = tenant id):
/// the reference needed to message a user proactively (RowKey = the user's Entra object id), and
/// a marker per conversation that its welcome card has gone out (RowKey = <c>welcome|{conversation id}</c>), and the
/// language a person chose herself (RowKey = <c>language|{object id}</c>). Only ids and "da"/"en" are stored: never names.
/// Her language choice (or that she made none) is remembered for <see cref="ReadCache"/>'s lifetime; her own choice
/// made through this instance is seen at once.
/// </summary>
public sealed class ConversationStore(TableStore store, ReadCache? cache = null)
{
    private readonly CachedReads<(string, string), string?> _languages = new(cache, refreshAhead: true);

    private const string NoTenant = "no-tenant";
    private const int MaxRemembered = 10_000;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string?, string), ConversationReference> _saved = new();

    private TableClient Table => store.Table(TableNames.Conversations);

    /// <summary>
    /// Claims the right to send the welcome card in a conversation. True exactly once per conversation,
    /// however many install and members-added events Teams sends, even concurrently: the insert is atomic.
    /// </summary>
    public async Task<bool> TryClaimWelcomeAsync(string? tenantId, string conversationId, CancellationToken cancellationToken)
    {
        var entity = new TableEntity(PartitionFor(tenantId), "welcome|" + TableKeys.Escape(conversationId))
        {
            ["ClaimedAt"] = DateTimeOffset.UtcNow,
        };
        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Gives the claim back, when the welcome could not be sent, so the next event tries again.</summary>
    public async Task ReleaseWelcomeAsync(string? tenantId, string conversationId, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(PartitionFor(tenantId), "welcome|" + TableKeys.Escape(conversationId), ETag.All, cancellationToken);

    /// <summary>Remembers where a user's personal chat with the bot is, for proactive messages.</summary>
    /// <returns>False when this process had already stored exactly this reference (nothing written), true otherwise.</returns>
    public async Task<bool> SaveReferenceAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        // Every personal-chat message re-saves the same reference; one table write per message was the bot's largest cost
        // under load (bench/). Skip the write when this process already stored exactly this reference.
        var key = (reference.TenantId, reference.AadObjectId);
        if (_saved.TryGetValue(key, out var last) && last == reference with { Locale = reference.Locale ?? last.Locale })
        {
            return false;
        }

        var entity = new TableEntity(PartitionFor(reference.TenantId), TableKeys.Escape(reference.AadObjectId))
        {
            ["ServiceUrl"] = reference.ServiceUrl,
            ["ConversationId"] = reference.ConversationId,
            ["BotId"] = reference.BotId,
            ["ChannelId"] = reference.ChannelId,
            ["UserId"] = reference.UserId,
        };
        // Merge, and only with a locale when the activity had one: Teams' conversationUpdate carries none and must not
        // wipe the language an installationUpdate or message told us.
        if (reference.Locale is not null)
        {
            entity["Locale"] = reference.Locale;
        }

        await Table.UpsertEntityAsync(entity, TableUpdateMode.Merge, cancellationToken);
        if (_saved.Count > MaxRemembered)
        {
            _saved.Clear();
        }

        _saved[key] = reference with { Locale = reference.Locale ?? last?.Locale };
        return true;
    }

    /// <summary>
    /// Forgets that this process stored her reference, so the next activity saves it (and tells the listeners) again:
    /// for when what follows a save failed.
    /// </summary>
    public void ForgetSaved(string? tenantId, string aadObjectId) => _saved.TryRemove((tenantId, aadObjectId), out _);

    /// <summary>Remembers the language she chose ("Vis på dansk / Show in English", or in the tab), for every later card and page.</summary>
    public async Task SaveLanguageAsync(string? tenantId, string aadObjectId, string language, CancellationToken cancellationToken)
    {
        if (!Languages.TryParse(language, out var parsed))
        {
            throw new ArgumentException("Not a language PartnerHub speaks.", nameof(language));
        }

        var key = (PartitionFor(tenantId), LanguageRow(aadObjectId));
        await _languages.WriteAsync(key, () => Table.UpsertEntityAsync(
            new TableEntity(key.Item1, key.Item2) { ["Language"] = parsed },
            TableUpdateMode.Replace,
            cancellationToken));
    }

    /// <summary>The language she chose herself, or null when she never has: one point read.</summary>
    public Task<string?> FindLanguageAsync(string? tenantId, string aadObjectId, CancellationToken cancellationToken)
    {
        var key = (PartitionFor(tenantId), LanguageRow(aadObjectId));
        return _languages.GetAsync(key, token => ReadLanguageAsync(key.Item1, key.Item2, token), cancellationToken);
    }

    private async Task<string?> ReadLanguageAsync(string partition, string rowKey, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(partition, rowKey, ["Language"], cancellationToken);
        return response.HasValue && response.Value is { } entity && Languages.TryParse(entity.GetString("Language"), out var language) ? language : null;
    }

    public async Task<ConversationReference?> FindReferenceAsync(string? tenantId, string aadObjectId, CancellationToken cancellationToken)
    {
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionFor(tenantId), TableKeys.Escape(aadObjectId), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity)
        {
            return null;
        }

        return new ConversationReference(
            tenantId,
            aadObjectId,
            entity.GetString("ServiceUrl") ?? string.Empty,
            entity.GetString("ConversationId") ?? string.Empty,
            entity.GetString("BotId"),
            entity.GetString("ChannelId"),
            entity.GetString("UserId"),
            entity.GetString("Locale"));
    }

    private static string LanguageRow(string aadObjectId) => "language|" + TableKeys.Escape(aadObjectId);

    /// <summary>The partition of a tenant's rows in table <c>conversations</c>, for other rows kept per person there (waiting cards).</summary>
    public static string TenantPartition(string? tenantId) => PartitionFor(tenantId);

    private static string PartitionFor(string? tenantId) => string.IsNullOrWhiteSpace(tenantId) ? NoTenant : TableKeys.Escape(tenantId);
}

/// <param name="UserId">The user's Teams id (29:…) in this conversation.</param>
/// <param name="Locale">Her Teams locale when she last wrote. Not the language of her cards: that is <see cref="PartnerHub.Api.Bot.LanguageResolver"/>'s.</param>
public sealed record ConversationReference(string? TenantId, string AadObjectId, string ServiceUrl, string ConversationId, string? BotId, string? ChannelId, string? UserId = null, string? Locale = null);
