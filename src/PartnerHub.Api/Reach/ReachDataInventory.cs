using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Reach;

/// <summary>What the reach report stores (docs/privacy.md is generated from this).</summary>
internal sealed class ReachDataInventory : IDataInventory
{
    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = reach|{object id}", "Om PartnerHub kan nå en person i projektet: installationens udfald, et ventende kort, om hun kan nås.")
            .WrittenIn("Reach/ReachStore.cs")
            .SeenBy("koordinatorer (rapporten over hvem PartnerHub ikke kan nå)")
            .Kept(Retention.Until("til hun kan nås eller forlader projektet", "ReachTracker sletter rækken"))
            .With(DataKind.NotPersonal, "flag", "Install", "Waiting", "Reachable"),
    ];
}
