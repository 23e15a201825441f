using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision.MeetingAttendance;

/// <summary>
/// With Graph but without <c>Graph:ReadsMeetingAttendance</c> (the default), PartnerHub never asks Teams for the
/// attendance report, and the coordinator's card says attendance is entered by hand once an online session has ended.
/// </summary>
public sealed class TeamsAttendanceTurnedOffTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly GraphStub _graph = new();
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public TeamsAttendanceTurnedOffTests() =>
        _host = new BotHost
        {
            Customize = builder =>
            {
                _graph.Configure(builder);
                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time));
            },
        };

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        _graph.GivenUser(Mother.ObjectId, "samira@vollsmose.example", "samira@vollsmose.example");
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = "AAMkAD-off-1", ["iCalUId"] = "ical-off-1", ["onlineMeeting"] = new JsonObject { ["joinUrl"] = "https://teams.microsoft.com/l/meetup-join/off" } }));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        _graph.Dispose();
    }

    [Fact]
    public async Task No_report_is_asked_for_and_the_card_asks_for_attendance_by_hand()
    {
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        var data = ActionData(form, "session.save");
        data["kind"] = "Supervision";
        data["title"] = "Supervision på Teams";
        data["agenda"] = string.Empty;
        data["place"] = string.Empty;
        data["online"] = "true";
        data["date"] = CopenhagenTime.DateOf(_time.GetUtcNow()).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        data["startTime"] = "10:00";
        data["endTime"] = "12:00";
        data["invitees"] = Mother.ObjectId;
        Card(await _scenario.ActAsync(Coordinator, "session.save", data, "coordinator-card"));
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();
        var store = _host.Services.GetRequiredService<SessionStore>();
        var stored = Assert.Single(await store.ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None));

        _time.SetUtcNow(stored.Session.End.AddHours(20));
        await _scenario.DeliverAsync();

        Assert.DoesNotContain(_graph.Requests(), r => r.AbsolutePath.Contains("/onlineMeetings", StringComparison.Ordinal));
        var after = (await store.FindAsync(ProjectId, stored.Session.Id, CancellationToken.None))!;
        Assert.Null(after.Session.TeamsAttendance);
        var card = await _host.Services.GetRequiredService<SessionViews>().CardForAsync(
            new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null), after, "da", null, null, CancellationToken.None);
        Assert.Contains("så fremmødet skal registreres i hånden", Text(card!), StringComparison.Ordinal);
    }
}
