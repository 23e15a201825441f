using System.Text.Json.Nodes;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Bot;

/// <summary>
/// Answers the message commands of one feature ("henvis", "møder", "partnere") with a card, so the bot routes words to
/// features without knowing them, as it routes card verbs through <see cref="ICardActionHandler"/>.
/// </summary>
public interface IChatCommandHandler
{
    IReadOnlyCollection<BotCommandKind> Kinds { get; }

    /// <summary>The card for the command, or null when she is in no project (the bot then tells her whom to ask).</summary>
    Task<JsonObject?> CardForAsync(BotCommandKind kind, Activity activity, string language, CancellationToken cancellationToken);
}
