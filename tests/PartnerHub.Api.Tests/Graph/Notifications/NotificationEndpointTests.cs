using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Graph.Notifications;

/// <remarks>
/// One host for the class (cost): each test subscribes afresh (its own project, organizer and subscription id) and
/// reads its own project's outbox and log lines from its own mark. Three tests keep a host of their own: one runs the
/// outbox (it would deliver the others' rows), one moves the clock, one changes a setting.
/// </remarks>
public sealed class NotificationEndpointTests(GraphNotificationHostFixture shared) : IClassFixture<AzuriteFixture>, IClassFixture<GraphNotificationHostFixture>
{
    [Fact]
    public async Task A_valid_notification_is_enqueued_with_ids_only_and_answered_202()
    {
        var host = shared.Host;
        var (record, clientState) = await host.SubscribeAsync();

        using var response = await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "AAMkAGI2TG93AAA="));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync());
        var row = Assert.Single(await host.OutboxAsync(record.ProjectId));
        Assert.Equal(GraphNotificationKinds.EventChanged, row.Kind);
        var payload = JsonNode.Parse(row.Payload)!.AsObject();
        Assert.Equal(["eventId", "organizerObjectId", "projectId"], payload.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(record.ProjectId, (string?)payload["projectId"]);
        Assert.Equal(record.OrganizerObjectId, (string?)payload["organizerObjectId"]);
        Assert.Equal("AAMkAGI2TG93AAA=", (string?)payload["eventId"]);
        Assert.DoesNotContain(clientState, row.Payload, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_enqueued_row_reads_the_event_back_and_hands_it_to_the_sink()
    {
        using var host = new GraphNotificationHost();
        var (record, clientState) = await host.SubscribeAsync();
        host.Calendar.Events[(record.OrganizerObjectId, "ev-1")] = FakeCalendarGateway.Snapshot("ev-1");

        await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "ev-1"), GraphNotificationHost.Change(record, clientState, "ev-gone", "deleted"));
        await host.Dispatcher.SweepOnceAsync(CancellationToken.None);

        Assert.Equal(2, host.Sink.Applied.Count);
        var updated = host.Sink.Applied.Single(a => a.Snapshot.EventId == "ev-1");
        Assert.Equal((record.ProjectId, record.OrganizerObjectId), (updated.ProjectId, updated.Organizer));
        Assert.False(updated.Snapshot.IsDeleted);
        Assert.Equal(AttendeeResponse.Accepted, updated.Snapshot.ResponsesByObjectId["mother-1"]);
        Assert.True(host.Sink.Applied.Single(a => a.Snapshot.EventId == "ev-gone").Snapshot.IsDeleted);
        Assert.Empty(await host.OutboxAsync(record.ProjectId));
    }

    [Fact]
    public async Task A_wrong_clientState_changes_nothing_still_answers_202_and_logs_no_secret()
    {
        var host = shared.Host;
        var (record, clientState) = await host.SubscribeAsync();
        const string forged = "forged-client-state-value";
        var mark = host.Logs.Lines.Count;

        using var response = await host.PostNotificationsAsync(GraphNotificationHost.Change(record, forged, "ev-1"));
        using var missing = await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "ev-2").Also(n => n.Remove("clientState")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, missing.StatusCode);
        Assert.Empty(await host.OutboxAsync(record.ProjectId));
        Assert.Equal(2, host.Logs.Lines.Skip(mark).Count(l => l.Contains("clientState does not match", StringComparison.Ordinal) && l.Contains(record.Id, StringComparison.Ordinal)));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains(forged, StringComparison.Ordinal) || l.Contains(clientState, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_notification_for_a_subscription_we_did_not_create_changes_nothing()
    {
        var host = shared.Host;
        var (record, clientState) = await host.SubscribeAsync();
        var stranger = record with { Id = Guid.NewGuid().ToString("D") };
        var garbage = record with { Id = "<script>x</script>" };
        var mark = host.Logs.Lines.Count;

        using var response = await host.PostNotificationsAsync(GraphNotificationHost.Change(stranger, clientState, "ev-1"), GraphNotificationHost.Change(garbage, clientState, "ev-2"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await host.OutboxAsync(record.ProjectId));
        Assert.Contains(host.Logs.Lines.Skip(mark), l => l.Contains("is not one PartnerHub created", StringComparison.Ordinal) && l.Contains(stranger.Id, StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines.Skip(mark), l => l.Contains("<script>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_replayed_notification_is_enqueued_once_and_a_new_change_again()
    {
        var host = shared.Host;
        var (record, clientState) = await host.SubscribeAsync();
        var body = GraphNotificationHost.Body(GraphNotificationHost.Change(record, clientState, "ev-1"));

        using var first = await host.PostAsync(GraphNotificationEndpoints.NotificationsPath, body);
        using var replay = await host.PostAsync(GraphNotificationEndpoints.NotificationsPath, body);
        using var replayInBatch = await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "ev-1"), GraphNotificationHost.Change(record, clientState, "ev-1"));

        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        Assert.Single(await host.OutboxAsync(record.ProjectId));

        // The same event changed again: Graph sends a new etag, so it is a new notification.
        await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "ev-1", etag: "W/\"DwAAABYAAAA2\""));
        Assert.Equal(2, (await host.OutboxAsync(record.ProjectId)).Count);
    }

    [Fact]
    public async Task A_notification_older_than_the_subscription_or_from_an_expired_one_is_ignored()
    {
        using var host = new GraphNotificationHost();
        var (record, clientState) = await host.SubscribeAsync();

        // Recorded before this subscription existed, and one that says the subscription had already expired.
        await host.PostNotificationsAsync(
            GraphNotificationHost.Change(record, clientState, "ev-1", statedExpiry: record.CreatedAt.AddHours(-1)),
            GraphNotificationHost.Change(record, clientState, "ev-2", statedExpiry: host.Clock.GetUtcNow().AddHours(-1)));
        Assert.Empty(await host.OutboxAsync(record.ProjectId));

        // Our record says it expired (not renewed): Graph has stopped, so nothing can come from it.
        host.Clock.Advance(record.ExpiresAt - host.Clock.GetUtcNow() + TimeSpan.FromHours(1));
        await host.PostNotificationsAsync(GraphNotificationHost.Change(record, clientState, "ev-3", statedExpiry: host.Clock.GetUtcNow().AddDays(1)));
        Assert.Empty(await host.OutboxAsync(record.ProjectId));
        Assert.Equal(3, host.Logs.Lines.Count(l => l.Contains("Graph notification ignored for subscription " + record.Id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Items_beyond_the_per_request_limit_are_not_processed()
    {
        using var host = new GraphNotificationHost(new Dictionary<string, string?> { ["Graph:Notifications:MaxNotificationsPerRequest"] = "3" });
        var (record, clientState) = await host.SubscribeAsync();

        using var response = await host.PostNotificationsAsync([.. Enumerable.Range(1, 5).Select(i => GraphNotificationHost.Change(record, clientState, "ev-" + i))]);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(3, (await host.OutboxAsync(record.ProjectId)).Count);
        Assert.Contains(host.Logs.Lines, l => l.Contains("2 Graph notification items dropped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Items_that_are_not_event_changes_are_ignored()
    {
        var host = shared.Host;
        var (record, clientState) = await host.SubscribeAsync();

        await host.PostNotificationsAsync(
            GraphNotificationHost.Change(record, clientState, "ev-1", changeType: "missed"),
            GraphNotificationHost.Change(record, clientState, "ev/../../x\" onload=", changeType: "updated"),
            GraphNotificationHost.Change(record, clientState, "ev-2").Also(n => n.Remove("resourceData")));

        Assert.Empty(await host.OutboxAsync(record.ProjectId));
    }

    [Theory]
    [InlineData("{not json <script>")]
    [InlineData("[1,2,3]")]
    [InlineData("{\"value\":\"<script>\"}")]
    public async Task A_malformed_body_is_refused_without_echo(string body)
    {
        var host = shared.Host;

        using var response = await host.PostAsync(GraphNotificationEndpoints.NotificationsPath, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("script", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        var host = shared.Host;

        using var response = await host.PostAsync(GraphNotificationEndpoints.NotificationsPath, "{\"value\":[\"" + new string('a', GraphNotificationEndpoints.MaxBodyBytes) + "\"]}");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject json, Action<JsonObject> change)
    {
        change(json);
        return json;
    }
}
