using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// Card actions on a referral from the same version: only the same person's same command is a retry (answered as
/// applied, once); any other command from that version lost the race and gets the current card with a notice.
/// Every rule that guards a change holds on the card path as well as on REST.
/// </summary>
public sealed class ReferralChangeRaceTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string ChangedBySomeoneElse = "En anden har lige ændret";
    private static readonly Person SecondCoordinator = new("29:coordinator-2", "c0a1b2c3-0000-4000-8000-000000000006", "a:chat-coordinator-2");
    private static readonly Person Stranger = new("29:stranger", "c0a1b2c3-0000-4000-8000-000000000007", "a:chat-stranger");

    private readonly BotHost _host = new();
    private ReferralScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SecondCoordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null, "Lone"), CancellationToken.None);
        // A neighbourhood mother of another project: never someone this project's referral may be assigned to.
        await _host.Services.GetRequiredService<ProjectStore>().UpsertAsync(new Project("tingbjerg", "Tingbjerg", "København", "Beboerhuset") { TenantId = BotHost.TenantId }, CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(Stranger.ObjectId, "tingbjerg", ProjectRole.NeighbourhoodMother, null, "Nadia"), CancellationToken.None);
        await _scenario.SayAsync(SecondCoordinator, "hjælp");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Two_coordinators_assigning_different_mothers_from_one_card_the_second_gets_the_current_card_and_a_notice()
    {
        var referralId = await SubmitAsync();
        var assign = ActionData(TriageCard(), "referral.assign");

        var first = Card(await _scenario.ActAsync(Coordinator, "referral.assign", With(assign, "motherId", Mother.ObjectId)));
        var second = Card(await _scenario.ActAsync(SecondCoordinator, "referral.assign", With(assign, "motherId", OtherMother.ObjectId)));

        Assert.DoesNotContain(ChangedBySomeoneElse, Text(first), StringComparison.Ordinal);
        Assert.Contains(ChangedBySomeoneElse, Text(second), StringComparison.Ordinal);
        Assert.Contains("Samira", Text(second), StringComparison.Ordinal);
        var stored = await StoredAsync(referralId);
        Assert.Equal(Mother.ObjectId, stored.AssignedMotherId);
        Assert.Equal(2, stored.History.Count);
    }

    [Fact]
    public async Task A_mother_editing_her_notes_twice_from_one_version_gets_a_notice_and_her_exact_retry_is_applied_once()
    {
        var referralId = await SubmitAsync();
        var assign = ActionData(TriageCard(), "referral.assign");
        Card(await _scenario.ActAsync(Coordinator, "referral.assign", With(assign, "motherId", Mother.ObjectId)));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        var motherCard = _host.ConnectorCalls().Single(c => c.Method == "POST" && c.Path.Contains(Mother.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var notes = ActionData(motherCard, "referral.notes");

        var first = Card(await _scenario.ActAsync(Mother, "referral.notes", With(notes, "notes", "Vi mødtes på biblioteket."), "phone-card"));
        var retry = Card(await _scenario.ActAsync(Mother, "referral.notes", With(notes, "notes", "Vi mødtes på biblioteket."), "phone-card"));
        var other = Card(await _scenario.ActAsync(Mother, "referral.notes", With(notes, "notes", "Hun kom ikke."), "laptop-card"));

        Assert.DoesNotContain(ChangedBySomeoneElse, Text(first), StringComparison.Ordinal);
        Assert.DoesNotContain(ChangedBySomeoneElse, Text(retry), StringComparison.Ordinal);
        Assert.Contains(ChangedBySomeoneElse, Text(other), StringComparison.Ordinal);
        Assert.Contains("Vi mødtes på biblioteket.", Text(other), StringComparison.Ordinal);
        var stored = await StoredAsync(referralId);
        Assert.Equal("Vi mødtes på biblioteket.", stored.MotherNotes);
        // Applied once: one version after the first edit, and the card that lost is not recorded as showing it.
        Assert.Equal(first["refresh"]?["action"]?["data"]?["version"]?.ToJsonString(), retry["refresh"]?["action"]?["data"]?["version"]?.ToJsonString());
        var cards = await _host.Services.GetRequiredService<CardLocationStore>().ForAsync(ProjectId, CardKind.Referral, referralId, CancellationToken.None);
        Assert.Equal("phone-card", Assert.Single(cards, c => c.ObjectId == Mother.ObjectId).ActivityId);
    }

    [Theory]
    [InlineData("c0a1b2c3-0000-4000-8000-000000000007")] // a neighbourhood mother of another project
    [InlineData("c0a1b2c3-0000-4000-8000-000000000005")] // partner staff of this project
    [InlineData("c0a1b2c3-0000-4000-8000-0000000000ff")] // nobody
    public async Task A_coordinators_card_cannot_assign_anyone_but_a_mother_of_her_project_and_nothing_is_stored(string motherId)
    {
        var referralId = await SubmitAsync();
        var assign = ActionData(TriageCard(), "referral.assign");

        var refused = Card(await _scenario.ActAsync(Coordinator, "referral.assign", With(assign, "motherId", motherId)));

        Assert.Contains("Vælg en af mulighederne på listen", Text(refused), StringComparison.Ordinal);
        var stored = await StoredAsync(referralId);
        Assert.Null(stored.AssignedMotherId);
        Assert.Equal(ReferralState.Submitted, stored.State);
        Assert.Equal(0, await _scenario.DeliverAsync());
    }

    [Fact]
    public async Task The_service_records_the_acting_cards_location_with_the_change_and_not_without_it()
    {
        var referralId = await SubmitAsync();
        var service = _host.Services.GetRequiredService<ReferralService>();
        var coordinator = new Actor(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null);
        var version = (await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None))!.Version;
        var triage = new CardLocation(Coordinator.ObjectId, Coordinator.UserId, "https://smba.trafficmanager.net/emea/", Coordinator.ConversationId, "triage-card");
        var elsewhere = triage with { ObjectId = SecondCoordinator.ObjectId, UserId = SecondCoordinator.UserId, ActivityId = "other-card" };

        var accepted = await service.ChangeAsync(coordinator, referralId, version, new AcceptReferral(), triage, CancellationToken.None);
        var lost = await service.ChangeAsync(coordinator with { ObjectId = SecondCoordinator.ObjectId }, referralId, version, new DeclineReferral(DeclineReason.NoCapacity), elsewhere, CancellationToken.None);

        Assert.Equal(ChangeOutcome.Changed, accepted.Outcome);
        Assert.Equal(ChangeOutcome.Stale, lost.Outcome);
        var cards = await _host.Services.GetRequiredService<CardLocationStore>().ForAsync(ProjectId, CardKind.Referral, referralId, CancellationToken.None);
        Assert.Equal("triage-card", Assert.Single(cards, c => c.ObjectId == Coordinator.ObjectId).ActivityId);
        Assert.DoesNotContain(cards, c => c.ActivityId == "other-card");
    }

    private async Task<string> SubmitAsync()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        var status = Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        return (string)ActionData(status, "referral.withdraw")["referralId"]!;
    }

    private JsonObject TriageCard() =>
        _host.ConnectorCalls().Last(c => c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!.AsObject();

    private async Task<Referral> StoredAsync(string referralId) =>
        (await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None))!.Referral;

    private static JsonObject With(JsonObject data, string key, string value)
    {
        var copy = data.DeepClone().AsObject();
        copy[key] = value;
        return copy;
    }
}
