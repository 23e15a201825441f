using System.Text.Json.Nodes;
using PartnerHub.Api.Bot;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Api.Partners;

/// <summary>"partnere": the partner directory, which checks and audits the caller itself.</summary>
public sealed class DirectoryChatCommands(DirectoryCardActions directory) : IChatCommandHandler
{
    public IReadOnlyCollection<BotCommandKind> Kinds { get; } = [BotCommandKind.Directory];

    public async Task<JsonObject?> CardForAsync(BotCommandKind kind, Activity activity, string language, CancellationToken cancellationToken) =>
        await directory.CardForCommandAsync(activity, language, cancellationToken);
}
