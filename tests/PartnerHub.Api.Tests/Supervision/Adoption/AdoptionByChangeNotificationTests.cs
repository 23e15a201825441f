using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Supervision.Adoption.OutlookAdoptionHost;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>
/// The whole way in, as Graph drives it: she becomes a coordinator, PartnerHub subscribes to her calendar (with its
/// secret client state), she makes a meeting in Outlook with the category, and Graph posts only "created" with the
/// event's id to the notification endpoint. The outbox then reads the event and adopts it.
/// </summary>
public sealed class AdoptionByChangeNotificationTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string SubscriptionId = "5d0c9a7e-0000-4000-8000-00000000ad0b";
    private readonly OutlookAdoptionHost _outlook = new();

    public void Dispose() => _outlook.Dispose();

    [Fact]
    public async Task A_created_notification_with_our_client_state_leads_to_the_adopted_session_and_a_forged_one_to_nothing()
    {
        await _outlook.SeedAsync();
        GivenHerMailboxAndSubscription();
        var joined = DirectoryNotifications.CoordinatorJoined(Alex);
        var handler = _outlook.Host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == joined.Kind);
        await handler.HandleAsync(new OutboxDelivery(_outlook.ProjectId, "outbox|01J0000000000000000000000N", joined.Kind, joined.Payload, 1, DateTimeOffset.UtcNow), CancellationToken.None);
        var clientState = (string)GraphStub.BodyOf(Assert.Single(_outlook.Graph.Requests("POST", "/v1.0/subscriptions")))["clientState"]!;

        _outlook.GivenEvent(_outlook.Event("AAMk-notified"));
        Assert.Equal(HttpStatusCode.Accepted, await PostNotificationAsync("AAMk-notified", "guessed-state"));
        await SweepAsync();
        Assert.Null(await _outlook.SessionOfAsync("AAMk-notified"));

        Assert.Equal(HttpStatusCode.Accepted, await PostNotificationAsync("AAMk-notified", clientState));
        await SweepAsync();

        var session = Assert.IsType<SupervisionSession>(await _outlook.SessionOfAsync("AAMk-notified"));
        Assert.True(session.FromOutlook);
        Assert.Equal([Adele, Isra], session.Invitees.Select(i => i.ObjectId));
        Assert.Equal([Jette], session.OutsideAttendees);
        Assert.Single(_outlook.Graph.Requests("GET", $"/v1.0/users/{Alex}/events/AAMk-notified"));
    }

    private void GivenHerMailboxAndSubscription()
    {
        var categories = $"/v1.0/users/{Alex}/outlook/masterCategories";
        _outlook.Graph.Server.Given(Request.Create().WithPath(categories).UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray() }));
        _outlook.Graph.Server.Given(Request.Create().WithPath(categories).UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "cat-1", ["displayName"] = OutlookCategory.Name, ["color"] = OutlookCategory.Color }));
        _outlook.Graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject
            {
                ["id"] = SubscriptionId,
                ["resource"] = $"/users/{Alex}/events",
                ["changeType"] = "created,updated,deleted",
                ["expirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O", CultureInfo.InvariantCulture),
            }));
    }

    // What Graph posts for a created event: ids only, no event data, and the client state it was given.
    private async Task<HttpStatusCode> PostNotificationAsync(string eventId, string clientState)
    {
        var notification = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["subscriptionId"] = SubscriptionId,
                ["subscriptionExpirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O", CultureInfo.InvariantCulture),
                ["changeType"] = "created",
                ["resource"] = $"Users/{Alex}/Events/{eventId}",
                ["clientState"] = clientState,
                ["tenantId"] = RestHost.TenantId,
                ["resourceData"] = new JsonObject
                {
                    ["@odata.type"] = "#Microsoft.Graph.Event",
                    ["@odata.id"] = $"Users/{Alex}/Events/{eventId}",
                    ["@odata.etag"] = "W/\"DwAAABYAAAA\"",
                    ["id"] = eventId,
                },
            }),
        };
        using var client = _outlook.Host.CreateClient();
        using var response = await client.PostAsync(new Uri("/api/graph/notifications", UriKind.Relative), new StringContent(notification.ToJsonString(), Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    private async Task SweepAsync()
    {
        var dispatcher = _outlook.Host.Services.GetRequiredService<OutboxDispatcher>();
        while (await dispatcher.SweepOnceAsync(CancellationToken.None) > 0)
        {
        }
    }
}
