using System.Collections.Concurrent;

namespace PartnerHub.Api.Graph;

/// <summary>
/// Without Graph nothing can notify PartnerHub, so subscriptions are only remembered: create, renew and delete answer
/// as Graph would (an id, the expiry), which keeps the renewal job's own logic running in the demo.
/// </summary>
public sealed class LocalSubscriptionGateway : ISubscriptionGateway
{
    private readonly ConcurrentDictionary<string, GraphSubscription> _subscriptions = new(StringComparer.Ordinal);

    public IReadOnlyCollection<GraphSubscription> Active => _subscriptions.Values.ToList();

    public Task<GraphSubscription> CreateAsync(string resource, string changeType, Uri notificationUrl, Uri lifecycleNotificationUrl, string clientState, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var subscription = new GraphSubscription("local-subscription-" + Guid.NewGuid().ToString("N"), resource, expiresAt);
        _subscriptions[subscription.Id] = subscription;
        return Task.FromResult(subscription);
    }

    public Task<GraphSubscription> RenewAsync(string subscriptionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var renewed = _subscriptions.TryGetValue(subscriptionId, out var found)
            ? found with { ExpiresAt = expiresAt }
            : throw new KeyNotFoundException("No such subscription.");
        _subscriptions[subscriptionId] = renewed;
        return Task.FromResult(renewed);
    }

    public Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        _subscriptions.TryRemove(subscriptionId, out _);
        return Task.CompletedTask;
    }
}
