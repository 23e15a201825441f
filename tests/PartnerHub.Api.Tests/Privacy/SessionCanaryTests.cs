using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using Xunit.Abstractions;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// Sessions with canaries in every field the coordinator types (title, agenda, place, minutes, the cancel comment):
/// planned, answered, held, minuted and uploaded to SharePoint, and a second one cancelled, through /api/messages and
/// the outbox to Graph and the Connector. None may reach a log, a trace, a metric, a URL or the outbox.
/// One host of its own: the watch reads everything the host logged.
/// </summary>
public sealed class SessionCanaryTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string EventId = "AAMkAD-canary-event";
    private const string ICalUId = "040000008200E00074C5B7101A82E008-canary";

    private readonly ITestOutputHelper _output;
    private readonly CanaryWatch _watch = new();
    private readonly GraphStub _graph = new();
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public SessionCanaryTests(ITestOutputHelper output)
    {
        _output = output;
        _host = new BotHost
        {
            Customize = builder =>
            {
                _graph.Configure(builder);
                builder.UseSetting("Graph:DriveId", GraphStub.DriveId);
                builder.UseSetting("Graph:PublicBaseUrl", "https://partnerhub.example");
            },
        };
    }

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        _graph.GivenUser(Mother.ObjectId, "samira@vollsmose.example", "samira@vollsmose.example");
        _graph.GivenUser(OtherMother.ObjectId, "hawa@vollsmose.example", "hawa@vollsmose.example");
        var events = $"/v1.0/users/{Coordinator.ObjectId}/events";
        _graph.Server.Given(Request.Create().WithPath(events).UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = EventId, ["iCalUId"] = ICalUId }));
        _graph.Server.Given(Request.Create().WithPath($"{events}/{EventId}").UsingPatch())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["id"] = EventId }));
        _graph.Server.Given(Request.Create().WithPath($"{events}/{EventId}/cancel").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Mother.ObjectId}/events").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = "mother-copy", ["iCalUId"] = ICalUId }) }));
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Mother.ObjectId}/events/mother-copy/accept").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202));
        _graph.Server.Given(Request.Create().WithPath(new WireMock.Matchers.WildcardMatcher($"/v1.0/drives/{GraphStub.DriveId}/root:/*")).UsingPut())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "item-1", ["webUrl"] = "https://vollsmose.sharepoint.example/Referater/referat.txt", ["size"] = 10 }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _watch.Dispose();
        _host.Dispose();
        _graph.Dispose();
    }

    [Fact]
    public async Task A_session_planned_answered_held_minuted_and_another_cancelled_leave_no_personal_text_behind()
    {
        var title = _watch.New("session title");
        var agenda = _watch.New("session agenda");
        var place = _watch.New("session place");
        var minutes = _watch.New("minutes text");
        var start = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).AddDays(7);

        // Planned, the event created by the outbox, Samira says yes.
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(form, start, title, agenda, place), "form-message"));
        await _scenario.DeliverAsync();
        var motherCard = _host.ConnectorCalls().Last(c => c.Method == "POST" && c.Path.Contains(Mother.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        Card(await _scenario.ActAsync(Mother, "session.respond", ActionData(motherCard, "session.respond"), "sent-1"));
        await _scenario.DeliverAsync();

        // Held (moved into the past, as time would), attendance and minutes; the outbox uploads them.
        var held = await BackdateAsync(title);
        var attendanceForm = Card(await _scenario.ActAsync(Coordinator, "session.attendance.form", SessionRef(held.Id), "form-message"));
        var attendance = ActionData(attendanceForm, "session.attendance.save");
        attendance["attended"] = Mother.ObjectId;
        Card(await _scenario.ActAsync(Coordinator, "session.attendance.save", attendance, "form-message"));
        var minutesForm = Card(await _scenario.ActAsync(Coordinator, "session.minutes.form", SessionRef(held.Id), "form-message"));
        var minutesData = ActionData(minutesForm, "session.minutes.save");
        minutesData["minutesText"] = minutes;
        Assert.Contains("Referatet er gemt", Text(Card(await _scenario.ActAsync(Coordinator, "session.minutes.save", minutesData, "form-message"))), StringComparison.Ordinal);
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();

        // A second session, cancelled with a comment for the invitees.
        var secondTitle = _watch.New("second session title");
        var comment = _watch.New("cancel comment");
        var second = await _scenario.SayAsync(Coordinator, "nyt møde");
        Card(await _scenario.ActAsync(Coordinator, "session.save", FormData(second, start.AddDays(7), secondTitle, _watch.New("second agenda"), _watch.New("second place")), "form-message"));
        await _scenario.DeliverAsync();
        var toCancel = (await StoredAsync(secondTitle)).Id;
        var view = Card(await _scenario.ActAsync(Coordinator, "session.open", SessionRef(toCancel), "form-message"));
        var cancel = ActionData(view, "session.cancel");
        cancel["reason"] = comment;
        Assert.Contains("Mødet er aflyst", Text(Card(await _scenario.ActAsync(Coordinator, "session.cancel", cancel, "form-message"))), StringComparison.Ordinal);
        await _scenario.DeliverAsync();

        // The canaries went where they belong (Outlook's event, the minutes file, the cancel comment): their absence below means something.
        var bodies = string.Join("\n", _graph.Requests().Select(r => r.Body));
        foreach (var expected in new[] { title, agenda, place, minutes, comment })
        {
            Assert.Contains(expected, bodies, StringComparison.Ordinal);
        }

        Assert.Contains(_graph.Requests(), r => r.Method == "PUT" && r.AbsolutePath.Contains("/Referater/", StringComparison.Ordinal));
        _watch.CheckTelemetry(_host.Logs);
        _watch.CheckRequestedUrls("Graph", _graph.Server);
        _watch.CheckRequestedUrls("Connector", _host.Connector);
        await _watch.CheckOutboxAsync(_host.Tables, ProjectId);
        await _watch.CheckStagedBlobNamesAsync(_host.TablePrefix);
        _watch.Check("minutes document name", [(await StoredAsync(title)).MinutesDocumentName]);
        _watch.AssertNoneLeaked(_output);
    }

    private static JsonObject SessionRef(string sessionId) => new() { ["projectId"] = ProjectId, ["sessionId"] = sessionId };

    private static JsonObject FormData(JsonObject formCard, DateOnly date, string title, string agenda, string place)
    {
        var data = ActionData(formCard, "session.save");
        data["kind"] = "Supervision";
        data["title"] = title;
        data["agenda"] = agenda;
        data["place"] = place;
        data["online"] = "false";
        data["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        data["startTime"] = "14:00";
        data["endTime"] = "16:00";
        data["invitees"] = $"{Mother.ObjectId},{OtherMother.ObjectId}";
        return data;
    }

    private async Task<SupervisionSession> StoredAsync(string title)
    {
        var all = await _host.Services.GetRequiredService<SessionStore>().ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None);
        return all.Single(s => s.Session.Title == title).Session;
    }

    private async Task<SupervisionSession> BackdateAsync(string title)
    {
        var store = _host.Services.GetRequiredService<SessionStore>();
        var stored = (await store.ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None)).Single(s => s.Session.Title == title);
        var now = DateTimeOffset.UtcNow;
        await store.UpdateAsync(stored, stored.Session with { Start = now.AddHours(-3), End = now.AddHours(-1) }, null, [], CancellationToken.None);
        return stored.Session;
    }
}
