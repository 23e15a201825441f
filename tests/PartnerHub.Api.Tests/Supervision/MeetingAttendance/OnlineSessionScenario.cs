using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision.MeetingAttendance;

/// <summary>
/// An online session made on a card with its event created in WireMock as Graph (with a Teams join link), on a host
/// whose clock is fake and whose outbox is swept by hand: what the Teams attendance tests start from.
/// </summary>
internal sealed class OnlineSessionScenario : IDisposable
{
    public OnlineSessionScenario(params (string Key, string Value)[] settings) =>
        Host = new BotHost
        {
            Customize = builder =>
            {
                Graph.Configure(builder);
                foreach (var (key, value) in settings)
                {
                    builder.UseSetting(key, value);
                }

                builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Time));
            },
        };

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public GraphStub Graph { get; } = new();

    public BotHost Host { get; }

    public ReferralScenario Scenario { get; private set; } = null!;

    /// <summary>The demo cast seeded; Graph creates the coordinator's event with this id and join link, and accepts moves of it.</summary>
    public async Task InitializeAsync(string eventId, string joinUrl)
    {
        Scenario = new ReferralScenario(Host);
        await Scenario.SeedAsync();
        Graph.GivenUser(Mother.ObjectId, "samira@vollsmose.example", "samira@vollsmose.example");
        Graph.GivenUser(OtherMother.ObjectId, "hawa@vollsmose.example", "hawa@vollsmose.example");
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject { ["id"] = eventId, ["iCalUId"] = "ical-" + eventId, ["onlineMeeting"] = new JsonObject { ["joinUrl"] = joinUrl } }));
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{eventId}").UsingPatch())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["id"] = eventId }));
    }

    /// <summary>The coordinator saves an online session two days ahead, 10-12, on her card; its event is created.</summary>
    public async Task<SupervisionSession> CreateOnlineSessionAsync(params string[] invitees)
    {
        var form = await Scenario.SayAsync(Coordinator, "nyt møde");
        var data = ActionData(form, "session.save");
        foreach (var (key, value) in FormValues(CopenhagenTime.DateOf(Time.GetUtcNow()).AddDays(2), "10:00", "12:00", invitees))
        {
            data[key] = value;
        }

        Card(await Scenario.ActAsync(Coordinator, "session.save", data, "coordinator-card"));
        await DeliverAllAsync();
        return Assert.Single(await Host.Services.GetRequiredService<SessionStore>().ListAsync(ProjectId, SessionStore.ByTime, 10, CancellationToken.None)).Session;
    }

    public static Dictionary<string, string> FormValues(DateOnly date, string from, string to, IEnumerable<string> invitees) => new()
    {
        ["kind"] = "Supervision",
        ["title"] = "Supervision på Teams",
        ["agenda"] = string.Empty,
        ["place"] = string.Empty,
        ["online"] = "true",
        ["date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["startTime"] = from,
        ["endTime"] = to,
        ["invitees"] = string.Join(',', invitees),
    };

    /// <summary>A change's card update plans the next look: a few sweeps reach the end of the chain.</summary>
    public async Task DeliverAllAsync()
    {
        for (var sweep = 0; sweep < 4 && await Scenario.DeliverAsync() > 0; sweep++)
        {
        }
    }

    public void Dispose()
    {
        Host.Dispose();
        Graph.Dispose();
    }
}
