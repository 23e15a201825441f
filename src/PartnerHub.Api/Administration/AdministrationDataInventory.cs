using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Administration;

/// <summary>What an administrator's project creation stores (docs/privacy.md is generated from this).</summary>
internal sealed class AdministrationDataInventory : IDataInventory
{
    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = admin-dedupe|{hash}", "Idempotens: en administrators oprettelse af et projekt udføres én gang.")
            .WrittenIn("Administration/ProjectCreations.cs")
            .SeenBy("ingen")
            .Kept(Retention.WhileProjectExists())
            .With(DataKind.NotPersonal, "fingeraftryk (hash) af anmodningen", "Request"),
    ];
}
