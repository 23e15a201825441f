using Microsoft.Extensions.DependencyInjection.Extensions;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Graph.Notifications;

/// <summary>
/// The real API host (Production) with the Graph ports and the change sink replaced by in-memory fakes, time on a
/// FakeTimeProvider, tables in Azurite, and the outbox and the Graph loops off so tests drive them.
/// </summary>
internal sealed class GraphNotificationHost : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "https://partnerhub.example.org";
    public const string TenantId = "9e2c1f4a-0000-4000-8000-00000000te57";

    private readonly string _tablePrefix;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly bool _withPorts;
    private readonly ICalendarGateway? _calendar;

    /// <param name="settings">Configuration on top of the defaults.</param>
    /// <param name="withPorts">False leaves the Graph ports and the sink unregistered, as in a deployment without Graph yet.</param>
    /// <param name="calendar">A calendar gateway instead of <see cref="Calendar"/> (the real one against a WireMock Graph).</param>
    /// <param name="sameDeploymentAs">Another host whose tables, clock and Graph this one shares: a second instance of one deployment.</param>
    public GraphNotificationHost(IReadOnlyDictionary<string, string?>? settings = null, bool withPorts = true, ICalendarGateway? calendar = null, GraphNotificationHost? sameDeploymentAs = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _withPorts = withPorts;
        _calendar = calendar;
        _tablePrefix = sameDeploymentAs?._tablePrefix ?? AzuriteFixture.NewPrefix();
        Clock = sameDeploymentAs?.Clock ?? new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        Subscriptions = sameDeploymentAs?.Subscriptions ?? new();
    }

    public FakeTimeProvider Clock { get; }

    public FakeSubscriptionGateway Subscriptions { get; }

    public FakeCalendarGateway Calendar { get; } = new();

    public RecordingSink Sink { get; } = new();

    public LogSink Logs { get; } = new();

    public TableStore Tables => Services.GetRequiredService<TableStore>();

    public SubscriptionManager Manager => Services.GetRequiredService<SubscriptionManager>();

    public SubscriptionStore Store => Services.GetRequiredService<SubscriptionStore>();

    public CalendarDeltaSync DeltaSync => Services.GetRequiredService<CalendarDeltaSync>();

    public OutboxDispatcher Dispatcher => Services.GetRequiredService<OutboxDispatcher>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        // Production refuses to start without the bot's and the REST API's settings; nothing here calls either.
        builder.UseSetting("Bot:AppId", "6f1c0e4e-0000-4000-8000-00000000b0b0");
        builder.UseSetting("Bot:TenantId", "9e2c1f4a-0000-4000-8000-000000000001");
        builder.UseSetting("Bot:ClientSecret", "test-secret");
        builder.UseSetting("AzureAd:TenantId", "9e2c1f4a-0000-4000-8000-000000000001");
        builder.UseSetting("AzureAd:ClientId", "7a2d1b3c-0000-4000-8000-0000000a91a9");
        builder.UseSetting("Storage:ConnectionString", AzuriteFixture.ConnectionString);
        builder.UseSetting("Storage:TablePrefix", _tablePrefix);
        builder.UseSetting("Calendar:LinkSigningKey", CalendarLinkTestKey.Base64);
        builder.UseSetting("Outbox:Enabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        builder.UseSetting("Graph:PublicBaseUrl", PublicBaseUrl);
        builder.UseSetting("Graph:Notifications:Enabled", "false");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (!_withPorts)
            {
                // The host always registers a calendar gateway (the local demo one without credentials) that the
                // supervision feature needs; what notifications depend on besides it is the subscription port and the sink.
                services.RemoveAll<ISubscriptionGateway>();
                services.RemoveAll<ICalendarChangeSink>();
                return;
            }

            services.AddSingleton<ISubscriptionGateway>(Subscriptions);
            services.AddSingleton(_calendar ?? Calendar);
            services.AddSingleton<ICalendarChangeSink>(Sink);
        });
    }

    public static string NewProjectId() => "p" + UniqueIds.Next(12);

    public static string NewObjectId() => Guid.NewGuid().ToString("D");

    /// <summary>A coordinator with a subscription, as the feature would ensure it; with the clientState Graph was given.</summary>
    public async Task<(SubscriptionRecord Record, string ClientState)> SubscribeAsync(string? projectId = null, string? organizer = null)
    {
        var record = await Manager.EnsureAsync(projectId ?? NewProjectId(), organizer ?? NewObjectId(), CancellationToken.None);
        return (record, Subscriptions.Created.Single(c => c.Id == record.Id).ClientState);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string body, string contentType = "application/json")
    {
        using var content = new StringContent(body, Encoding.UTF8, contentType);
        return await CreateClient().PostAsync(path, content);
    }

    public Task<HttpResponseMessage> PostNotificationsAsync(params JsonObject[] items) =>
        PostAsync(GraphNotificationEndpoints.NotificationsPath, Body(items));

    public Task<HttpResponseMessage> PostLifecycleAsync(params JsonObject[] items) =>
        PostAsync(GraphNotificationEndpoints.LifecyclePath, Body(items));

    public static string Body(params JsonObject[] items) =>
        new JsonObject { ["value"] = new JsonArray(items.Select(i => (JsonNode?)i).ToArray()) }.ToJsonString();

    /// <summary>A change notification as Graph sends it for an Outlook event (no resource data).</summary>
    public static JsonObject Change(SubscriptionRecord record, string clientState, string eventId, string changeType = "updated", string etag = "W/\"DwAAABYAAAA1\"", DateTimeOffset? statedExpiry = null) => new()
    {
        ["subscriptionId"] = record.Id,
        ["subscriptionExpirationDateTime"] = (statedExpiry ?? record.ExpiresAt).ToString("O"),
        ["changeType"] = changeType,
        ["resource"] = $"Users/{record.OrganizerObjectId}/Events/{eventId}",
        ["clientState"] = clientState,
        ["tenantId"] = TenantId,
        ["resourceData"] = new JsonObject
        {
            ["@odata.type"] = "#Microsoft.Graph.Event",
            ["@odata.id"] = $"Users/{record.OrganizerObjectId}/Events/{eventId}",
            ["@odata.etag"] = etag,
            ["id"] = eventId,
        },
    };

    public static JsonObject Lifecycle(SubscriptionRecord record, string clientState, string lifecycleEvent) => new()
    {
        ["subscriptionId"] = record.Id,
        ["subscriptionExpirationDateTime"] = record.ExpiresAt.ToString("O"),
        ["tenantId"] = TenantId,
        ["clientState"] = clientState,
        ["lifecycleEvent"] = lifecycleEvent,
    };

    /// <summary>The project's pending outbox rows, oldest first.</summary>
    public async Task<IReadOnlyList<(string RowKey, string Kind, string Payload)>> OutboxAsync(string projectId)
    {
        var rows = new List<(string, string, string)>();
        await foreach (var entity in Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(projectId, OutboxKeys.Prefix)))
        {
            rows.Add((entity.RowKey, entity.GetString(OutboxKeys.Kind), entity.GetString(OutboxKeys.Payload)));
        }

        return rows;
    }

    /// <summary>Every stored property value of every table (test-only scan): secrets must not be among them.</summary>
    public async Task<IReadOnlyList<string>> AllStoredValuesAsync()
    {
        var values = new List<string>();
        foreach (var name in TableNames.All)
        {
            await foreach (var entity in Tables.Table(name).QueryAsync<TableEntity>())
            {
                values.AddRange(((IDictionary<string, object>)entity).Values.Select(v => v?.ToString() ?? string.Empty));
                values.Add(entity.RowKey);
            }
        }

        return values;
    }
}
