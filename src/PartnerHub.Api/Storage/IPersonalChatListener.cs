namespace PartnerHub.Api.Storage;

/// <summary>
/// Told when the bot has just stored where a person's personal chat is (her install, the bot added, a message after a
/// restart): cards that waited for her can go now, and she is reachable. Called with ids only; must be idempotent,
/// since Teams may send the same event again.
/// </summary>
public interface IPersonalChatListener
{
    Task OnPersonalChatSavedAsync(string? tenantId, string objectId, CancellationToken cancellationToken);
}
