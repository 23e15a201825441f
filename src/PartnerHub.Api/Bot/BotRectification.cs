using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Bot;

/// <summary>The demo persona is not corrected: it exists only in the local demo (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class BotRectification : IRectificationDeclaration
{
    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Conversations, "RowKey = demoperson|{object id}")
            .NotCorrectable("kun i den lokale demo, aldrig i drift: hun vælger en anden demoperson", "Persona"),
    ];
}
