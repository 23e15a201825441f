using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Outreach;

/// <summary>How the outreach log's personal fields are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class OutreachRectification : IRectificationDeclaration
{
    public const string Topics = "PATCH /api/projects/{projectId}/outreach/{entryId}/topics";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = outreach|{id}")
            .NotCorrectable("hvilken nabomor der registrerede indsatsen, skrevet af PartnerHub fra hendes log-ind", "Data.Mother")
            .Through(Topics, "nabomoren der registrerede indsatsen, eller en koordinator, retter emnerne; månedens tællere rettes samtidig, så rapporten passer", [NeighbourhoodMother, Coordinator], "Data.Topics"),
        new RectificationRow(TableNames.Main, "RowKey = outreach-month|{åååå-mm}")
            .NotCorrectable("tællere udledt af indsatserne; de følger indsatserne, ikke en rettelse for sig", "Data.Topics", "Data.Mothers"),
    ];
}
