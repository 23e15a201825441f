using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Reach;

/// <summary>
/// Issue 11's "done when", end to end against the real host: from empty storage an administrator creates a project and
/// appoints its coordinator over REST; the coordinator, in Teams, adds a mother as the people picker submits her; PartnerHub
/// is installed for her; a referral assigned to her before she opened PartnerHub waits; her installationUpdate brings her
/// welcome and that card; a partner whose install is blocked by policy is on the coordinator's report card.
/// </summary>
public sealed class GoLiveTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string ProjectId = "odense-vollsmose";
    private const string Admin = "a0a0a0a0-0000-4000-8000-0000000ad111";
    private static readonly Person Alex = new("29:alex", "c0c0c0c0-0000-4000-8000-00000000c00d", "a:chat-alex");
    private static readonly Person Nour = new("29:nour", "5a5a5a5a-0000-4000-8000-00000000a001", "a:chat-nour");
    private static readonly Person Birgitte = new("29:birgitte", "5a5a5a5a-0000-4000-8000-00000000b002", "a:chat-birgitte");

    private readonly ReachHost _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task From_an_empty_tenant_to_a_mother_with_her_card_and_an_unreachable_partner_on_the_coordinators_report()
    {
        Assert.Equal(0, await _host.Bot.CountStoredRowsAsync());

        // 1. The administrator creates the project and appoints Alex, over REST.
        var adminToken = _host.Rest.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]);
        using (var created = await _host.PostJsonAsync("/api/admin/projects", adminToken, new JsonObject
        {
            ["id"] = ProjectId,
            ["name"] = "Bydelsmødrene i Vollsmose",
            ["municipality"] = "Odense Kommune",
            ["areas"] = new JsonArray("Bøgeparken", "Vollsmose"),
            ["fixedPlace"] = "Vollsmose Kulturhus",
            ["language"] = "da",
        }, idempotencyKey: "go-live-1"))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The appointment checks Alex in Entra like any chosen person.
        _host.GivenMember(Alex.ObjectId, "Alex");
        using (var appointed = await _host.PostJsonAsync($"/api/admin/projects/{ProjectId}/coordinators", adminToken, new JsonObject { ["objectId"] = Alex.ObjectId, ["displayName"] = "Alex" }))
        {
            Assert.Equal(HttpStatusCode.Created, appointed.StatusCode);
        }

        // 2. Alex opens PartnerHub in Teams and adds Nour, as the people picker submits her.
        var scenario = _host.Scenario;
        await scenario.SayAsync(Alex, "hjælp");
        _host.GivenMember(Nour.ObjectId, "Nour");
        _host.GivenInstallAnswers(Nour.ObjectId, 201);
        await AddAsync(Alex, Nour, "Nour", ProjectRole.NeighbourhoodMother);

        // 3. PartnerHub is installed for her through Graph, with the app's catalog entry.
        await _host.DeliverAllAsync();
        var install = Assert.Single(_host.InstallRequests(Nour.ObjectId));
        Assert.Equal(
            $"https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{ReachHost.CatalogId}",
            (string?)Graph.GraphStub.BodyOf(install)["teamsApp@odata.bind"]);
        Assert.Equal("Bearer " + Graph.GraphStub.Token, Graph.GraphStub.Header(install, "Authorization"));

        // 4. Before she has opened PartnerHub, Alex refers a woman and assigns her to Nour: the card waits for Nour,
        //    and Alex's report says so.
        var form = await scenario.SayAsync(Alex, "henvis");
        Card(await scenario.ActAsync(Alex, "referral.submit", Referrals.ReferralWorkflowTests.FormData(form), "form-message"));
        await _host.DeliverAllAsync();
        var triage = _host.CardsIn(Alex.ConversationId).Last(c => HasAction(c.Card, "referral.assign")).Card;
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = Nour.ObjectId;
        Card(await scenario.ActAsync(Alex, "referral.assign", assign, "sent-1"));
        await _host.DeliverAllAsync();
        Assert.Empty(_host.CardsIn(Nour.ConversationId));
        var report = Assert.Single(_host.CardsIn(Alex.ConversationId), c => Text(c.Card).Contains("Hvem PartnerHub ikke kan nå", StringComparison.Ordinal));
        Assert.Equal("POST", report.Method);
        Assert.Contains("Nour (Bydelsmor)", Text(report.Card), StringComparison.Ordinal);
        Assert.Contains("Har ikke åbnet PartnerHub endnu", Text(report.Card), StringComparison.Ordinal);

        // 5. A partner whose install Teams' policy blocks is added: the same report card now names her and why.
        await AddOrganisationAsync(Alex, "familieafdelingen", "Familieafdelingen");
        _host.GivenMember(Birgitte.ObjectId, "Birgitte");
        _host.GivenInstallAnswers(Birgitte.ObjectId, 403);
        await AddAsync(Alex, Birgitte, "Birgitte", ProjectRole.PartnerStaff, "familieafdelingen");
        await _host.DeliverAllAsync();
        var updated = LastReport();
        Assert.Equal("PUT", updated.Method);
        Assert.Contains("Birgitte (Partnermedarbejder)", Text(updated.Card), StringComparison.Ordinal);
        Assert.Contains("PartnerHub er blokeret af en politik i Teams", Text(updated.Card), StringComparison.Ordinal);
        Assert.Contains("Nour (Bydelsmor)", Text(updated.Card), StringComparison.Ordinal);

        // 6. Teams tells the bot PartnerHub is installed for Nour (twice, as it may): one welcome that explains her
        //    role, then her waiting card, once.
        await _host.InstalledAsync(Nour);
        await _host.InstalledAsync(Nour);
        await _host.DeliverAllAsync();
        await _host.DeliverAllAsync();
        var toNour = _host.CardsIn(Nour.ConversationId);
        Assert.Equal(2, toNour.Count);
        Assert.Contains("Velkommen til PartnerHub", Text(toNour[0].Card), StringComparison.Ordinal);
        Assert.Contains("Bydelsmødrene i Vollsmose", Text(toNour[0].Card), StringComparison.Ordinal);
        Assert.Contains("Som bydelsmor", Text(toNour[0].Card), StringComparison.Ordinal);
        Assert.Contains("Amina", Text(toNour[1].Card), StringComparison.Ordinal);
        Assert.All(toNour, c => Assert.Equal("POST", c.Method));

        // 7. Nour is reachable now: she drops off the report; Birgitte stays, with why.
        var last = LastReport();
        Assert.Equal("PUT", last.Method);
        Assert.DoesNotContain("Nour", Text(last.Card), StringComparison.Ordinal);
        Assert.Contains("Birgitte (Partnermedarbejder)", Text(last.Card), StringComparison.Ordinal);
        Assert.Single(_host.CardsIn(Alex.ConversationId), c => c.Method == "POST" && Text(c.Card).Contains("Hvem PartnerHub ikke kan nå", StringComparison.Ordinal));
    }

    private (string Method, JsonObject Card) LastReport() =>
        _host.CardsIn(Alex.ConversationId).Last(c => Text(c.Card).Contains("Hvem PartnerHub ikke kan nå", StringComparison.Ordinal));

    /// <summary>The directory card's "add a person", with the picker's submitted data.</summary>
    private async Task AddAsync(Person coordinator, Person person, string firstName, ProjectRole role, string? organisationId = null)
    {
        var scenario = _host.Scenario;
        var form = Card(await scenario.ActAsync(coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId }));
        var data = ActionData(form, DirectoryCardActions.SaveMember);
        data["objectId"] = person.ObjectId;
        data["firstName"] = firstName;
        data["role"] = role.ToString();
        if (organisationId is not null)
        {
            data["organisationId"] = organisationId;
        }

        var saved = Card(await scenario.ActAsync(coordinator, DirectoryCardActions.SaveMember, data));
        Assert.Contains("Personen er gemt.", Text(saved), StringComparison.Ordinal);
    }

    private async Task AddOrganisationAsync(Person coordinator, string id, string name)
    {
        var scenario = _host.Scenario;
        var form = Card(await scenario.ActAsync(coordinator, DirectoryCardActions.EditOrganisation, new JsonObject { ["projectId"] = ProjectId }));
        var data = ActionData(form, DirectoryCardActions.SaveOrganisation);
        data["organisationId"] = id;
        data["name"] = name;
        data["kind"] = nameof(OrganisationKind.SocialServices);
        data["receivesOnwardReferrals"] = "true";
        var saved = Card(await scenario.ActAsync(coordinator, DirectoryCardActions.SaveOrganisation, data));
        Assert.Contains("Organisationen er gemt.", Text(saved), StringComparison.Ordinal);
    }
}
