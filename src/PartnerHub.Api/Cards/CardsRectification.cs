using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Cards;

/// <summary>How card locations' personal fields are corrected: they are not (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class CardsRectification : IRectificationDeclaration
{
    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = card|{art}|{post-id}|{object id}")
            .NotCorrectable("Teams' egne id'er for hendes bruger, chat og kort, skrevet af PartnerHub som Teams gav dem", "UserId", "ConversationId", "ActivityId"),
        new RectificationRow(TableNames.Main, "RowKey = card-holders|{art}|{post-id}")
            .NotCorrectable("hvor kortene om posten ligger i Teams, skrevet af PartnerHub da kortene blev sendt", "h*"),
    ];
}
