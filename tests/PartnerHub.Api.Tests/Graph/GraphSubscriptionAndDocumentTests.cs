using System.Text.Json.Nodes;
using PartnerHub.Api.Graph;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PartnerHub.Api.Tests.Graph;

public sealed class GraphSubscriptionAndDocumentTests : IDisposable
{
    private readonly GraphStub _graph = new();

    [Fact]
    public async Task Subscription_create_renew_and_delete_send_Graphs_bodies()
    {
        var resource = $"/users/{GraphStub.Organizer}/events";
        var expires = _graph.Time.GetUtcNow().AddDays(2);
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject
            {
                ["id"] = "sub-1",
                ["resource"] = resource,
                ["expirationDateTime"] = expires.ToString("O"),
            }));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-1").UsingPatch())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["id"] = "sub-1",
                ["resource"] = resource,
                ["expirationDateTime"] = expires.AddDays(3).ToString("O"),
            }));
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-1").UsingDelete())
            .RespondWith(Response.Create().WithStatusCode(204));

        var created = await _graph.Subscriptions.CreateAsync(
            resource, "created,updated,deleted", new Uri("https://partnerhub.example/api/graph/notifications"),
            new Uri("https://partnerhub.example/api/graph/lifecycle"), "secret-client-state", expires, CancellationToken.None);
        var renewed = await _graph.Subscriptions.RenewAsync("sub-1", expires.AddDays(3), CancellationToken.None);
        await _graph.Subscriptions.DeleteAsync("sub-1", CancellationToken.None);

        Assert.Equal(new GraphSubscription("sub-1", resource, expires), created);
        Assert.Equal(expires.AddDays(3), renewed.ExpiresAt);
        var post = GraphStub.BodyOf(Assert.Single(_graph.Requests("POST", "/v1.0/subscriptions")));
        Assert.Equal("created,updated,deleted", (string?)post["changeType"]);
        Assert.Equal("https://partnerhub.example/api/graph/notifications", (string?)post["notificationUrl"]);
        Assert.Equal("https://partnerhub.example/api/graph/lifecycle", (string?)post["lifecycleNotificationUrl"]);
        Assert.Equal(resource, (string?)post["resource"]);
        Assert.Equal("secret-client-state", (string?)post["clientState"]);
        Assert.Equal(expires, DateTimeOffset.Parse((string)post["expirationDateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        var patch = GraphStub.BodyOf(Assert.Single(_graph.Requests("PATCH", "/v1.0/subscriptions/sub-1")));
        Assert.Equal(["expirationDateTime"], patch.Select(p => p.Key).Where(k => !k.StartsWith('@')));
        Assert.Equal(expires.AddDays(3), DateTimeOffset.Parse((string)patch["expirationDateTime"]!, System.Globalization.CultureInfo.InvariantCulture));
        var delete = Assert.Single(_graph.Requests("DELETE", "/v1.0/subscriptions/sub-1"));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(delete, "Authorization"));
    }

    [Fact]
    public async Task An_expiry_past_Graphs_ceiling_for_events_is_shortened_to_it()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "sub-2", ["expirationDateTime"] = "2026-05-11T07:50:00Z" }));

        await _graph.Subscriptions.CreateAsync(
            $"/users/{GraphStub.Organizer}/events", "created,updated,deleted", new Uri("https://partnerhub.example/n"),
            new Uri("https://partnerhub.example/l"), "state", _graph.Time.GetUtcNow().AddDays(30), CancellationToken.None);

        var post = GraphStub.BodyOf(Assert.Single(_graph.Requests("POST", "/v1.0/subscriptions")));
        var sent = DateTimeOffset.Parse((string)post["expirationDateTime"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(_graph.Time.GetUtcNow() + GraphSubscriptionGateway.MaxOutlookLifetime, sent);
        Assert.True(sent - _graph.Time.GetUtcNow() < TimeSpan.FromMinutes(10_080));
    }

    [Fact]
    public async Task Deleting_a_subscription_that_is_gone_is_done()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-gone").UsingDelete())
            .RespondWith(GraphStub.Json(404, JsonNode.Parse("""{"error":{"code":"ResourceNotFound","message":"Not found"}}""")!));

        await _graph.Subscriptions.DeleteAsync("sub-gone", CancellationToken.None);

        // One DELETE, answered 404, taken as done: recorded, not retried, and not thrown.
        var delete = Assert.Single(_graph.Requests("DELETE", "/v1.0/subscriptions/sub-gone"));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(delete, "Authorization"));
        Assert.Single(_graph.Server.LogEntries, e => e.RequestMessage.Method == "DELETE");
        Assert.Single(_graph.Logs.Lines, l => l.Contains(typeof(GraphSubscriptionGateway).FullName + ": ", StringComparison.Ordinal) && l.Contains("gone", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Deleting_a_subscription_fails_on_any_other_error()
    {
        _graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions/sub-broken").UsingDelete())
            .RespondWith(GraphStub.Json(403, JsonNode.Parse("""{"error":{"code":"Forbidden","message":"No"}}""")!));

        await Assert.ThrowsAsync<Microsoft.Graph.Models.ODataErrors.ODataError>(() => _graph.Subscriptions.DeleteAsync("sub-broken", CancellationToken.None));
        Assert.DoesNotContain(_graph.Logs.Lines, l => l.Contains(typeof(GraphSubscriptionGateway).FullName + ": ", StringComparison.Ordinal) && l.Contains("gone", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Deleting_a_file_is_one_DELETE_of_its_item_and_a_file_already_gone_is_done()
    {
        var path = $"/v1.0/drives/{GraphStub.DriveId}/items/item-7";
        var gone = $"/v1.0/drives/{GraphStub.DriveId}/items/item-gone";
        _graph.Server.Given(Request.Create().WithPath(path).UsingDelete()).RespondWith(Response.Create().WithStatusCode(204));
        _graph.Server.Given(Request.Create().WithPath(gone).UsingDelete())
            .RespondWith(GraphStub.Json(404, JsonNode.Parse("""{"error":{"code":"itemNotFound","message":"Not found"}}""")!));

        await _graph.Documents.DeleteAsync("item-7", CancellationToken.None);
        await _graph.Documents.DeleteAsync("item-gone", CancellationToken.None);

        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(Assert.Single(_graph.Requests("DELETE", path)), "Authorization"));
        Assert.Single(_graph.Requests("DELETE", gone));
    }

    [Fact]
    public async Task A_small_file_is_one_PUT_of_its_content_to_the_path_in_the_library()
    {
        var path = $"/v1.0/drives/{GraphStub.DriveId}/root:/Referater/referat-2026-05-04-r123.pdf:/content";
        _graph.Server.Given(Request.Create().WithPath(path).UsingPut())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-1", ["webUrl"] = "https://tenant.sharepoint.com/sites/p/Referater/referat.pdf", ["size"] = 2048 }));
        var bytes = Enumerable.Range(0, 2048).Select(i => (byte)i).ToArray();

        var stored = await _graph.Documents.UploadAsync("Referater", "referat-2026-05-04-r123.pdf", new MemoryStream(bytes), bytes.Length, "application/pdf", CancellationToken.None);

        Assert.Equal(new StoredDocument("item-1", "https://tenant.sharepoint.com/sites/p/Referater/referat.pdf", 2048), stored);
        var put = Assert.Single(_graph.Requests("PUT", path));
        Assert.Equal(bytes, put.BodyAsBytes);
        Assert.Equal("application/pdf", GraphStub.Header(put, "Content-Type"));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(put, "Authorization"));
    }

    [Fact]
    public async Task A_file_over_4_MiB_goes_through_an_upload_session_in_320_KiB_multiples_without_the_token()
    {
        const int total = (4 * 1024 * 1024) + (100 * 1024);
        var chunk = _graph.Options.UploadChunkBytes;
        var sessionPath = $"/v1.0/drives/{GraphStub.DriveId}/root:/Referater/optagelse-2026-05-04.mp4:/createUploadSession";
        _graph.Server.Given(Request.Create().WithPath(sessionPath).UsingPost())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["uploadUrl"] = _graph.Server.Url + "/upload/session-1?tempauth=pre-signed",
                ["expirationDateTime"] = "2026-05-05T08:00:00Z",
                ["nextExpectedRanges"] = new JsonArray("0-"),
            }));
        // WireMock tries the lowest priority number first: the last chunk's answer before the in-between one.
        _graph.Server.Given(Request.Create().WithPath("/upload/session-1").UsingPut())
            .AtPriority(10)
            .RespondWith(GraphStub.Json(202, new JsonObject { ["expirationDateTime"] = "2026-05-05T08:00:00Z", ["nextExpectedRanges"] = new JsonArray($"{chunk}-") }));
        _graph.Server.Given(Request.Create().WithPath("/upload/session-1").UsingPut().WithHeader("Content-Range", $"bytes *-{total - 1}/{total}"))
            .AtPriority(1)
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-big", ["webUrl"] = "https://tenant.sharepoint.com/x.mp4", ["size"] = total }));
        var bytes = new byte[total];
        new Random(7).NextBytes(bytes);

        var stored = await _graph.Documents.UploadAsync("Referater", "optagelse-2026-05-04.mp4", new MemoryStream(bytes), total, "video/mp4", CancellationToken.None);

        Assert.Equal(new StoredDocument("item-big", "https://tenant.sharepoint.com/x.mp4", total), stored);
        var session = Assert.Single(_graph.Requests("POST", sessionPath));
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(session, "Authorization"));
        var item = GraphStub.BodyOf(session)["item"]!;
        Assert.Equal("replace", (string?)item["@microsoft.graph.conflictBehavior"]);
        Assert.Equal("optagelse-2026-05-04.mp4", (string?)item["name"]);

        var puts = _graph.Requests("PUT", "/upload/session-1");
        Assert.Equal((total + chunk - 1) / chunk, puts.Count);
        var offset = 0;
        foreach (var put in puts)
        {
            Assert.Null(GraphStub.Header(put, "Authorization"));
            var length = put.BodyAsBytes!.Length;
            Assert.Equal($"bytes {offset}-{offset + length - 1}/{total}", GraphStub.Header(put, "Content-Range"));
            Assert.Equal(bytes.AsSpan(offset, length).ToArray(), put.BodyAsBytes);
            if (offset + length < total)
            {
                Assert.Equal(0, length % GraphOptions.UploadChunkUnit);
            }

            offset += length;
        }

        Assert.Equal(total, offset);
        Assert.DoesNotContain(_graph.Requests(), r => r.AbsolutePath.EndsWith(":/content", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Referater", "../hemmelig.pdf")]
    [InlineData("Referater", "a/b.pdf")]
    [InlineData("Referater", "referat 010190-1234.pdf")]
    [InlineData("Referater", "navn<script>.pdf")]
    [InlineData("Referater", " leading.pdf")]
    [InlineData("Referater", "CON.txt")]
    [InlineData("../Referater", "ok.pdf")]
    [InlineData("Referater", "")]
    public async Task Unsafe_names_are_refused_before_any_call(string folder, string fileName)
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            _graph.Documents.UploadAsync(folder, fileName, new MemoryStream([1]), 1, "application/pdf", CancellationToken.None));
        Assert.Empty(_graph.Requests());
    }

    public void Dispose() => _graph.Dispose();
}
