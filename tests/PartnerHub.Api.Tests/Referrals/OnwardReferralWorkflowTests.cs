using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// Onward referral through /api/messages with signed tokens: the coordinator refers a woman on to social services,
/// its staff answer on their card, the coordinator hears back. Bot Connector in WireMock, tables in Azurite.
/// </summary>
public sealed class OnwardReferralWorkflowTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string SocialServices = "familieafdelingen";

    // Two staff members of the social services partner the scenario seeds, so the fan-out to "every staff member" shows.
    private static readonly Person SocialWorker = new("29:social-worker", "aad-social-worker", "a:chat-social-worker");
    private static readonly Person SocialColleague = new("29:social-colleague", "aad-social-colleague", "a:chat-social-colleague");

    private readonly BotHost _host = new();
    private ReferralScenario _scenario = null!;
    private JsonObject? _triage;

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SocialWorker.ObjectId, ProjectId, ProjectRole.PartnerStaff, SocialServices, "Lone"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SocialColleague.ObjectId, ProjectId, ProjectRole.PartnerStaff, SocialServices, "Birgit"), CancellationToken.None);
        foreach (var person in new[] { SocialWorker, SocialColleague })
        {
            using var response = await _host.PostSignedAsync(_host.ActivityFrom("message", person.ConversationId, (person.UserId, person.ObjectId), "hjælp"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        _host.Connector.ResetLogEntries();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Coordinator_refers_on_social_services_accept_and_the_coordinator_hears_back()
    {
        var (referralId, triage) = await TriageWithMotherNotesAsync();

        // 1. The coordinator refers her on from the triage card: her card answers at once, the service's cards go through the outbox.
        _host.Connector.ResetLogEntries();
        var answer = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(triage, SocialServices, "Work,Health")));
        Assert.Contains("Gemt", Text(answer), StringComparison.Ordinal);
        Assert.Contains("referral.referOnward", Text(answer), StringComparison.Ordinal);
        Assert.Empty(_host.ConnectorCalls());

        // 2. Every staff member of social services gets the onward card in her personal chat, and nobody else gets anything.
        Assert.Equal(1, await _scenario.DeliverAsync());
        var calls = _host.ConnectorCalls();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call => Assert.Equal("POST", call.Method));
        Assert.Equal(
            new[] { $"/teams/v3/conversations/{SocialColleague.ConversationId}/activities", $"/teams/v3/conversations/{SocialWorker.ConversationId}/activities" },
            calls.Select(c => c.Path).Order(StringComparer.Ordinal));
        var onwardCard = calls.Single(c => c.Path.Contains(SocialWorker.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var text = Text(onwardCard);
        Assert.Contains("Henvisning fra Bydelsmødrene", text, StringComparison.Ordinal);
        Assert.Contains("Amina", text, StringComparison.Ordinal);
        Assert.Contains("Telefon, bedst om formiddagen", text, StringComparison.Ordinal);
        Assert.Contains("+4529471183", text, StringComparison.Ordinal);
        Assert.Contains("Sundhed, Uddannelse og arbejde", text, StringComparison.Ordinal);
        Assert.Contains("Venter på jeres svar", text, StringComparison.Ordinal);
        // Never the mother's notes, the referrer's note, her area or the consent details.
        Assert.DoesNotContain("biblioteket", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hun kommer hver morgen", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Bøgeparken", text, StringComparison.Ordinal);
        Assert.DoesNotContain("mundtligt", text, StringComparison.OrdinalIgnoreCase);
        var accept = ActionData(onwardCard, "onward.accept");
        var onwardId = (string)accept["onwardId"]!;
        Assert.Equal(ProjectId, (string?)accept["projectId"]);

        // 3. The social worker accepts: her card says thank you and shows the answer without buttons.
        _host.Connector.ResetLogEntries();
        var accepted = Card(await _scenario.ActAsync(SocialWorker, "onward.accept", accept, "sent-1"));
        Assert.Contains("Tak for svaret", Text(accepted), StringComparison.Ordinal);
        Assert.Contains("Taget imod", Text(accepted), StringComparison.Ordinal);
        Assert.False(HasAction(accepted, "onward.accept"));
        Assert.Empty(_host.ConnectorCalls());

        // 4. The coordinator gets the status card; her colleague's onward card and the triage card are updated in place
        //    (the card the social worker answered on already shows the answer: the outbox leaves it alone).
        Assert.Equal(3, await _scenario.DeliverAsync());
        calls = _host.ConnectorCalls();
        var status = Assert.Single(calls, c => c.Method == "POST");
        Assert.Equal($"/teams/v3/conversations/{Coordinator.ConversationId}/activities", status.Path);
        var statusText = Text(status.Body!["attachments"]![0]!["content"]!);
        Assert.Contains("Svar på videre henvisning", statusText, StringComparison.Ordinal);
        Assert.Contains(ReferralIds.Reference(referralId), statusText, StringComparison.Ordinal);
        Assert.Contains("Familieafdelingen", statusText, StringComparison.Ordinal);
        Assert.Contains("Taget imod", statusText, StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", statusText, StringComparison.Ordinal);
        var update = Assert.Single(calls, c => c.Method == "PUT" && c.Path == $"/teams/v3/conversations/{SocialColleague.ConversationId}/activities/sent-1");
        Assert.Contains("Taget imod", Text(update.Body!), StringComparison.Ordinal);
        Assert.False(HasAction(update.Body!, "onward.accept"));
        Assert.DoesNotContain(calls, c => c.Path.Contains(SocialWorker.ConversationId, StringComparison.Ordinal));

        Assert.Contains(calls, c => c.Method == "PUT" && c.Path.StartsWith($"/teams/v3/conversations/{Coordinator.ConversationId}/activities/", StringComparison.Ordinal));
        Assert.All(calls, call => Assert.Equal("Bearer " + BotHost.AppToken, call.Authorization));

        var stored = await _host.Services.GetRequiredService<OnwardStore>().FindAsync(ProjectId, onwardId, CancellationToken.None);
        Assert.Equal(OnwardState.Accepted, stored!.Onward.State);
        Assert.Equal(SocialWorker.ObjectId, stored.Onward.AnsweredByObjectId);
        Assert.Equal(NeedCategories.Work | NeedCategories.Health, stored.Onward.Needs);
        var audit = await AuditRowsAsync();
        Assert.Contains(audit, row => (string?)row["Actor"] == Coordinator.ObjectId && (string?)row["Action"] == "Create" && (string?)row["RecordType"] == "onward" && row["Allowed"] is true);
        Assert.Contains(audit, row => (string?)row["Actor"] == SocialWorker.ObjectId && (string?)row["Action"] == "Answer" && (string?)row["RecordId"] == onwardId && row["Allowed"] is true);
    }

    [Fact]
    public async Task The_status_card_reaches_the_coordinator_in_the_language_she_chose()
    {
        // She pressed "Show in English": the answer reaches her in English, as every other card she gets.
        await _scenario.ChooseLanguageAsync(Coordinator, Languages.English);

        var accept = await OnwardCardActionAsync("onward.accept");
        _host.Connector.ResetLogEntries();

        await _scenario.ActAsync(SocialWorker, "onward.accept", accept, "sent-1");
        await _scenario.DeliverAsync();

        var status = Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST" && c.Path == $"/teams/v3/conversations/{Coordinator.ConversationId}/activities");
        var text = Text(status.Body!["attachments"]![0]!["content"]!);
        Assert.Contains("Answer to an onward referral", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Svar på videre henvisning", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawal_of_consent_also_clears_her_details_from_the_services_onward_cards()
    {
        var (referralId, triage) = await TriageWithMotherNotesAsync();
        await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(triage, SocialServices, "Work"));
        await _scenario.DeliverAsync();
        var mothersCard = Card(await _scenario.ActAsync(Mother, "referral.refresh", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId }));
        _host.Connector.ResetLogEntries();

        var withdrawn = Card(await _scenario.ActAsync(Mother, "referral.withdraw", ActionData(mothersCard, "referral.withdraw")));
        Assert.Contains("Samtykke trukket tilbage", Text(withdrawn), StringComparison.Ordinal);
        await _scenario.DeliverAsync();

        foreach (var staff in new[] { SocialWorker, SocialColleague })
        {
            var update = Assert.Single(_host.ConnectorCalls(), c => c.Method == "PUT" && c.Path.Contains(staff.ConversationId, StringComparison.Ordinal));
            Assert.DoesNotContain("Amina", Text(update.Body!), StringComparison.Ordinal);
            Assert.DoesNotContain("29471183", Text(update.Body!), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Only_the_first_answer_counts_and_a_retried_answer_is_applied_once()
    {
        var accept = await OnwardCardActionAsync("onward.accept");

        var first = Card(await _scenario.ActAsync(SocialWorker, "onward.accept", accept, "sent-1"));
        var retry = Card(await _scenario.ActAsync(SocialWorker, "onward.accept", accept, "sent-1"));
        var colleague = Card(await _scenario.ActAsync(SocialColleague, "onward.decline", accept, "sent-1"));

        Assert.Contains("Tak for svaret", Text(first), StringComparison.Ordinal);
        // Her own retried click is not someone else's answer.
        Assert.Contains("Tak for svaret", Text(retry), StringComparison.Ordinal);
        Assert.Contains("allerede besvaret", Text(colleague), StringComparison.Ordinal);
        Assert.Contains("Taget imod", Text(colleague), StringComparison.Ordinal);
        Assert.False(HasAction(colleague, "onward.decline"));
        var stored = await _host.Services.GetRequiredService<OnwardStore>().FindAsync(ProjectId, (string)accept["onwardId"]!, CancellationToken.None);
        Assert.Equal(OnwardState.Accepted, stored!.Onward.State);
        Assert.Equal(SocialWorker.ObjectId, stored.Onward.AnsweredByObjectId);
        // One answer, one set of notifications: status card, onward card update, referral card update.
        Assert.Equal(3, await _scenario.DeliverAsync());
        Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST");
    }

    [Fact]
    public async Task Another_organisations_staff_cannot_answer_or_see_it_and_the_attempt_is_audited()
    {
        var accept = await OnwardCardActionAsync("onward.accept");
        var onwardId = (string)accept["onwardId"]!;

        var housing = Card(await _scenario.ActAsync(Housing, "onward.accept", accept));
        var kindergarten = Card(await _scenario.ActAsync(Kindergarten, "referral.refresh", new JsonObject
        {
            ["projectId"] = ProjectId,
            ["referralId"] = (string)ActionData(await TriageAsync(), "referral.referOnward")["referralId"]!,
            ["onwardId"] = onwardId,
        }));

        Assert.Contains("Det gik ikke", Text(housing), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(housing), StringComparison.Ordinal);
        Assert.Contains("Det gik ikke", Text(kindergarten), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(kindergarten), StringComparison.Ordinal);
        var stored = await _host.Services.GetRequiredService<OnwardStore>().FindAsync(ProjectId, onwardId, CancellationToken.None);
        Assert.Equal(OnwardState.Sent, stored!.Onward.State);
        Assert.Equal(0, await _scenario.DeliverAsync());
        var audit = await AuditRowsAsync();
        Assert.Contains(audit, row => (string?)row["Actor"] == Housing.ObjectId && (string?)row["Action"] == "Answer" && (string?)row["RecordId"] == onwardId && row["Allowed"] is false);
        Assert.Contains(audit, row => (string?)row["Actor"] == Kindergarten.ObjectId && (string?)row["Action"] == "View" && (string?)row["RecordId"] == onwardId && row["Allowed"] is false);
    }

    [Fact]
    public async Task The_onward_cards_refresh_shows_the_staff_the_onward_card_not_the_referral()
    {
        var accept = await OnwardCardActionAsync("onward.accept");
        var referralId = (string)ActionData(await TriageAsync(), "referral.referOnward")["referralId"]!;

        var refreshed = Card(await _scenario.ActAsync(SocialColleague, "referral.refresh", new JsonObject
        {
            ["projectId"] = ProjectId,
            ["referralId"] = referralId,
            ["onwardId"] = (string)accept["onwardId"]!,
        }));

        Assert.Contains("Henvisning fra Bydelsmødrene", Text(refreshed), StringComparison.Ordinal);
        Assert.Contains("Amina", Text(refreshed), StringComparison.Ordinal);
        Assert.True(HasAction(refreshed, "onward.accept"));
        // The refresh carries the onward id, so Teams keeps asking for the onward card.
        Assert.Equal((string?)accept["onwardId"], (string?)refreshed["refresh"]?["action"]?["data"]?["onwardId"]);
    }

    [Theory]
    [InlineData("solsikken", "Work", "Vælg, hvem hun skal henvises videre til.")]
    [InlineData("no-such-service", "Work", "Vælg, hvem hun skal henvises videre til.")]
    [InlineData(SocialServices, "", "Vælg mindst ét emne.")]
    [InlineData(SocialServices, "Work,Cooking", "Vælg mindst ét emne.")]
    public async Task Invalid_choices_come_back_on_the_triage_card_with_a_notice_and_nothing_is_sent(string organisationId, string needs, string notice)
    {
        var triage = await TriageAsync();
        _host.Connector.ResetLogEntries();

        var again = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(triage, organisationId, needs)));

        Assert.Contains(notice, Text(again), StringComparison.Ordinal);
        Assert.Contains("referral.referOnward", Text(again), StringComparison.Ordinal);
        Assert.Contains("Amina", Text(again), StringComparison.Ordinal);
        Assert.Equal(0, await _scenario.DeliverAsync());
        Assert.Empty(_host.ConnectorCalls());
        var onwards = _host.Services.GetRequiredService<OnwardStore>();
        Assert.Empty(await onwards.ToOrganisationAsync(ProjectId, SocialServices, CancellationToken.None));
        Assert.Empty(await onwards.ToOrganisationAsync(ProjectId, "solsikken", CancellationToken.None));
    }

    [Fact]
    public async Task A_retried_refer_onward_creates_one_onward_referral()
    {
        var triage = await TriageAsync();
        var data = ReferOnward(triage, SocialServices, "Children");

        var first = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", data));
        var retry = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", data));

        Assert.Contains("Gemt", Text(first), StringComparison.Ordinal);
        Assert.DoesNotContain("forældet", Text(retry), StringComparison.Ordinal);
        var sent = await _host.Services.GetRequiredService<OnwardStore>().ToOrganisationAsync(ProjectId, SocialServices, CancellationToken.None);
        Assert.Equal(OnwardState.Sent, Assert.Single(sent).State);
        var referralId = (string)data["referralId"]!;
        Assert.Equal(sent, await _host.Services.GetRequiredService<OnwardStore>().ForReferralAsync(ProjectId, referralId, CancellationToken.None));
        _host.Connector.ResetLogEntries();
        Assert.Equal(1, await _scenario.DeliverAsync());
        Assert.Equal(2, _host.ConnectorCalls().Count(c => c.Method == "POST"));
    }

    [Fact]
    public async Task Referring_on_from_a_stale_triage_card_is_a_lost_race_answered_with_the_current_card_and_sends_nothing()
    {
        var triage = await TriageAsync();
        Card(await _scenario.ActAsync(Coordinator, "referral.accept", ActionData(triage, "referral.accept")));

        var stale = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(triage, SocialServices, "Work")));

        // The notice every change gives on a lost race, not "the card was out of date".
        Assert.Contains("En anden har lige ændret henvisningen", Text(stale), StringComparison.Ordinal);
        Assert.DoesNotContain("forældet", Text(stale), StringComparison.Ordinal);
        Assert.Contains("Accepteret", Text(stale), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<OnwardStore>().ToOrganisationAsync(ProjectId, SocialServices, CancellationToken.None));

        // From the current card it goes through.
        var sent = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(stale, SocialServices, "Work")));
        Assert.Contains("Gemt", Text(sent), StringComparison.Ordinal);
        Assert.Single(await _host.Services.GetRequiredService<OnwardStore>().ToOrganisationAsync(ProjectId, SocialServices, CancellationToken.None));
    }

    [Fact]
    public async Task A_lost_race_on_the_triage_card_says_so_in_English_for_an_English_reader()
    {
        var triage = await TriageAsync();
        Card(await _scenario.ActAsync(Coordinator, "referral.accept", ActionData(triage, "referral.accept")));
        await _scenario.ChooseLanguageAsync(Coordinator, Languages.English);

        var stale = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(triage, SocialServices, "Work")));

        Assert.Contains("Someone else just changed the referral", Text(stale), StringComparison.Ordinal);
        Assert.DoesNotContain("out of date", Text(stale), StringComparison.Ordinal);
        Assert.Contains("Accepted", Text(stale), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<OnwardStore>().ToOrganisationAsync(ProjectId, SocialServices, CancellationToken.None));
    }

    [Fact]
    public async Task Only_the_coordinator_may_refer_on()
    {
        var triage = await TriageAsync();

        var kindergarten = Card(await _scenario.ActAsync(Kindergarten, "referral.referOnward", ReferOnward(triage, SocialServices, "Work")));

        Assert.Contains("Det gik ikke", Text(kindergarten), StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<OnwardStore>().ToOrganisationAsync(ProjectId, SocialServices, CancellationToken.None));
        var audit = await AuditRowsAsync();
        Assert.Contains(audit, row => (string?)row["Actor"] == Kindergarten.ObjectId && (string?)row["Action"] == "ReferOnward" && row["Allowed"] is false);
    }

    [Fact]
    public async Task The_triage_card_lists_each_onward_referral_and_shows_the_answer_in_place()
    {
        var triage = await TriageAsync();
        Assert.Null(OnwardSection(triage, "Henvist videre"));

        // Her answer card at once: the service, "sent" and when (in Copenhagen time, in the card's language).
        var referred = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(triage, SocialServices, "Work")));
        var sent = Assert.Single(OnwardSection(referred, "Henvist videre")!);
        Assert.Equal("Familieafdelingen", sent.Title);
        Assert.Matches(@"^Sendt [a-zø]+dag \d{1,2}\. [a-z]+ \d{4} kl\. \d\d\.\d\d – venter på svar$", sent.Value);

        // Social services decline; the outbox updates her triage card in place, now with the answer and its time.
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        var onwardCard = _host.ConnectorCalls().Single(c => c.Path.Contains(SocialWorker.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var decline = ActionData(onwardCard, "onward.decline");
        _host.Connector.ResetLogEntries();
        await _scenario.ActAsync(SocialWorker, "onward.decline", decline, "sent-1");
        await _scenario.DeliverAsync();

        var update = _host.ConnectorCalls().Last(c => c.Method == "PUT" && c.Path.StartsWith($"/teams/v3/conversations/{Coordinator.ConversationId}/activities/", StringComparison.Ordinal));
        var updatedCard = update.Body!["attachments"]![0]!["content"]!;
        var answered = Assert.Single(OnwardSection(updatedCard, "Henvist videre")!);
        var stored = await _host.Services.GetRequiredService<OnwardStore>().FindAsync(ProjectId, (string)decline["onwardId"]!, CancellationToken.None);
        Assert.Equal("Familieafdelingen", answered.Title);
        Assert.Equal("Ikke taget imod " + CopenhagenDates.DateAndTime(stored!.Onward.AnsweredAt!.Value, Languages.Danish), answered.Value);

        // A second service is listed after the first, still waiting.
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertOrganisationAsync(
            new Organisation("jobcentret", ProjectId, OrganisationKind.JobCentre, "Jobcenter Odense", true), CancellationToken.None);
        var again = Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(Card(await RefreshAsync(Coordinator, (string)ActionData(triage, "referral.referOnward")["referralId"]!)), "jobcentret", "Work")));
        Assert.Equal(["Familieafdelingen", "Jobcenter Odense"], OnwardSection(again, "Henvist videre")!.Select(f => f.Title));
        Assert.StartsWith("Sendt ", OnwardSection(again, "Henvist videre")![1].Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_triage_cards_onward_section_is_in_English_for_an_English_reader_and_names_no_one()
    {
        var accept = await OnwardCardActionAsync("onward.accept");
        await _scenario.ActAsync(SocialWorker, "onward.accept", accept, "sent-1");
        var referralId = (string)ActionData(await TriageAsync(), "referral.referOnward")["referralId"]!;

        await _scenario.ChooseLanguageAsync(Coordinator, Languages.English);
        var english = Card(await _scenario.ActAsync(Coordinator, "referral.refresh", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId, ["language"] = "da" }));

        var fact = Assert.Single(OnwardSection(english, "Referred on")!);
        Assert.Equal("Familieafdelingen", fact.Title);
        Assert.Matches(@"^Accepted [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d$", fact.Value);
        Assert.DoesNotContain("Henvist videre", Text(english), StringComparison.Ordinal);
        // The section carries the service and its answer only: not who answered, nor anything about her.
        foreach (var hidden in new[] { "Amina", "29471183", "Lone", SocialWorker.ObjectId })
        {
            Assert.DoesNotContain(hidden, fact.Title + fact.Value, StringComparison.Ordinal);
        }

        // The referrer's status card does not learn where she was referred on.
        var status = Card(await RefreshAsync(Kindergarten, referralId));
        Assert.DoesNotContain("Familieafdelingen", Text(status), StringComparison.Ordinal);
        Assert.DoesNotContain("Henvist videre", Text(status), StringComparison.Ordinal);
    }

    /// <summary>The facts of the triage card's onward section (title, value), or null when the card has none.</summary>
    private static List<(string Title, string Value)>? OnwardSection(JsonNode card, string heading)
    {
        var section = Walk(card).OfType<JsonObject>()
            .FirstOrDefault(o => (string?)o["type"] == "Container" && (string?)o["items"]?[0]?["text"] == heading);
        return section?["items"]![1]!["facts"]!.AsArray().Select(f => ((string)f!["title"]!, (string)f["value"]!)).ToList();
    }

    private Task<JsonObject> RefreshAsync(Person person, string referralId) =>
        _scenario.ActAsync(person, "referral.refresh", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId });

    private static JsonObject ReferOnward(JsonNode triage, string organisationId, string needs)
    {
        var data = ActionData(triage, "referral.referOnward");
        data["organisationId"] = organisationId;
        data["onwardNeeds"] = needs;
        return data;
    }

    /// <summary>A referral from the kindergarten (with a phone number and a note), as the coordinator's triage card.</summary>
    private async Task<JsonObject> TriageAsync()
    {
        if (_triage is not null)
        {
            return _triage;
        }

        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form, phone: "29 47 11 83"), "form-message"));
        await _scenario.DeliverAsync();
        _triage = _host.ConnectorCalls().Last(c => c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!.AsObject();
        return _triage;
    }

    /// <summary>The referral assigned to Samira, who has written notes; the coordinator's current triage card.</summary>
    private async Task<(string ReferralId, JsonObject Triage)> TriageWithMotherNotesAsync()
    {
        var triage = await TriageAsync();
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = Mother.ObjectId;
        Card(await _scenario.ActAsync(Coordinator, "referral.assign", assign));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
        var motherCard = _host.ConnectorCalls().Single(c => c.Method == "POST").Body!["attachments"]![0]!["content"]!;
        var notes = ActionData(motherCard, "referral.notes");
        notes["notes"] = "Vi mødtes på biblioteket; hun vil gerne med i cafégruppen.";
        Card(await _scenario.ActAsync(Mother, "referral.notes", notes));
        await _scenario.DeliverAsync();

        var referralId = (string)assign["referralId"]!;
        var stored = await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None);
        Assert.Contains("biblioteket", stored!.Referral.MotherNotes, StringComparison.Ordinal);
        var current = Card(await _scenario.ActAsync(Coordinator, "referral.refresh", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId }));
        return (referralId, current);
    }

    /// <summary>Refers the woman on to social services and delivers the onward cards; returns the data of one of its buttons.</summary>
    private async Task<JsonObject> OnwardCardActionAsync(string verb)
    {
        var triage = await TriageAsync();
        Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", ReferOnward(triage, SocialServices, "Work")));
        _host.Connector.ResetLogEntries();
        Assert.Equal(1, await _scenario.DeliverAsync());
        var card = _host.ConnectorCalls().Single(c => c.Path.Contains(SocialWorker.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        _host.Connector.ResetLogEntries();
        return ActionData(card, verb);
    }

    private Task<List<Azure.Data.Tables.TableEntity>> AuditRowsAsync() => TableRows.AllAsync(_host.Tables.Table("audit"));
}
