using PartnerHub.Api.Privacy.Subjects;

namespace PartnerHub.Api.Storage;

/// <summary>How the storage plumbing's personal fields are corrected: none are (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class StorageRectification : IRectificationDeclaration
{
    private const string Teams = "Teams' egne id'er for hendes bruger, chat og kort, skrevet af PartnerHub som Teams gav dem; de følger Teams";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(TableNames.Audit, "RowKey = {omvendt tid}|{guid}")
            .NotCorrectable("revisionssporet må ikke ændres: kun tilføjelser, ingen vej i koden ændrer eller sletter en række", "Actor"),
        new RectificationRow(TableNames.Main, "RowKey = outbox|{ulid}")
            .NotCorrectable("modtageren af et kort der venter på levering, skrevet af PartnerHub; rækken slettes ved levering", "OnlyFor"),
        new RectificationRow(TableNames.Main, "RowKey = outbox-done|{ulid}|{virkning}")
            .NotCorrectable(Teams + "; slettes med gravstenene", "Value"),
        new RectificationRow(TableNames.Conversations, "RowKey = object id")
            .NotCorrectable(Teams, "UserId", "ConversationId"),
        new RectificationRow(StagedFileStore.ContainerSuffix, "blob:")
            .NotCorrectable("en midlertidig kopi af en uploadet referatfil, slettet når den er i SharePoint; et rettet referat vedhæftes på ny (PUT …/minutes)", "(indhold)"),
    ];
}
