using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Privacy;
using PartnerHub.Api.Storage;

namespace PartnerHub.Api.Graph;

/// <summary>What the Outlook change notifications store (docs/privacy.md is generated from this).</summary>
internal sealed class GraphDataInventory : IDataInventory
{
    private const string Subscriptions = "Graph/Notifications/SubscriptionStore.cs";
    private const string Key = "PartitionKey = " + SubscriptionStore.Partition + "; ";

    private static readonly GraphNotificationOptions Defaults = new();

    public IEnumerable<StoredRow> Rows =>
    [
        new StoredRow(GraphTables.Subscriptions, Key + "RowKey = abonnementets id", "Et abonnement på ændringer i en koordinators Outlook-kalender (for møder lavet i Outlook).")
            .WrittenIn(Subscriptions)
            .SeenBy("ingen")
            .Kept(Retention.Until("fornyes så længe hun er koordinator", "SubscriptionManager"))
            .With(DataKind.PersonId, "hvis kalender", "OrganizerObjectId")
            .With(DataKind.NotPersonal, "abonnementet (clientState gemmes kun som SHA-256)", "ProjectId", "Resource", "ExpiresAt", "CreatedAt", "RenewedAt", "ClientStateHash"),
        new StoredRow(GraphTables.Subscriptions, Key + "RowKey = by-organizer|{object id}, delta|{object id}", "Koordinatorens nuværende abonnement og hvor kalenderens ændringsforespørgsel fortsætter.")
            .WrittenIn(Subscriptions)
            .SeenBy("ingen")
            .Kept(Retention.Until("fornyes så længe hun er koordinator", "SubscriptionManager"))
            .With(DataKind.PersonId, "hvis kalender", "OrganizerObjectId")
            .With(DataKind.NotPersonal, "abonnement, vindue og fortsættelseslink", "ProjectId", "SubscriptionId", "ClaimedUntil", "DeltaLink", "WindowStart", "WindowEnd", "UpdatedAt"),
        new StoredRow(TableNames.Main, "PartitionKey = projekt-id; RowKey = graph-seen|{nøgle}", "En ændringsbesked fra Microsoft Graph er modtaget (så den behandles én gang).")
            .WrittenIn("Graph/Notifications/NotificationInbox.cs")
            .SeenBy("ingen")
            .Kept(Retention.Until($"{Defaults.ReplayWindow.TotalHours:0} timer (GraphNotifications:ReplayWindow)", "SubscriptionManager sletter udløbne rækker (NotificationInbox.PurgeExpiredAsync)"))
            .With(DataKind.NotPersonal, "beskedens art og udløb", "ExpiresAt", "Kind"),
    ];
}
