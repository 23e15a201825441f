using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Supervision;

/// <summary>"møder" (her sessions) and "nyt møde" (the coordinator's form).</summary>
public sealed class SessionChatCommands(ActorResolver actors, SessionCardActions sessions) : IChatCommandHandler
{
    public IReadOnlyCollection<BotCommandKind> Kinds { get; } = [BotCommandKind.Sessions, BotCommandKind.NewSession];

    public async Task<JsonObject?> CardForAsync(BotCommandKind kind, Activity activity, string language, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(activity, projectId: null, kind == BotCommandKind.NewSession ? ProjectRole.Coordinator : null, cancellationToken);
        if (actor is null)
        {
            return null;
        }

        // The form checks the role itself: anyone but a coordinator gets "no access", not a form that would be refused.
        return kind == BotCommandKind.NewSession
            ? await sessions.FormCardAsync(actor, language, cancellationToken)
            : await sessions.ListCardAsync(actor, language, cancellationToken);
    }
}
