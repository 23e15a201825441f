using PartnerHub.Api.Graph.Notifications;

// In this namespace so Program.cs needs one line and no using.
namespace Microsoft.AspNetCore.Routing;

public static class GraphNotificationRouting
{
    /// <summary>POST /api/graph/notifications and POST /api/graph/lifecycle (see <see cref="GraphNotificationEndpoints"/>).</summary>
    public static IEndpointRouteBuilder MapGraphNotifications(this IEndpointRouteBuilder endpoints) => GraphNotificationEndpoints.Map(endpoints);
}
