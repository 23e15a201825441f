using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Reach;

/// <summary>
/// A card for someone who has not opened PartnerHub waits, and is delivered when her personal chat becomes known: to her,
/// only to her, once, however often Teams sends the event. Connector in WireMock, tables in Azurite.
/// </summary>
public sealed class WaitingCardsTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private static readonly Person Nour = new("29:nour", "5a5a5a5a-0000-4000-8000-00000000a001", "a:chat-nour");
    private static readonly Person SocialWorker = new("29:social-worker", "5a5a5a5a-0000-4000-8000-00000000c003", "a:chat-social-worker");
    private static readonly Person SocialColleague = new("29:social-colleague", "5a5a5a5a-0000-4000-8000-00000000c004", "a:chat-social-colleague");

    private readonly ReachHost _host = new();

    private ReferralScenario Scenario => _host.Scenario;

    public async Task InitializeAsync()
    {
        await Scenario.SeedAsync();
        var directory = _host.Bot.Services.GetRequiredService<DirectoryStore>();
        // Listed, but none of them has opened PartnerHub yet, except the social worker.
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(Nour.ObjectId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Nour"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SocialWorker.ObjectId, ProjectId, ProjectRole.PartnerStaff, "familieafdelingen", "Lone"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SocialColleague.ObjectId, ProjectId, ProjectRole.PartnerStaff, "familieafdelingen", "Birgit"), CancellationToken.None);
        await Scenario.SayAsync(SocialWorker, "hjælp");
        _host.Bot.Connector.ResetLogEntries();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_waiting_card_is_delivered_exactly_once_when_her_installationUpdate_arrives_twice()
    {
        var triage = await TriageAsync();
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = Nour.ObjectId;
        await Scenario.ActAsync(Coordinator, "referral.assign", assign, "sent-1");
        await _host.DeliverAllAsync();
        Assert.Empty(_host.CardsIn(Nour.ConversationId));
        Assert.True(await Waiting.AnyWaitingAsync(BotHost.TenantId, Nour.ObjectId, CancellationToken.None));

        await _host.InstalledAsync(Nour);
        await _host.InstalledAsync(Nour);
        await _host.DeliverAllAsync();
        // A second instance releasing at the same moment finds nothing left to send.
        await Task.WhenAll(
            Waiting.ReleaseAsync(BotHost.TenantId, Nour.ObjectId, CancellationToken.None),
            Waiting.ReleaseAsync(BotHost.TenantId, Nour.ObjectId, CancellationToken.None));
        await _host.DeliverAllAsync();

        var toNour = _host.CardsIn(Nour.ConversationId);
        Assert.Equal(2, toNour.Count);
        Assert.Contains("Velkommen til PartnerHub", Text(toNour[0].Card), StringComparison.Ordinal);
        Assert.Contains("Amina", Text(toNour[1].Card), StringComparison.Ordinal);
        Assert.False(await Waiting.AnyWaitingAsync(BotHost.TenantId, Nour.ObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task A_card_to_several_that_waited_for_one_goes_to_her_and_to_nobody_else_again()
    {
        var triage = await TriageAsync();
        var onward = ActionData(triage, "referral.referOnward");
        onward["organisationId"] = "familieafdelingen";
        onward["onwardNeeds"] = "Work";
        await Scenario.ActAsync(Coordinator, "referral.referOnward", onward);
        await _host.DeliverAllAsync();
        Assert.Single(_host.CardsIn(SocialWorker.ConversationId));
        Assert.Empty(_host.CardsIn(SocialColleague.ConversationId));
        _host.Bot.Connector.ResetLogEntries();

        await _host.InstalledAsync(SocialColleague);
        await _host.DeliverAllAsync();

        var toColleague = _host.CardsIn(SocialColleague.ConversationId);
        Assert.Equal(2, toColleague.Count);
        Assert.Contains("Velkommen til PartnerHub", Text(toColleague[0].Card), StringComparison.Ordinal);
        Assert.True(HasAction(toColleague[1].Card, "onward.accept"), Text(toColleague[1].Card));
        // Every new card went to her: her colleague got nothing again; the coordinator's report was only updated in place.
        Assert.Empty(_host.CardsIn(SocialWorker.ConversationId));
        Assert.All(_host.Bot.ConnectorCalls().Where(call => call.Method == "POST"), call => Assert.Contains(SocialColleague.ConversationId, call.Path, StringComparison.Ordinal));
        var report = Assert.Single(_host.CardsIn(Coordinator.ConversationId));
        Assert.Equal("PUT", report.Method);
        Assert.Contains("Alle i projektet kan nås nu", Text(report.Card), StringComparison.Ordinal);
    }

    private WaitingCards Waiting => _host.Bot.Services.GetRequiredService<WaitingCards>();

    /// <summary>A referral from the kindergarten, as the coordinator's triage card.</summary>
    private async Task<JsonObject> TriageAsync()
    {
        var form = await Scenario.SayAsync(Kindergarten, "henvis");
        Card(await Scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form, phone: "29 47 11 83"), "form-message"));
        await _host.DeliverAllAsync();
        return _host.CardsIn(Coordinator.ConversationId).Last(c => HasAction(c.Card, "referral.assign")).Card;
    }
}
