namespace PartnerHub.Api.Graph.Notifications;

/// <summary>
/// Change notifications for the coordinators' calendars (section <c>Graph:Notifications</c>; the public base URL
/// is <c>Graph:PublicBaseUrl</c>). Every duration runs on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class GraphNotificationOptions
{
    public const string SectionName = "Graph:Notifications";
    public const string PublicBaseUrlKey = "Graph:PublicBaseUrl";

    /// <summary>Where Graph reaches this API, e.g. https://partnerhub.example.dk. https unless Development. Unset: no subscription can be created.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Runs the renewal and delta-sweep loops. Off in tests that drive them by hand.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a new or renewed subscription lives. Outlook event subscriptions allow a little under three days (4230 minutes) or more; stay below it.</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromMinutes(4230);

    /// <summary>A subscription with less than this left is renewed.</summary>
    public TimeSpan RenewBefore { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often the renewal loop looks for subscriptions to renew.</summary>
    public TimeSpan RenewalInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How often every known organiser's calendar is swept through the delta query (the fallback).</summary>
    public TimeSpan DeltaSweepInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The delta query's window: from this long ago ...</summary>
    public TimeSpan DeltaLookBack { get; set; } = TimeSpan.FromDays(30);

    /// <summary>... to this far ahead. A window whose end is closer than half of this is started afresh.</summary>
    public TimeSpan DeltaLookAhead { get; set; } = TimeSpan.FromDays(365);

    /// <summary>A sweep that has not reached a deltaLink after this many pages gives up (and stores nothing).</summary>
    public int MaxDeltaPages { get; set; } = 200;

    /// <summary>Items of one POST beyond this are dropped (the delta sweep covers them).</summary>
    public int MaxNotificationsPerRequest { get; set; } = 100;

    /// <summary>How long a notification's key is remembered to drop replays.</summary>
    public TimeSpan ReplayWindow { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Graph wants an answer within 3 seconds: items not reached within this budget are dropped.</summary>
    public TimeSpan ResponseBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Tolerance for Graph's clock against ours.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    internal bool IsValid(bool development) =>
        SubscriptionLifetime > TimeSpan.Zero
        && RenewBefore > TimeSpan.Zero && RenewBefore < SubscriptionLifetime
        && RenewalInterval > TimeSpan.Zero && RenewalInterval < RenewBefore
        && DeltaSweepInterval > TimeSpan.Zero
        && DeltaLookBack >= TimeSpan.Zero && DeltaLookAhead > TimeSpan.Zero
        && MaxDeltaPages is >= 1 and <= 10_000
        && MaxNotificationsPerRequest is >= 1 and <= 1000
        && ReplayWindow > TimeSpan.Zero
        && ResponseBudget > TimeSpan.Zero && ResponseBudget < TimeSpan.FromSeconds(3)
        && ClockSkew >= TimeSpan.Zero
        && (string.IsNullOrWhiteSpace(PublicBaseUrl) || TryBaseUrl(PublicBaseUrl, development, out _));

    /// <summary>The notification and lifecycle URLs, or an exception saying why they can't be built.</summary>
    internal (Uri Notifications, Uri Lifecycle) CallbackUrls(bool development)
    {
        if (string.IsNullOrWhiteSpace(PublicBaseUrl))
        {
            throw new InvalidOperationException("Graph:PublicBaseUrl is not configured: no change-notification subscription can be created.");
        }

        if (!TryBaseUrl(PublicBaseUrl, development, out var baseUrl))
        {
            throw new InvalidOperationException("Graph:PublicBaseUrl must be an absolute https URL without query, fragment or credentials (http only in Development).");
        }

        var root = baseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/');
        return (new Uri(root + GraphNotificationEndpoints.NotificationsPath), new Uri(root + GraphNotificationEndpoints.LifecyclePath));
    }

    /// <summary>The public base URL rules, shared with everything else that builds links to this host (calendar links).</summary>
    internal static bool TryBaseUrl([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? value, bool development, out Uri url)
    {
        url = null!;
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        url = parsed;

        var schemeAllowed = url.Scheme == Uri.UriSchemeHttps || (development && url.Scheme == Uri.UriSchemeHttp);
        return schemeAllowed && string.IsNullOrEmpty(url.Query) && string.IsNullOrEmpty(url.Fragment) && string.IsNullOrEmpty(url.UserInfo);
    }
}
