using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Storage;
using static PartnerHub.Api.Privacy.AccessRole;

namespace PartnerHub.Api.Partners;

/// <summary>How the directory's personal fields are corrected (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class PartnersRectification : IRectificationDeclaration
{
    public const string Member = "PUT /api/projects/{projectId}/directory/members/{objectId}";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Main, "RowKey = member|{object id}")
            .Through(Member, "koordinatoren retter personens fornavn (og rolle og organisation)", [Coordinator], "FirstName")
            .Through(DirectoryCardActions.SaveMember, "fornavnet rettes i katalogets kort", [Coordinator], "FirstName"),
    ];
}
