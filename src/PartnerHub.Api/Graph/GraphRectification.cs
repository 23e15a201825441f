using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Privacy.Subjects;

namespace PartnerHub.Api.Graph;

/// <summary>How the Outlook subscriptions' personal fields are corrected: they are not (docs/privacy.md's rectification table is generated from this).</summary>
internal sealed class GraphRectification : IRectificationDeclaration
{
    private const string Calendar = "hvilken koordinators Outlook-kalender abonnementet gælder, skrevet af PartnerHub; det følger hvem der er koordinator";

    public IEnumerable<RectificationRow> Rows =>
    [
        new RectificationRow(GraphTables.Subscriptions, "RowKey = abonnementets id").NotCorrectable(Calendar, "OrganizerObjectId"),
        new RectificationRow(GraphTables.Subscriptions, "RowKey = by-organizer|{object id}").NotCorrectable(Calendar, "OrganizerObjectId"),
    ];
}
