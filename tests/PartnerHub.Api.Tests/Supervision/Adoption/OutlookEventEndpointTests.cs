using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision.Adoption;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Supervision.Adoption.OutlookAdoptionHost;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>
/// <c>PUT /api/projects/{projectId}/outlook-events/{eventId}</c>, the Outlook pane's and the "which project" answer's
/// way in: 202 marked, 200 once adopted, 409 another project's, 400 not an event id, 401/403 per the REST rules.
/// </summary>
public sealed class OutlookEventEndpointTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly OutlookAdoptionHost _outlook = new();

    public void Dispose() => _outlook.Dispose();

    /// <summary>Runs the project's pending adopt rows through their handler, as the dispatcher would.</summary>
    internal static async Task DeliverAdoptRowsAsync(OutlookAdoptionHost outlook, string projectId)
    {
        var handler = outlook.Host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == OutlookAdoptionService.AdoptKind);
        foreach (var row in (await outlook.OutboxAsync(projectId)).Where(r => r.Kind == OutlookAdoptionService.AdoptKind))
        {
            await handler.HandleAsync(new OutboxDelivery(projectId, row.RowKey, row.Kind, row.Payload, 1, DateTimeOffset.UtcNow), CancellationToken.None);
        }
    }

    private Task<HttpResponseMessage> PutAsync(string eventId, string? token, string? projectId = null) =>
        _outlook.Host.SendAsync(HttpMethod.Put, $"/api/projects/{projectId ?? _outlook.ProjectId}/outlook-events/{eventId}", token);

    [Fact]
    public async Task Marking_a_meeting_answers_202_then_200_once_it_is_adopted()
    {
        await _outlook.SeedAsync();
        _outlook.GivenEvent(_outlook.Event("AAMk-pane"));
        var token = _outlook.Host.TokenFor(Alex);

        using var marked = await PutAsync("AAMk-pane", token);
        Assert.Equal(HttpStatusCode.Accepted, marked.StatusCode);
        var pending = JsonNode.Parse(await marked.Content.ReadAsStringAsync())!;
        Assert.Equal("pending", (string?)pending["status"]);
        Assert.Single(await _outlook.OutboxAsync(), row => row.Kind == OutlookAdoptionService.AdoptKind);

        await DeliverAdoptRowsAsync(_outlook, _outlook.ProjectId);
        using var adopted = await PutAsync("AAMk-pane", token);
        using var again = await PutAsync("AAMk-pane", token);

        Assert.Equal(HttpStatusCode.OK, adopted.StatusCode);
        var body = JsonNode.Parse(await adopted.Content.ReadAsStringAsync())!;
        Assert.Equal("adopted", (string?)body["status"]);
        Assert.Equal((await _outlook.SessionOfAsync("AAMk-pane"))!.Id, (string?)body["sessionId"]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_meeting_not_saved_yet_stays_marked_and_is_adopted_when_it_arrives_with_the_category()
    {
        await _outlook.SeedAsync(alsoCoordinatesOther: true);
        _outlook.Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Alex}/events/AAMk-new").UsingGet())
            .AtPriority(5000)
            .RespondWith(GraphStub.Json(404, JsonNode.Parse("""{"error":{"code":"ErrorItemNotFound","message":"The specified object was not found in the store."}}""")!));

        using var marked = await PutAsync("AAMk-new", _outlook.Host.TokenFor(Alex));
        await DeliverAdoptRowsAsync(_outlook, _outlook.ProjectId);

        Assert.Equal(HttpStatusCode.Accepted, marked.StatusCode);
        Assert.Null(await _outlook.SessionOfAsync("AAMk-new"));

        // Saved in Outlook: the notification (through her subscription's other project) finds her mark, so she is not asked.
        _outlook.GivenEvent(_outlook.Event("AAMk-new", attendees: ["adele@bydelsmor.dk"]));
        await _outlook.NotifiedAsync("AAMk-new", _outlook.OtherProjectId);

        Assert.NotNull(await _outlook.SessionOfAsync("AAMk-new"));
        Assert.Null(await _outlook.SessionOfAsync("AAMk-new", _outlook.OtherProjectId));
        var store = _outlook.Host.Services.GetRequiredService<OutlookAdoptionStore>();
        Assert.False(await store.WasAskedAsync(_outlook.OtherProjectId, "AAMk-new", CancellationToken.None));
    }

    [Fact]
    public async Task A_meeting_that_is_already_another_projects_session_is_409()
    {
        await _outlook.SeedAsync(alsoCoordinatesOther: true);
        _outlook.GivenEvent(_outlook.Event("AAMk-taken"));
        await _outlook.Host.Services.GetRequiredService<OutlookAdoptionService>().MarkAsync(_outlook.ProjectId, Alex, "AAMk-taken", CancellationToken.None);
        await DeliverAdoptRowsAsync(_outlook, _outlook.ProjectId);

        using var response = await PutAsync("AAMk-taken", _outlook.Host.TokenFor(Alex), _outlook.OtherProjectId);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _outlook.OutboxAsync(_outlook.OtherProjectId));
    }

    [Theory]
    [InlineData("has%20space")]
    [InlineData("dot.dot")]
    [InlineData("quote'or'1")]
    public async Task Something_that_is_not_an_event_id_is_400_and_nothing_is_written(string eventId)
    {
        await _outlook.SeedAsync();

        using var response = await PutAsync(eventId, _outlook.Host.TokenFor(Alex));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await _outlook.OutboxAsync());
    }

    [Fact]
    public async Task Only_a_coordinator_marks_meetings_and_only_with_a_token()
    {
        await _outlook.SeedAsync();

        using var mother = await PutAsync("AAMk-x", _outlook.Host.TokenFor(Adele));
        using var anonymous = await PutAsync("AAMk-x", null);

        Assert.Equal(HttpStatusCode.Forbidden, mother.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await _outlook.OutboxAsync());
    }
}
