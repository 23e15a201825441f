using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Graph.Notifications;

public sealed class GraphNotificationRegistrationTests : IClassFixture<AzuriteFixture>
{
    private static readonly string[] Kinds =
    [
        GraphNotificationKinds.EventChanged,
        GraphNotificationKinds.DeltaSweep,
        GraphNotificationKinds.RenewSubscription,
        GraphNotificationKinds.RecreateSubscription,
    ];

    [Fact]
    public async Task Without_the_graph_ports_the_host_starts_answers_graph_and_its_graph_work_stands_aside()
    {
        using var host = new GraphNotificationHost(new Dictionary<string, string?> { ["Graph:Notifications:Enabled"] = "true" }, withPorts: false);

        using var handshake = await host.CreateClient().PostAsync(GraphNotificationEndpoints.NotificationsPath + "?validationToken=t", content: null);
        using var notification = await host.PostNotificationsAsync(GraphNotificationHost.Change(
            new SubscriptionRecord(Guid.NewGuid().ToString(), "p1", "o1", "/users/o1/events", DateTimeOffset.MaxValue, default, default, "x"), "secret", "ev-1"));

        Assert.Equal(HttpStatusCode.OK, handshake.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, notification.StatusCode);
        var handlers = host.Services.GetServices<IOutboxHandler>().Where(h => Kinds.Contains(h.Kind)).ToList();
        Assert.Equal(Kinds.Order(StringComparer.Ordinal), handlers.Select(h => h.Kind).Order(StringComparer.Ordinal));
        Assert.All(handlers, h => Assert.IsType<UnconfiguredHandler>(h));
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is GraphLoop);
        Assert.Contains(host.Logs.Lines, l => l.Contains("Graph subscription renewal is off", StringComparison.Ordinal));
    }

    [Fact]
    public void With_the_ports_the_loops_and_handlers_are_the_real_ones()
    {
        using var host = new GraphNotificationHost(new Dictionary<string, string?> { ["Graph:Notifications:Enabled"] = "true" });

        var loops = host.Services.GetServices<IHostedService>().OfType<GraphLoop>().Select(l => l.GetType()).ToList();
        Assert.Contains(typeof(SubscriptionRenewalLoop), loops);
        Assert.Contains(typeof(CalendarDeltaSweepLoop), loops);
        Assert.DoesNotContain(host.Services.GetServices<IOutboxHandler>(), h => h is UnconfiguredHandler);
    }

    [Fact]
    public void With_the_loops_disabled_none_is_registered()
    {
        using var host = new GraphNotificationHost();

        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is GraphLoop);
    }
}
