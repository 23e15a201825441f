using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// A neighbourhood mother leaves the project while a woman she has been in contact with is waiting: through
/// /api/messages with signed tokens, the coordinator removes her, the cards follow, and the woman gets a new mother.
/// </summary>
public sealed class MotherRemovedTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly BotHost _host = new();
    private ReferralScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Removing_a_mother_hands_her_open_referrals_back_to_the_coordinator_to_reassign()
    {
        var referralId = await ContactedReferralAsync();

        // The coordinator removes Samira from the directory.
        var edit = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId, ["objectId"] = Mother.ObjectId }));
        var removed = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.RemoveMember, ActionData(edit, DirectoryCardActions.RemoveMember)));
        Assert.Contains("Personen er fjernet fra projektet.", Text(removed), StringComparison.Ordinal);

        // Through the outbox: Samira's card no longer shows the woman, the coordinator's triage card says she is gone,
        // and the coordinator gets the waiting referrals as a list.
        _host.Connector.ResetLogEntries();
        // Two rows: the referrals' "member removed", and Reach's "member left" (she drops off the reach report).
        Assert.Equal(2, await _scenario.DeliverAsync());
        var calls = _host.ConnectorCalls();
        var mothersUpdate = Assert.Single(calls, c => c.Method == "PUT" && c.Path.Contains(Mother.ConversationId, StringComparison.Ordinal));
        Assert.DoesNotContain("Amina", Text(mothersUpdate.Body!), StringComparison.Ordinal);
        Assert.DoesNotContain("29471183", Text(mothersUpdate.Body!), StringComparison.Ordinal);
        var triageUpdate = Assert.Single(calls, c => c.Method == "PUT" && c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal));
        Assert.Contains("er ikke længere med i projektet", Text(triageUpdate.Body!), StringComparison.Ordinal);
        var list = Assert.Single(calls, c => c.Method == "POST").Body!["attachments"]![0]!["content"]!;
        Assert.Contains("Disse henvisninger mangler nu en bydelsmor", Text(list), StringComparison.Ordinal);
        Assert.Contains(ReferralIds.Reference(referralId), Text(list), StringComparison.Ordinal);

        // From the list she opens it and gives it to Layla; the new mother gets it without Samira's notes.
        var open = (JsonObject)Walk(list).OfType<JsonObject>().First(o => (string?)o["verb"] == "referral.open")["data"]!.DeepClone();
        var triage = Card(await _scenario.ActAsync(Coordinator, "referral.open", open, "list-1"));
        Assert.Contains("er ikke længere med i projektet", Text(triage), StringComparison.Ordinal);
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = OtherMother.ObjectId;
        var reassigned = Card(await _scenario.ActAsync(Coordinator, "referral.assign", assign, "list-1"));
        Assert.DoesNotContain("er ikke længere med i projektet", Text(reassigned), StringComparison.Ordinal);
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        var toLayla = Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST" && c.Path.Contains(OtherMother.ConversationId, StringComparison.Ordinal));
        Assert.Contains("Amina", Text(toLayla.Body!), StringComparison.Ordinal);
        Assert.DoesNotContain("biblioteket", Text(toLayla.Body!), StringComparison.Ordinal);

        var stored = await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None);
        Assert.Equal(ReferralState.Assigned, stored!.Referral.State);
        Assert.Equal(OtherMother.ObjectId, stored.Referral.AssignedMotherId);
        Assert.Null(stored.Referral.MotherNotes);
    }

    [Fact]
    public async Task Removing_a_mother_with_nothing_open_sends_the_coordinator_nothing()
    {
        var edit = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId, ["objectId"] = OtherMother.ObjectId }));
        Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.RemoveMember, ActionData(edit, DirectoryCardActions.RemoveMember)));
        _host.Connector.ResetLogEntries();

        // "Member removed" and Reach's "member left": neither has anything to tell anyone.
        Assert.Equal(2, await _scenario.DeliverAsync());

        Assert.Empty(_host.ConnectorCalls());
    }

    /// <summary>Amina's referral, assigned to Samira, who has made contact and written notes.</summary>
    private async Task<string> ContactedReferralAsync()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form, phone: "29 47 11 83"), "form-message"));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        var triage = _host.ConnectorCalls().Single().Body!["attachments"]![0]!["content"]!;
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = Mother.ObjectId;
        Card(await _scenario.ActAsync(Coordinator, "referral.assign", assign, "sent-1"));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        var motherCard = _host.ConnectorCalls().Single(c => c.Method == "POST").Body!["attachments"]![0]!["content"]!;
        var contacted = Card(await _scenario.ActAsync(Mother, "referral.contact", ActionData(motherCard, "referral.contact"), "sent-1"));
        var notes = ActionData(contacted, "referral.notes");
        notes["notes"] = "Vi mødtes på biblioteket; hun vil gerne med i cafégruppen.";
        Card(await _scenario.ActAsync(Mother, "referral.notes", notes, "sent-1"));
        await _scenario.DeliverAsync();
        return (string)assign["referralId"]!;
    }
}
