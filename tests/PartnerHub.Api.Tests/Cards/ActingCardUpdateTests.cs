using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Changes;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Cards;

/// <summary>
/// After a change made on a card, the outbox updates every other card showing the record, never the one acted on: its
/// invoke response already shows the change, and updating it again a second later would wipe what she started typing.
/// The same for referrals, onward referrals and sessions. Bot Connector in WireMock, tables in Azurite.
/// </summary>
public sealed class ActingCardUpdateTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string SocialServices = "familieafdelingen";
    private static readonly Person SecondCoordinator = new("29:coordinator-2", "c0a1b2c3-0000-4000-8000-000000000006", "a:chat-coordinator-2");
    private static readonly Person SocialWorker = new("29:social-worker", "c0a1b2c3-0000-4000-8000-000000000008", "a:chat-social-worker");
    private static readonly Person SocialColleague = new("29:social-colleague", "c0a1b2c3-0000-4000-8000-000000000009", "a:chat-social-colleague");

    private readonly BotHost _host = new()
    {
        // Session cards carry signed .ics links to this address.
        Customize = builder => builder.UseSetting("Graph:PublicBaseUrl", "https://partnerhub.example"),
    };

    private ReferralScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SecondCoordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null, "Lone"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SocialWorker.ObjectId, ProjectId, ProjectRole.PartnerStaff, SocialServices, "Birgit"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SocialColleague.ObjectId, ProjectId, ProjectRole.PartnerStaff, SocialServices, "Inge"), CancellationToken.None);
        foreach (var person in new[] { SecondCoordinator, SocialWorker, SocialColleague })
        {
            using var response = await _host.PostSignedAsync(_host.ActivityFrom("message", person.ConversationId, (person.UserId, person.ObjectId), "hjælp"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        _host.Connector.ResetLogEntries();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_referral_change_updates_the_referrer_and_the_other_coordinator_but_not_the_triage_card_it_was_made_on()
    {
        var triage = await SubmittedTriageCardAsync();

        _host.Connector.ResetLogEntries();
        Card(await _scenario.ActAsync(Coordinator, "referral.accept", ActionData(triage, "referral.accept"), "sent-1"));
        await DeliverAllAsync();

        Assert.Contains(Updates(), c => c.Path == $"/teams/v3/conversations/{Kindergarten.ConversationId}/activities/form-message");
        Assert.Contains(Updates(), c => c.Path == $"/teams/v3/conversations/{SecondCoordinator.ConversationId}/activities/sent-1");
        Assert.Empty(CallsTo(Coordinator));
    }

    [Fact]
    public async Task An_onward_answer_updates_the_colleagues_card_but_not_the_card_it_was_given_on()
    {
        var triage = await SubmittedTriageCardAsync();
        var onward = ActionData(triage, "referral.referOnward");
        onward["organisationId"] = SocialServices;
        onward["onwardNeeds"] = "Work";
        Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", onward, "sent-1"));
        await DeliverAllAsync();
        var onwardCard = LastCardIn(SocialWorker);

        _host.Connector.ResetLogEntries();
        Card(await _scenario.ActAsync(SocialWorker, "onward.accept", ActionData(onwardCard, "onward.accept"), "sent-1"));
        await DeliverAllAsync();

        Assert.Contains(Updates(), c => c.Path == $"/teams/v3/conversations/{SocialColleague.ConversationId}/activities/sent-1");
        Assert.Empty(CallsTo(SocialWorker));
    }

    [Fact]
    public async Task A_session_answer_updates_the_organiser_and_the_other_invitee_but_not_the_card_it_was_given_on()
    {
        var form = await _scenario.SayAsync(Coordinator, "nyt møde");
        var data = ActionData(form, "session.save");
        data["kind"] = "ExperienceExchange";
        data["title"] = "Erfaringsudveksling";
        data["agenda"] = string.Empty;
        data["place"] = string.Empty;
        data["online"] = "false";
        data["date"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        data["startTime"] = "10:00";
        data["endTime"] = "12:00";
        data["invitees"] = $"{Mother.ObjectId},{OtherMother.ObjectId}";
        Card(await _scenario.ActAsync(Coordinator, "session.save", data, "form-message"));
        _host.Connector.ResetLogEntries();
        await DeliverAllAsync();
        var respond = ActionData(LastCardIn(Mother), "session.respond");
        respond["rsvp"] = "Accepted";

        _host.Connector.ResetLogEntries();
        Card(await _scenario.ActAsync(Mother, "session.respond", respond, "sent-1"));
        await DeliverAllAsync();

        Assert.Contains(Updates(), c => c.Path == $"/teams/v3/conversations/{Coordinator.ConversationId}/activities/form-message");
        Assert.Contains(Updates(), c => c.Path == $"/teams/v3/conversations/{OtherMother.ConversationId}/activities/sent-1");
        Assert.Empty(CallsTo(Mother));
    }

    [Fact]
    public async Task Someone_no_longer_in_the_project_gets_her_card_replaced_by_a_neutral_notice_without_the_referrals_details()
    {
        var triage = await SubmittedTriageCardAsync();
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        var second = await directory.FindStoredMemberAsync(ProjectId, SecondCoordinator.ObjectId, CancellationToken.None);
        Assert.Equal(DirectoryWriteOutcome.Saved, await directory.RemoveMemberAsync(BotHost.TenantId, second!, ChangeFingerprint.Of(Coordinator.ObjectId, "member|" + SecondCoordinator.ObjectId, second!.ETag.ToString(), "RemoveMember", SecondCoordinator.ObjectId), [], CancellationToken.None));

        _host.Connector.ResetLogEntries();
        Card(await _scenario.ActAsync(Coordinator, "referral.accept", ActionData(triage, "referral.accept"), "sent-1"));
        await DeliverAllAsync();

        var update = Assert.Single(Updates(), c => c.Path == $"/teams/v3/conversations/{SecondCoordinator.ConversationId}/activities/sent-1");
        var card = update.Body!["attachments"]![0]!["content"]!.AsObject();
        Assert.Equal("Det gik ikke", (string?)card["body"]![0]!["text"]);
        Assert.Equal("Du har ikke længere adgang til det, dette kort viste.", (string?)card["body"]![1]!["text"]);
        Assert.DoesNotContain("Amina", card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_holder_gone_from_storage_unseen_here_keeps_what_the_remembered_people_allow_until_an_update_reads_her_now()
    {
        var triage = await SubmittedTriageCardAsync();
        var referralId = (string)ActionData(triage, "referral.accept")["referralId"]!;
        var shown = (await _host.Services.GetRequiredService<CardLocationStore>().ForAsync(ProjectId, CardKind.Referral, referralId, CancellationToken.None))
            .Where(location => location.ObjectId == SecondCoordinator.ObjectId).ToList();
        Assert.Single(shown);
        // The people as this instance remembers them, then her row deleted by hand: nothing this instance watches moved.
        Assert.Contains(await _host.Services.GetRequiredService<DirectoryStore>().MembersAsync(ProjectId, null, CancellationToken.None), m => m.ObjectId == SecondCoordinator.ObjectId);
        await _host.Tables.Table("partnerhub").DeleteEntityAsync(ProjectId, "member|" + SecondCoordinator.ObjectId);
        var updater = _host.Services.GetRequiredService<CardUpdater>();
        var details = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = "Detaljer" }) };

        _host.Connector.ResetLogEntries();
        await updater.UpdateAllAsync(ProjectId, shown, null, (_, _, _) => Task.FromResult<JsonObject?>(details.DeepClone().AsObject()), HolderCheck.Remembered, "outbox|test", CancellationToken.None);
        var remembered = Assert.Single(Updates()).Body!["attachments"]![0]!["content"]!.AsObject();
        _host.Connector.ResetLogEntries();
        await updater.UpdateAllAsync(ProjectId, shown, null, (_, _, _) => Task.FromResult<JsonObject?>(details.DeepClone().AsObject()), HolderCheck.ReadNow, "outbox|test", CancellationToken.None);
        var readNow = Assert.Single(Updates()).Body!["attachments"]![0]!["content"]!.AsObject();

        // As remembered, she is still in the project (a change made elsewhere is seen within the read cache's bound);
        // read now, she is not, and her card stops showing what it showed.
        Assert.Equal("Detaljer", (string?)remembered["body"]![0]!["text"]);
        Assert.DoesNotContain("Detaljer", readNow.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Du har ikke længere adgang til det, dette kort viste.", (string?)readNow["body"]![1]!["text"]);
    }

    /// <summary>The kindergarten refers from her form message; both coordinators get the triage card.</summary>
    private async Task<JsonObject> SubmittedTriageCardAsync()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        _host.Connector.ResetLogEntries();
        await DeliverAllAsync();
        Assert.Contains(CallsTo(SecondCoordinator), c => c.Method == "POST");
        return LastCardIn(Coordinator);
    }

    /// <summary>Runs the outbox until nothing is left, as the dispatcher's sweeps would.</summary>
    private async Task DeliverAllAsync()
    {
        for (var sweep = 0; sweep < 5 && await _scenario.DeliverAsync() > 0; sweep++)
        {
        }
    }

    private JsonObject LastCardIn(Person person) => CallsTo(person).Last().Body!["attachments"]![0]!["content"]!.AsObject();

    /// <summary>Everything sent to one person's chat (a prefix of the path: one conversation id may begin another).</summary>
    private IEnumerable<(string Method, string Path, string? Authorization, JsonObject? Body)> CallsTo(Person person) =>
        _host.ConnectorCalls().Where(c => c.Path.StartsWith($"/teams/v3/conversations/{person.ConversationId}/", StringComparison.Ordinal));

    private IEnumerable<(string Method, string Path, string? Authorization, JsonObject? Body)> Updates() =>
        _host.ConnectorCalls().Where(c => c.Method == "PUT");
}
