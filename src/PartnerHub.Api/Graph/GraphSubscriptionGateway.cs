using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace PartnerHub.Api.Graph;

/// <summary>Change-notification subscriptions: POST, PATCH and DELETE /subscriptions.</summary>
public sealed class GraphSubscriptionGateway(GraphServiceClient graph, TimeProvider time, ILogger<GraphSubscriptionGateway> logger)
    : ISubscriptionGateway
{
    /// <summary>
    /// Graph's ceiling for Outlook event, message and contact subscriptions without resource data: 10,080 minutes (under
    /// 7 days; the older 4,230-minute figure now applies to other resources). A few minutes are kept back for clock skew,
    /// as Graph refuses an expiry past its own ceiling instead of shortening it.
    /// </summary>
    public static readonly TimeSpan MaxOutlookLifetime = TimeSpan.FromMinutes(10_080 - 10);

    /// <summary>Create: changeType, notificationUrl, lifecycleNotificationUrl (required past one hour), resource, expiry, clientState.</summary>
    public async Task<GraphSubscription> CreateAsync(string resource, string changeType, Uri notificationUrl, Uri lifecycleNotificationUrl, string clientState, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notificationUrl);
        ArgumentNullException.ThrowIfNull(lifecycleNotificationUrl);
        var created = await graph.Subscriptions.PostAsync(
            new Subscription
            {
                ChangeType = changeType,
                NotificationUrl = notificationUrl.AbsoluteUri,
                LifecycleNotificationUrl = lifecycleNotificationUrl.AbsoluteUri,
                Resource = resource,
                ExpirationDateTime = Clamp(resource, expiresAt),
                ClientState = clientState,
            },
            cancellationToken: cancellationToken) ?? throw new InvalidOperationException("Graph returned no subscription.");
        return ToSubscription(created, resource);
    }

    /// <summary>PATCH /subscriptions/{id} {expirationDateTime}: renewal changes nothing else.</summary>
    public async Task<GraphSubscription> RenewAsync(string subscriptionId, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        // The resource is not known here; renewals are always for PartnerHub's Outlook calendar subscriptions.
        var renewed = await graph.Subscriptions[subscriptionId].PatchAsync(
            new Subscription { ExpirationDateTime = Clamp("/events", expiresAt) },
            cancellationToken: cancellationToken) ?? throw new InvalidOperationException("Graph returned no subscription.");
        return ToSubscription(renewed, renewed.Resource ?? string.Empty);
    }

    /// <summary>DELETE /subscriptions/{id}; one already gone (expired or removed) counts as deleted.</summary>
    public async Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        try
        {
            await graph.Subscriptions[subscriptionId].DeleteAsync(cancellationToken: cancellationToken);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            GraphLog.SubscriptionGone(logger);
        }
    }

    private DateTimeOffset Clamp(string resource, DateTimeOffset expiresAt)
    {
        if (!IsOutlookResource(resource))
        {
            return expiresAt;
        }

        var ceiling = time.GetUtcNow() + MaxOutlookLifetime;
        if (expiresAt <= ceiling)
        {
            return expiresAt;
        }

        GraphLog.ExpiryClamped(logger, MaxOutlookLifetime.TotalMinutes);
        return ceiling;
    }

    private static bool IsOutlookResource(string resource) =>
        resource.Contains("/events", StringComparison.OrdinalIgnoreCase)
        || resource.Contains("/messages", StringComparison.OrdinalIgnoreCase)
        || resource.Contains("/contacts", StringComparison.OrdinalIgnoreCase);

    private static GraphSubscription ToSubscription(Subscription subscription, string resource) => new(
        subscription.Id ?? throw new InvalidOperationException("Graph returned a subscription without an id."),
        subscription.Resource ?? resource,
        subscription.ExpirationDateTime ?? DateTimeOffset.MinValue);
}
