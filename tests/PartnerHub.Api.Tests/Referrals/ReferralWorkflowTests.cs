using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>The closed loop through /api/messages with signed tokens; the Bot Connector is WireMock, the tables Azurite.</summary>
public sealed class ReferralWorkflowTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
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

    public static JsonObject FormData(JsonObject formCard, string firstName = "Amina", string? note = null, string phone = "") => JsonObjects.With(ActionData(formCard, "referral.submit"), new JsonObject
    {
        ["firstName"] = firstName,
        ["languages"] = "ar,da",
        ["area"] = "Bøgeparken",
        ["contactChannel"] = phone.Length > 0 ? "Phone" : "ThroughReferrer",
        ["bestTime"] = "Morning",
        ["phone"] = phone,
        ["needs"] = "Children,Network",
        ["note"] = note ?? "Hun kommer hver morgen med sin søn.",
        ["consentGivenBy"] = "Herself",
        ["consentMethod"] = "Verbal",
        ["consentDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["consentLanguage"] = "ar",
        ["consentConfirmed"] = "true",
    });

    [Fact]
    public async Task Kindergarten_refers_coordinator_assigns_mother_closes_and_the_referrer_sees_the_loop_close()
    {
        // 1. The kindergarten asks for the form and submits it.
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        Assert.Contains("referral.submit", Text(form), StringComparison.Ordinal);
        var status = Card(await _scenario.ActAsync(Kindergarten, "referral.submit", FormData(form, phone: "29 47 11 83"), "form-message"));
        Assert.Contains("Modtaget", Text(status), StringComparison.Ordinal);
        Assert.Contains("Amina", Text(status), StringComparison.Ordinal);

        // 2. The coordinator gets the triage card in her chat.
        _host.Connector.ResetLogEntries();
        Assert.Equal(1, await _scenario.DeliverAsync());
        var toCoordinator = Assert.Single(_host.ConnectorCalls());
        Assert.Equal(("POST", $"/teams/v3/conversations/{Coordinator.ConversationId}/activities"), (toCoordinator.Method, toCoordinator.Path));
        var triage = toCoordinator.Body!["attachments"]![0]!["content"]!;
        // The coordinator assigns; only the mother who will call her sees the number.
        Assert.DoesNotContain("29471183", Text(triage), StringComparison.Ordinal);
        Assert.Contains("Telefon", Text(triage), StringComparison.Ordinal);
        Assert.Contains("Samira – 0 aktive", Text(triage), StringComparison.Ordinal);

        // 3. She assigns Samira: her card answers at once; the mother's card and the referrer's update go through the outbox.
        _host.Connector.ResetLogEntries();
        var assignData = ActionData(triage, "referral.assign");
        assignData["motherId"] = Mother.ObjectId;
        var assigned = Card(await _scenario.ActAsync(Coordinator, "referral.assign", assignData, "sent-1"));
        Assert.Contains("Tildelt en bydelsmor", Text(assigned), StringComparison.Ordinal);
        Assert.Empty(_host.ConnectorCalls());
        Assert.Equal(2, await _scenario.DeliverAsync());
        var calls = _host.ConnectorCalls();
        var toMother = Assert.Single(calls, c => c.Method == "POST");
        Assert.Equal($"/teams/v3/conversations/{Mother.ConversationId}/activities", toMother.Path);
        var motherCard = toMother.Body!["attachments"]![0]!["content"]!;
        Assert.Contains("+4529471183", Text(motherCard), StringComparison.Ordinal);
        var referrerUpdate = Assert.Single(calls, c => c.Method == "PUT" && c.Path.Contains(Kindergarten.ConversationId, StringComparison.Ordinal));
        Assert.Equal($"/teams/v3/conversations/{Kindergarten.ConversationId}/activities/form-message", referrerUpdate.Path);
        Assert.Contains("Tildelt en bydelsmor", Text(referrerUpdate.Body!), StringComparison.Ordinal);
        Assert.Contains("Samira", Text(referrerUpdate.Body!), StringComparison.Ordinal);

        // 4. The mother records contact, writes her notes, and closes with an outcome.
        _host.Connector.ResetLogEntries();
        var contacted = Card(await _scenario.ActAsync(Mother, "referral.contact", ActionData(motherCard, "referral.contact"), "sent-1"));
        Assert.Contains("I kontakt", Text(contacted), StringComparison.Ordinal);
        var notesData = ActionData(contacted, "referral.notes");
        notesData["notes"] = "Vi mødtes på biblioteket; hun vil gerne med i cafégruppen.";
        var noted = Card(await _scenario.ActAsync(Mother, "referral.notes", notesData, "sent-1"));
        var closeData = ActionData(noted, "referral.close");
        closeData["outcome"] = nameof(ReferralOutcome.JoinedActivities);
        var closed = Card(await _scenario.ActAsync(Mother, "referral.close", closeData, "sent-1"));
        Assert.Contains("Afsluttet", Text(closed), StringComparison.Ordinal);
        await _scenario.DeliverAsync();

        // 5. The referrer's card shows Closed, and never the mother's notes or the phone number.
        var lastReferrerUpdate = _host.ConnectorCalls().Last(c => c.Method == "PUT" && c.Path.EndsWith("/form-message", StringComparison.Ordinal));
        var referrerCard = Text(lastReferrerUpdate.Body!);
        Assert.Contains("Afsluttet", referrerCard, StringComparison.Ordinal);
        Assert.DoesNotContain("biblioteket", referrerCard, StringComparison.Ordinal);
        Assert.DoesNotContain("29471183", referrerCard, StringComparison.Ordinal);
        Assert.DoesNotContain("Hun kommer hver morgen", referrerCard, StringComparison.Ordinal);
        // Every card update went to a card the bot knows, with the bot's own token.
        Assert.All(_host.ConnectorCalls(), call => Assert.Equal("Bearer " + BotHost.AppToken, call.Authorization));

        // The coordinator's list shows it closed.
        var list = await _scenario.SayAsync(Coordinator, "mine henvisninger");
        Assert.Contains("Afsluttet", Text(list), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_form_comes_back_with_errors_beside_the_fields_and_nothing_is_stored()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        var data = FormData(form, firstName: "Amina 2", note: "CPR 010190-1234");
        data["consentConfirmed"] = "false";

        var again = Card(await _scenario.ActAsync(Kindergarten, "referral.submit", data));

        var text = Text(again);
        Assert.Contains("referral.submit", text, StringComparison.Ordinal);
        Assert.Contains("Skriv kun fornavn eller initialer", text, StringComparison.Ordinal);
        Assert.Contains("ligner et CPR-nummer", text, StringComparison.Ordinal);
        Assert.Contains("Bekræft, at hun har sagt ja", text, StringComparison.Ordinal);
        // Her answers are kept so she only fixes what was wrong.
        Assert.Contains("Bøgeparken", text, StringComparison.Ordinal);
        Assert.Equal(0, await _scenario.DeliverAsync());
        var (ids, _) = await _host.Services.GetRequiredService<ReferralStore>().PageAsync(ProjectId, ReferralStore.ByTime, 10, null, CancellationToken.None);
        Assert.Empty(ids);
    }

    [Fact]
    public async Task A_retried_submit_creates_one_referral()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        var data = FormData(form);

        var first = Card(await _scenario.ActAsync(Kindergarten, "referral.submit", data));
        var retry = Card(await _scenario.ActAsync(Kindergarten, "referral.submit", data));

        var (ids, _) = await _host.Services.GetRequiredService<ReferralStore>().PageAsync(ProjectId, ReferralStore.ByTime, 10, null, CancellationToken.None);
        Assert.Single(ids);
        Assert.Equal((string?)ActionData(first, "referral.withdraw")["referralId"], (string?)ActionData(retry, "referral.withdraw")["referralId"]);
        Assert.Equal(1, await _scenario.DeliverAsync());
    }

    [Fact]
    public async Task A_retried_transition_is_applied_once_and_a_stale_card_gets_the_current_one()
    {
        var referralId = await SubmitAsync();
        var triage = TriageCard();
        var accept = ActionData(triage, "referral.accept");

        var first = Card(await _scenario.ActAsync(Coordinator, "referral.accept", accept));
        var retry = Card(await _scenario.ActAsync(Coordinator, "referral.accept", accept));
        Assert.Contains("Gemt", Text(first), StringComparison.Ordinal);
        Assert.DoesNotContain("En anden har lige ændret", Text(retry), StringComparison.Ordinal);

        var stored = await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None);
        Assert.Equal(2, stored!.Referral.History.Count);

        // Declining from the old card (same old version) is refused with the current card and a notice.
        var declineData = ActionData(triage, "referral.decline");
        declineData["declineReason"] = nameof(DeclineReason.NoCapacity);
        var stale = Card(await _scenario.ActAsync(Coordinator, "referral.decline", declineData));
        Assert.Contains("En anden har lige ændret", Text(stale), StringComparison.Ordinal);
        Assert.Contains("Accepteret", Text(stale), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nocapacity", DeclineReason.NoCapacity)]
    [InlineData(" OUTSIDEAREA ", DeclineReason.OutsideArea)]
    [InlineData("NotTargetGroup", DeclineReason.NotTargetGroup)]
    public async Task A_card_reads_a_decline_reason_in_any_case_as_REST_does(string reason, DeclineReason expected)
    {
        var referralId = await SubmitAsync();
        var decline = ActionData(TriageCard(), "referral.decline");
        decline["declineReason"] = reason;

        var card = Card(await _scenario.ActAsync(Coordinator, "referral.decline", decline));

        Assert.Contains("Gemt", Text(card), StringComparison.Ordinal);
        var stored = await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None);
        Assert.Equal((ReferralState.Declined, expected), (stored!.Referral.State, stored.Referral.DeclineReason));
    }

    [Theory]
    [InlineData("3")]
    [InlineData("NoCapacity,Other")]
    [InlineData("Nope")]
    [InlineData("")]
    public async Task A_card_refuses_a_decline_reason_that_is_not_one_and_nothing_changes(string reason)
    {
        var referralId = await SubmitAsync();
        var decline = ActionData(TriageCard(), "referral.decline");
        decline["declineReason"] = reason;

        var response = await _scenario.ActAsync(Coordinator, "referral.decline", decline);

        Assert.Equal((400, "application/vnd.microsoft.error"), ((int?)response["statusCode"], (string?)response["type"]));
        var stored = await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None);
        Assert.Equal(ReferralState.Submitted, stored!.Referral.State);
    }

    [Fact]
    public async Task A_list_cards_page_token_works_only_for_the_person_it_was_made_for_and_only_unedited()
    {
        for (var i = 0; i < ReferralCardActions.PageSize + 1; i++)
        {
            var form = await _scenario.SayAsync(Kindergarten, "henvis");
            Card(await _scenario.ActAsync(Kindergarten, "referral.submit", FormData(form, firstName: "Amina"), "form-" + i));
        }

        var next = ActionData(await _scenario.SayAsync(Coordinator, "mine henvisninger"), "referral.list");

        // Hers: the second page.
        Assert.Contains("Side 2", Text(Card(await _scenario.ActAsync(Coordinator, "referral.list", next))), StringComparison.Ordinal);

        // Someone else's: her own first page (the housing association has none), nothing of the coordinator's list.
        var foreign = Text(Card(await _scenario.ActAsync(Housing, "referral.list", next)));
        Assert.Contains("Side 1", foreign, StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", foreign, StringComparison.Ordinal);

        // Edited: the first page again, never a page the token did not lead to.
        var tokens = System.Text.Json.JsonSerializer.Deserialize<List<string>>(Convert.FromBase64String((string)next["pageToken"]!))!;
        var inner = tokens[^1];
        tokens[^1] = inner[..10] + (inner[10] == 'A' ? 'B' : 'A') + inner[11..];
        var edited = next.DeepClone().AsObject();
        edited["pageToken"] = Convert.ToBase64String(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(tokens));
        Assert.Contains("Side 1", Text(Card(await _scenario.ActAsync(Coordinator, "referral.list", edited))), StringComparison.Ordinal);
    }

    [Fact]
    public async Task People_outside_the_referral_get_an_error_card_and_the_attempt_is_audited()
    {
        var referralId = await SubmitAsync();
        var triage = TriageCard();
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = Mother.ObjectId;

        // Another partner, and a mother it is not assigned to, try the coordinator's button.
        var housing = Card(await _scenario.ActAsync(Housing, "referral.assign", assign));
        var otherMother = Card(await _scenario.ActAsync(OtherMother, "referral.open", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId }));

        Assert.Contains("Det gik ikke", Text(housing), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(housing), StringComparison.Ordinal);
        Assert.Contains("Det gik ikke", Text(otherMother), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(otherMother), StringComparison.Ordinal);
        var stored = await _host.Services.GetRequiredService<ReferralStore>().FindAsync(ProjectId, referralId, CancellationToken.None);
        Assert.Equal(ReferralState.Submitted, stored!.Referral.State);

        var audit = await AuditRowsAsync();
        Assert.Contains(audit, row => (string?)row["Actor"] == Housing.ObjectId && (string?)row["Action"] == "Assign" && row["Allowed"] is false);
        Assert.Contains(audit, row => (string?)row["Actor"] == OtherMother.ObjectId && (string?)row["Action"] == "ViewStatus" && row["Allowed"] is false);
    }

    [Fact]
    public async Task Withdrawal_erases_her_personal_data_in_the_same_change_and_keeps_the_anonymous_remainder()
    {
        var referralId = await SubmitAsync();
        var status = await StatusCardAsync(referralId);

        var withdrawn = Card(await _scenario.ActAsync(Kindergarten, "referral.withdraw", ActionData(status, "referral.withdraw")));

        Assert.Contains("Samtykke trukket tilbage", Text(withdrawn), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", Text(withdrawn), StringComparison.Ordinal);
        var row = (await _host.Tables.Table("partnerhub").GetEntityAsync<Azure.Data.Tables.TableEntity>(ProjectId, "referral|" + referralId)).Value;
        foreach (var personal in new[] { "FirstName", "Languages", "Area", "Phone", "Note", "ConsentLanguage", "ConsentDate", "MotherNotes" })
        {
            Assert.False(row.ContainsKey(personal), personal + " should be erased");
        }

        Assert.Equal((int)(NeedCategories.Children | NeedCategories.Network), row.GetInt32("Needs"));
        Assert.Equal(nameof(ReferralState.Withdrawn), row.GetString("State"));
        Assert.NotNull(row.GetDateTimeOffset("ErasedAt"));
    }

    private async Task<string> SubmitAsync()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        var status = Card(await _scenario.ActAsync(Kindergarten, "referral.submit", FormData(form), "form-message"));
        await _scenario.DeliverAsync();
        return (string)ActionData(status, "referral.withdraw")["referralId"]!;
    }

    private JsonObject TriageCard() =>
        _host.ConnectorCalls().Last(c => c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!.AsObject();

    private async Task<JsonObject> StatusCardAsync(string referralId) =>
        Card(await _scenario.ActAsync(Kindergarten, "referral.refresh", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId }));

    private Task<List<Azure.Data.Tables.TableEntity>> AuditRowsAsync() => TableRows.AllAsync(_host.Tables.Table("audit"));
}
