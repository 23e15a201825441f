using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using PartnerHub.Api.Storage.Outbox;

namespace PartnerHub.Api.Graph.Notifications;

/// <summary>The outbox kinds this feature writes. Payloads carry ids only.</summary>
public static class GraphNotificationKinds
{
    /// <summary>{projectId, organizerObjectId, eventId}: read the event back and hand it to the <see cref="ICalendarChangeSink"/>.</summary>
    public const string EventChanged = "graph.event-changed";

    /// <summary>{projectId, organizerObjectId}: run the organiser's delta sweep now.</summary>
    public const string DeltaSweep = "graph.delta-sweep";

    /// <summary>{projectId, organizerObjectId, subscriptionId}: renew now (lifecycle reauthorizationRequired).</summary>
    public const string RenewSubscription = "graph.subscription-renew";

    /// <summary>{projectId, organizerObjectId, subscriptionId}: create a new subscription (lifecycle subscriptionRemoved).</summary>
    public const string RecreateSubscription = "graph.subscription-recreate";
}

public sealed record EventChangedPayload(string ProjectId, string OrganizerObjectId, string EventId);

public sealed record OrganizerPayload(string ProjectId, string OrganizerObjectId);

public sealed record SubscriptionPayload(string ProjectId, string OrganizerObjectId, string SubscriptionId);

internal static partial class GraphPayloads
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public static OutboxMessage EventChanged(string projectId, string organizerObjectId, string eventId) =>
        new(GraphNotificationKinds.EventChanged, JsonSerializer.Serialize(new EventChangedPayload(projectId, organizerObjectId, eventId), Json));

    public static OutboxMessage DeltaSweep(string projectId, string organizerObjectId) =>
        new(GraphNotificationKinds.DeltaSweep, JsonSerializer.Serialize(new OrganizerPayload(projectId, organizerObjectId), Json));

    public static OutboxMessage Subscription(string kind, string projectId, string organizerObjectId, string subscriptionId) =>
        new(kind, JsonSerializer.Serialize(new SubscriptionPayload(projectId, organizerObjectId, subscriptionId), Json));

    /// <summary>Reads a payload written above; a row that doesn't parse, or belongs to another partition, can never succeed.</summary>
    public static T Read<T>(OutboxDelivery delivery, Func<T, string?> projectIdOf)
        where T : class
    {
        T? payload;
        try
        {
            payload = JsonSerializer.Deserialize<T>(delivery.Payload, Json);
        }
        catch (JsonException)
        {
            payload = null;
        }

        if (payload is null || !string.Equals(projectIdOf(payload), delivery.ProjectId, StringComparison.Ordinal))
        {
            throw new OutboxDeliveryException("badPayload", permanent: true);
        }

        return payload;
    }

    /// <summary>Entra object ids (GUIDs) and the demo's ids: safe in a Graph path segment and a table key.</summary>
    public static bool IsObjectId(string? value) => value is not null && ObjectIdPattern().IsMatch(value);

    /// <summary>Graph event ids are base64(url)-like; anything else is not passed on.</summary>
    public static bool IsEventId(string? value) => value is not null && EventIdPattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9._@-]{1,128}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex ObjectIdPattern();

    [GeneratedRegex("^[A-Za-z0-9=+/_-]{1,512}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex EventIdPattern();
}
