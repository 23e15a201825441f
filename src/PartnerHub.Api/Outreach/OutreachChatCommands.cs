using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Outreach;

/// <summary>"kontakt" / "outreach" / "log": the outreach form for a neighbourhood mother.</summary>
public sealed class OutreachChatCommands(ActorResolver actors, OutreachCardActions outreach) : IChatCommandHandler
{
    public IReadOnlyCollection<BotCommandKind> Kinds { get; } = [BotCommandKind.Outreach];

    public async Task<JsonObject?> CardForAsync(BotCommandKind kind, Activity activity, string language, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(activity, projectId: null, ProjectRole.NeighbourhoodMother, cancellationToken);
        return actor is null ? null : await outreach.FormCardAsync(actor, language, cancellationToken);
    }
}
