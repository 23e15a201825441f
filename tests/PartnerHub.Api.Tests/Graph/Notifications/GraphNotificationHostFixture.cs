namespace PartnerHub.Api.Tests.Graph.Notifications;

/// <summary>
/// One <see cref="GraphNotificationHost"/> for a test class whose tests each work on a subscription of their own
/// (<see cref="GraphNotificationHost.SubscribeAsync"/> makes a new project and organizer) and neither move its clock,
/// change its settings nor run its outbox.
/// </summary>
public sealed class GraphNotificationHostFixture : IDisposable
{
    internal GraphNotificationHost Host { get; } = new();

    public void Dispose() => Host.Dispose();
}
