using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// Microsoft Graph answering 503 for a minute while the outbox creates a new session's Outlook event. The minute passes
/// on the host's clock (a fake one, which the outbox's back-off runs on), not in real time.
/// </summary>
public sealed class GraphUnavailableTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string EventId = "AAMkAD-event-fault";
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(1);
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly GraphStub _graph = new();
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public GraphUnavailableTests()
    {
        _host = new BotHost
        {
            Customize = builder =>
            {
                _graph.Configure(builder);
                // The SDK's own retry waits in real time; without it each 503 reaches the outbox, whose back-off is on the clock.
                builder.UseSetting("Graph:MaxRetries", "0");
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time));
            },
        };
    }

    private static string CreatePath => $"/v1.0/users/{Coordinator.ObjectId}/events";

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        _graph.GivenUser(Mother.ObjectId, "samira@vollsmose.example", "samira@vollsmose.example");
        _graph.GivenUser(OtherMother.ObjectId, "hawa@vollsmose.example", "hawa@vollsmose.example");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        _graph.Dispose();
    }

    [Fact]
    public async Task Graph_down_for_a_minute_delays_the_Outlook_event_which_is_then_created_once_and_the_coordinator_is_not_told_of_a_failure()
    {
        var down = Request.Create().WithPath(CreatePath).UsingPost();
        var outage = Guid.NewGuid();
        _graph.Server.Given(down).WithGuid(outage).AtPriority(1)
            .RespondWith(GraphStub.Json(503, new JsonObject { ["error"] = new JsonObject { ["code"] = "serviceNotAvailable", ["message"] = "Service unavailable" } })
                .WithHeader("Retry-After", "10"));
        _graph.Server.Given(down).AtPriority(10)
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = EventId, ["iCalUId"] = "ical-fault" }));

        // The coordinator creates the session: her card answers at once, whatever Graph does later.
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        var data = ActionData(form, "session.save");
        var date = CopenhagenTime.DateOf(_time.GetUtcNow()).AddDays(7);
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["kind"] = "Supervision",
            ["title"] = "Supervision i december",
            ["agenda"] = "Runde",
            ["place"] = string.Empty,
            ["online"] = "false",
            ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["startTime"] = "14:00",
            ["endTime"] = "16:00",
            ["invitees"] = $"{Mother.ObjectId},{OtherMother.ObjectId}",
        })
        {
            data[key] = value;
        }

        var created = Card(await _scenario.ActAsync(Coordinator, "session.save", data, "form-message"));
        Assert.Contains("Supervision i december", Text(created), StringComparison.Ordinal);
        _host.Connector.ResetLogEntries();

        // A minute of 503s: the outbox tries on its back-off (10 s, 20 s, 40 s …) as the clock moves.
        var start = _time.GetUtcNow();
        while (_time.GetUtcNow() - start < Outage)
        {
            await _scenario.DeliverAsync();
            _time.Advance(TimeSpan.FromSeconds(5));
        }

        var refused = _graph.Requests("POST", CreatePath).Count;
        Assert.InRange(refused, 3, 7); // tried again on the back-off, not hammered, and not given up within the minute
        Assert.Null((await StoredAsync()).CalendarEventId);

        // Graph is back: the next due attempt creates the event, once, and nothing else is sent twice.
        _graph.Server.DeleteMapping(outage);
        for (var i = 0; i < 30 && (await StoredAsync()).CalendarEventId is null; i++)
        {
            _time.Advance(TimeSpan.FromSeconds(10));
            await _scenario.DeliverAsync();
        }

        Assert.Equal(EventId, (await StoredAsync()).CalendarEventId);
        Assert.Equal(refused + 1, _graph.Requests("POST", CreatePath).Count);
        _time.Advance(TimeSpan.FromMinutes(30));
        await _scenario.DeliverAsync();
        Assert.Equal(refused + 1, _graph.Requests("POST", CreatePath).Count);

        // Each invitee got her card once; the coordinator got no "it did not work" card, since it did in the end.
        var posts = _host.ConnectorCalls().Where(c => c.Method == "POST").ToList();
        Assert.Single(posts, c => c.Path.Contains(Mother.ConversationId, StringComparison.Ordinal));
        Assert.Single(posts, c => c.Path.Contains(OtherMother.ConversationId, StringComparison.Ordinal));
        Assert.DoesNotContain(posts, c => c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)
            && Text(c.Body!).Contains("Det lykkedes ikke", StringComparison.Ordinal));
        var rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        // Nothing due is left behind (the session's reminder waits for its day).
        var due = rows.Where(r => r.RowKey.StartsWith(OutboxKeys.Prefix, StringComparison.Ordinal)
            && r.GetDateTimeOffset(OutboxKeys.NextAttemptAt) <= _time.GetUtcNow()).Select(r => r.GetString(OutboxKeys.Kind));
        Assert.Empty(due);
    }

    private async Task<SupervisionSession> StoredAsync()
    {
        var store = _host.Services.GetRequiredService<SessionStore>();
        return Assert.Single(await store.ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None)).Session;
    }
}
