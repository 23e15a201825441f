using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Outreach;

/// <summary>How the outreach log's personal fields are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class OutreachRectification : IRectificationDeclaration
{
    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = outreach|{id}")
            .NotCorrectable("hvilken nabomor der registrerede indsatsen, skrevet af PartnerHub fra hendes log-ind", "Data.Mother")
            .NoPathYet("en registreret indsats kan ikke rettes i dag (emnerne tælles også i månedens tællere, som skal følge med)", "Data.Topics"),
        new RectificationRow(TableNames.Main, "RowKey = outreach-month|{åååå-mm}")
            .NotCorrectable("tællere udledt af indsatserne; de følger indsatserne, ikke en rettelse for sig", "Data.Topics", "Data.Mothers"),
    ];
}
