using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Graph.Notifications;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Supervision.Adoption;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>
/// Karen coordinates two projects and sets the PartnerHub category on a meeting: she is asked on a card which project,
/// once, and her answer on the card adopts it there. Through /api/messages with signed tokens; WireMock is Graph and
/// the Bot Connector; tables in Azurite; the outbox driven by hand.
/// </summary>
public sealed class OutlookAskCardTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Korslokken = "korslokken";
    private const string EventId = "AAMk-ask-1";
    private readonly GraphStub _graph = new();
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public OutlookAskCardTests()
    {
        _host = new BotHost
        {
            Customize = builder =>
            {
                _graph.Configure(builder);
                builder.UseSetting("Graph:PublicBaseUrl", "https://partnerhub.example");
                builder.UseSetting("Graph:Notifications:Enabled", "false");
            },
        };
    }

    private DateTimeOffset Start { get; } = new(DateTimeOffset.UtcNow.Date.AddDays(9).AddHours(10), TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        await _host.Services.GetRequiredService<ProjectStore>().UpsertAsync(
            new Project(Korslokken, "Bydelsmødre Korsløkken", "Odense Kommune", "Korsløkkens beboerhus") { TenantId = BotHost.TenantId }, CancellationToken.None);
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(
            BotHost.TenantId, new ProjectMember(Coordinator.ObjectId, Korslokken, ProjectRole.Coordinator, null, "Karen"), CancellationToken.None);
        foreach (var (person, address) in new[] { (Mother, "samira@vollsmose.example"), (OtherMother, "hawa@vollsmose.example") })
        {
            _graph.Server.Given(Request.Create().WithPath("/v1.0/users").UsingGet()
                    .WithParam("$filter", $"mail eq '{address}' or userPrincipalName eq '{address}'"))
                .RespondWith(GraphStub.Json(200, new JsonObject { ["value"] = new JsonArray(new JsonObject { ["id"] = person.ObjectId, ["mail"] = address }) }));
        }

        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}").UsingGet())
            .AtPriority(100)
            .RespondWith(GraphStub.Json(200, Event()));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        _graph.Dispose();
    }

    [Fact]
    public async Task A_coordinator_of_two_projects_gets_one_ask_card_though_the_meeting_is_seen_twice()
    {
        await SeenAsync();
        await SeenAsync();

        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();

        var card = Assert.Single(CardsSent());
        var text = Text(card);
        Assert.Contains("Hvilket projekt hører mødet til?", text, StringComparison.Ordinal);
        Assert.Contains("Supervision i december", text, StringComparison.Ordinal);
        Assert.Contains("kl. ", text, StringComparison.Ordinal);
        Assert.Contains("Bydelsmødre Vollsmose", text, StringComparison.Ordinal);
        Assert.Contains("Bydelsmødre Korsløkken", text, StringComparison.Ordinal);
        var data = ActionData(card, OutlookAskCardActions.Adopt);
        Assert.Equal(EventId, (string?)data["eventId"]);
        Assert.Equal(Korslokken, (string?)data["hintProjectId"]);
        Assert.Null(await SessionAsync(ProjectId));
        Assert.Null(await SessionAsync(Korslokken));
    }

    [Fact]
    public async Task A_private_meeting_is_asked_about_without_its_subject()
    {
        _graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{Coordinator.ObjectId}/events/{EventId}").UsingGet())
            .AtPriority(1)
            .RespondWith(GraphStub.Json(200, Event(sensitivity: "private")));
        await SeenAsync();

        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();

        var text = Text(Assert.Single(CardsSent()));
        Assert.Contains("Hvilket projekt hører mødet til?", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Supervision i december", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Her_choice_on_the_card_adopts_the_meeting_in_that_project_and_the_mothers_get_cards()
    {
        await SeenAsync();
        await _scenario.DeliverAsync();

        var data = new JsonObject { ["eventId"] = EventId, ["hintProjectId"] = Korslokken, ["projectId"] = ProjectId };
        var answer = Text(Card(await _scenario.ActAsync(Coordinator, OutlookAskCardActions.Adopt, data)));
        Assert.Contains("Mødet bliver en supervision i Bydelsmødre Vollsmose. Bydelsmødrene får deres kort om lidt.", answer, StringComparison.Ordinal);
        // A retried click marks the same project again; the adopt row adopts once.
        await _scenario.ActAsync(Coordinator, OutlookAskCardActions.Adopt, data);

        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        await _scenario.DeliverAsync();

        var session = Assert.IsType<SupervisionSession>(await SessionAsync(ProjectId));
        Assert.True(session.FromOutlook);
        Assert.Equal([Mother.ObjectId, OtherMother.ObjectId], session.Invitees.Select(i => i.ObjectId));
        Assert.Null(await SessionAsync(Korslokken));
        var cards = CardsSent();
        Assert.Equal(3, cards.Count); // Karen's own session card and the two mothers'.

        var again = Text(Card(await _scenario.ActAsync(Coordinator, OutlookAskCardActions.Adopt, data)));
        Assert.Contains("Mødet er allerede en supervision i Bydelsmødre Vollsmose.", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_project_she_does_not_coordinate_is_an_error_card_and_nothing_is_stored()
    {
        await _host.Services.GetRequiredService<ProjectStore>().UpsertAsync(
            new Project("nordvest", "Bydelsmødre Nordvest", "Odense Kommune", "Huset") { TenantId = BotHost.TenantId }, CancellationToken.None);

        var answer = Card(await _scenario.ActAsync(Coordinator, OutlookAskCardActions.Adopt,
            new JsonObject { ["eventId"] = EventId, ["hintProjectId"] = Korslokken, ["projectId"] = "nordvest" }));

        Assert.Contains("Du kan kun gøre mødet til en supervision i et projekt, du er koordinator for.", Text(answer), StringComparison.Ordinal);
        Assert.False(await Marks.IsMarkedAsync("nordvest", Coordinator.ObjectId, EventId, CancellationToken.None));
        Assert.Equal(0, await _scenario.DeliverAsync());
    }

    [Fact]
    public async Task A_mother_choosing_her_own_project_is_refused_too()
    {
        var answer = Card(await _scenario.ActAsync(Mother, OutlookAskCardActions.Adopt,
            new JsonObject { ["eventId"] = EventId, ["hintProjectId"] = ProjectId, ["projectId"] = ProjectId }));

        Assert.Contains("koordinator for", Text(answer), StringComparison.Ordinal);
        Assert.False(await Marks.IsMarkedAsync(ProjectId, Mother.ObjectId, EventId, CancellationToken.None));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("")]
    [InlineData(null)]
    public async Task A_bad_event_id_is_an_error_card(string? eventId)
    {
        var data = new JsonObject { ["hintProjectId"] = Korslokken, ["projectId"] = ProjectId };
        if (eventId is not null)
        {
            data["eventId"] = eventId;
        }

        var answer = Card(await _scenario.ActAsync(Coordinator, OutlookAskCardActions.Adopt, data));

        Assert.Contains("Mødet kan ikke findes ud fra kortet.", Text(answer), StringComparison.Ordinal);
        Assert.Equal(0, await _scenario.DeliverAsync());
    }

    [Fact]
    public async Task An_English_speaking_coordinator_is_asked_in_English()
    {
        await _scenario.ChooseLanguageAsync(Coordinator, "en");
        await SeenAsync();

        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();

        var text = Text(Assert.Single(CardsSent()));
        Assert.Contains("Which project is the meeting for?", text, StringComparison.Ordinal);
        Assert.Contains("Make it a supervision session", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hvilket projekt", text, StringComparison.Ordinal);

        var answer = Text(Card(await _scenario.ActAsync(Coordinator, OutlookAskCardActions.Adopt,
            new JsonObject { ["eventId"] = EventId, ["hintProjectId"] = Korslokken, ["projectId"] = "nordvest-unknown" })));
        Assert.Contains("You can only make the meeting a supervision session in a project you coordinate.", answer, StringComparison.Ordinal);
    }

    private OutlookAdoptionStore Marks => _host.Services.GetRequiredService<OutlookAdoptionStore>();

    /// <summary>A change notification from the subscription made for Korsløkken: the event read back, then the sink.</summary>
    private async Task SeenAsync()
    {
        var snapshot = await _host.Services.GetRequiredService<ICalendarGateway>().GetEventAsync(Coordinator.ObjectId, EventId, CancellationToken.None);
        Assert.NotNull(snapshot);
        await _host.Services.GetRequiredService<ICalendarChangeSink>().ApplyAsync(Korslokken, Coordinator.ObjectId, snapshot, CancellationToken.None);
    }

    private async Task<SupervisionSession?> SessionAsync(string projectId) =>
        (await _host.Services.GetRequiredService<SessionStore>().FindByEventAsync(projectId, EventId, CancellationToken.None))?.Session;

    private List<JsonObject> CardsSent() =>
        [.. _host.ConnectorCalls().Where(c => c.Method == "POST" && c.Body?["attachments"] is JsonArray)
            .Select(c => c.Body!["attachments"]![0]!["content"]!.AsObject())];

    private JsonObject Event(string sensitivity = "normal") => new()
    {
        ["@odata.etag"] = "W/\"DwAAABYAAAA1\"",
        ["id"] = EventId,
        ["iCalUId"] = "040000008200E00074C5B7101A82E008-ask-1",
        ["subject"] = "Supervision i december",
        ["isCancelled"] = false,
        ["isOrganizer"] = true,
        ["sensitivity"] = sensitivity,
        ["type"] = "singleInstance",
        ["categories"] = new JsonArray(OutlookCategory.Name),
        ["start"] = Time(Start),
        ["end"] = Time(Start.AddHours(2)),
        ["location"] = new JsonObject { ["displayName"] = "Beboerhuset", ["locationType"] = "default" },
        ["isOnlineMeeting"] = false,
        ["onlineMeeting"] = null,
        ["attendees"] = new JsonArray(Attendee("samira@vollsmose.example", "Samira"), Attendee("hawa@vollsmose.example", "Hawa")),
        ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = "Karen", ["address"] = "karen@kommune.example" } },
    };

    private static JsonObject Attendee(string address, string name) => new()
    {
        ["type"] = "required",
        ["status"] = new JsonObject { ["response"] = "none", ["time"] = "0001-01-01T00:00:00Z" },
        ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address },
    };

    private static JsonObject Time(DateTimeOffset at) => new()
    {
        ["dateTime"] = at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };
}
