using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Core.Partners;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Referrals;

/// <summary>"henvis" (the referral form, for partner staff) and "mine henvisninger" (her list).</summary>
public sealed class ReferralChatCommands(ActorResolver actors, ReferralCardActions referrals) : IChatCommandHandler
{
    public IReadOnlyCollection<BotCommandKind> Kinds { get; } = [BotCommandKind.Refer, BotCommandKind.MyReferrals];

    public async Task<JsonObject?> CardForAsync(BotCommandKind kind, Activity activity, string language, CancellationToken cancellationToken)
    {
        var actor = await actors.ResolveAsync(activity, projectId: null, kind == BotCommandKind.Refer ? ProjectRole.PartnerStaff : null, cancellationToken);
        if (actor is null)
        {
            return null;
        }

        return kind == BotCommandKind.Refer
            ? await referrals.FormCardAsync(actor, language, cancellationToken)
            : await referrals.ListCardAsync(actor, null, language, cancellationToken);
    }
}
