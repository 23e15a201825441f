using System.Globalization;
using System.Text.Json.Nodes;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Api.Tests.Infrastructure;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// The storage round trips one card action costs, counted by <see cref="PartnerHub.Api.Storage.StorageRequestCounter"/> through the
/// real host (signed tokens, Azurite): the exact list per action is behaviour, so a new call on the request path is a
/// decision someone makes on purpose. Read actions take at most three, changes at most four (issue 15's targets).
/// </summary>
public sealed class CardActionRoundTripTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly BotHost _host = new()
    {
        // Session cards carry signed .ics links to this address.
        // Remembered reads last 10 minutes here: a slow machine must not turn the steady state into a cold one.
        Customize = builder => builder.UseSetting("Graph:PublicBaseUrl", "https://partnerhub.example").UseSetting("ReadCache:Seconds", "600"),
    };

    private StorageCalls _storage = null!;
    private ReferralScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _host.Server.PreserveExecutionContext = true;
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        _storage = new StorageCalls(_host.TablePrefix);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _storage?.Dispose();
        _host.Dispose();
    }

    [Fact]
    public async Task Each_card_action_makes_a_known_short_list_of_storage_calls()
    {
        // Warm: the first submit creates the nudge queue and reads the project's people; later ones are the steady state.
        await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(await _scenario.SayAsync(Kindergarten, "henvis")), "form-0");
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        var submitted = await CountAsync(() => _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        await DeliverAllAsync();
        var triage = LastCardIn(Coordinator);

        // Teams' automatic refresh of her card: the data the card's refresh action carries.
        var accept = ActionData(triage, "referral.accept");
        var refresh = new JsonObject { ["projectId"] = ProjectId, ["referralId"] = (string?)accept["referralId"] };
        await _scenario.ActAsync(Coordinator, "referral.refresh", refresh, "sent-1");
        var refreshed = await CountAsync(() => _scenario.ActAsync(Coordinator, "referral.refresh", refresh, "sent-1"));
        var accepted = await CountAsync(() => _scenario.ActAsync(Coordinator, "referral.accept", accept, "sent-1"));
        var respond = await InvitationAnswerAsync();
        var answered = await CountAsync(() => _scenario.ActAsync(Mother, "session.respond", respond, "sent-1"));
        var updated = await CountCardUpdateAsync((string)respond["sessionId"]!);

        // Who she is, her language, her project, its people and a card's refresh audience are remembered (ReadCache), so
        // none of these reads them unless the action itself changed them.
        Assert.Equal(
            [
                // The referrer's organisation kind comes from the remembered organisations; this month's report counter row
                // (whose ETag the transaction is conditional on) from this instance's own last write of it (KnownRows).
                "$batch batch", // referral, its indexes, the rows beside it, idempotency row, the coordinators' outbox rows, her card's location, the counter
                "outbox send", // one nudge naming every outbox row of the transaction
                "audit insert", // who created which referral
                // Her new card's refresh audience is known without reading: a new referral's only card is hers.
            ],
            submitted);
        Assert.Equal(
            [
                // The referral by its keys; who has a card of it and that it has no onward referrals are remembered with
                // its ETag (ReferralBesideCache: known from the submit, her card sent by this instance's outbox).
                ReferralByKeys,
                "audit insert", // who read it
            ],
            refreshed);
        Assert.Equal(
            [
                ReferralByKeys, // the referral, with the ETag the change is conditional on; what is beside it as remembered with that ETag
                "$batch batch", // referral, indexes, idempotency row, update-cards outbox row, the acting card (and its row beside the referral), the counter (as last written here)
                "outbox send", // the nudge
                "audit insert", // who changed it
                // The refresh audience and that it has no onward referrals came with the referral; the mothers' open load
                // is remembered with this change applied (CachedReads.Take/Restore), not read again.
            ],
            accepted);
        Assert.Equal(
            [
                "partnerhub point-read", // the session, with its ETag
                "$batch batch", // the answer, idempotency row, outbox rows (Outlook answer, card updates), the acting card
                "outbox send", // the nudge
                "audit insert", // who answered
                // The session card's refresh audience was remembered as the cards went out, and she is in it.
            ],
            answered);
        Assert.Equal(
            [
                "partnerhub point-read", // the session
                SessionHoldersByKeys, // every card of it: its holders row by its keys (was a prefix query over card|session|{id}|)
                // The organiser and the other mother, as they are now, from the project's remembered people (was each one's
                // member row by its keys); both cards updated in place (Connector calls), in their language as remembered.
            ],
            updated);
        Assert.DoesNotContain("partnerhub query", updated);
        Assert.Equal(2, _host.ConnectorCalls().Count(c => c.Method == "PUT"));
    }

    [Fact]
    public async Task An_older_session_without_its_holders_row_still_gets_every_card_updated()
    {
        var respond = await InvitationAnswerAsync();
        var sessionId = (string)respond["sessionId"]!;
        // Made before the holders row was kept: none. Her answer's card then merges one, which lacks "Complete".
        await _host.Tables.Table("partnerhub").DeleteEntityAsync(ProjectId, SessionStore.HoldersRowKey(sessionId));
        await _scenario.ActAsync(Mother, "session.respond", respond, "sent-1");

        var updated = await CountCardUpdateAsync(sessionId);

        Assert.Equal(
            [
                "partnerhub point-read", // the session
                SessionHoldersByKeys, // its holders row: not complete, so not trusted ...
                "partnerhub query", // ... and its cards are read the old way, by the prefix range
            ],
            updated);
        // The organiser's card and the other mother's, all but the one she answered on.
        var updates = _host.ConnectorCalls().Where(c => c.Method == "PUT").Select(c => c.Path).ToList();
        Assert.Equal(2, updates.Count);
        Assert.Contains(updates, path => path.Contains(Coordinator.ConversationId, StringComparison.Ordinal));
        Assert.Contains(updates, path => path.Contains(OtherMother.ConversationId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_coordinators_new_card_is_sent_with_keyed_calls_only()
    {
        // Warm: the first submit and its delivery read the project's people and her conversation.
        await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(await _scenario.SayAsync(Kindergarten, "henvis")), "form-0");
        await DeliverAllAsync();
        await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(await _scenario.SayAsync(Kindergarten, "henvis")), "form-message");

        var sent = await OutboxDeliveryCalls.CountAsync(_host, _storage, ProjectId, ReferralNotifications.SendCardKind, Coordinator.ObjectId);

        // Whether it was referred on comes with the referral (what is beside it, remembered by the submit): rendering her
        // triage card used to query the referral's onward rows, a range Azurite answers by filtering the whole table.
        Assert.Equal(
            [
                "partnerhub point-read", // the referral, what is beside it as remembered with its ETag
                "partnerhub point-read", // the coordinator, as she is now (her member row)
                // Whether this row's card was sent already is not looked up: no handler ran for the row before (Tried).
                "conversations point-read", // her personal chat
                "partnerhub replace-or-upsert", // the card was sent: a retry of the row does not send it again
                "$batch batch", // where it landed, with the referral's holders row
            ],
            sent);
    }

    [Fact]
    public async Task The_referrers_refresh_reads_the_referral_and_writes_its_audit_row_and_nothing_else()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message");
        await DeliverAllAsync();
        var referralId = (string?)ActionData(LastCardIn(Coordinator), "referral.accept")["referralId"];
        var refresh = new JsonObject { ["projectId"] = ProjectId, ["referralId"] = referralId };
        await _scenario.ActAsync(Kindergarten, "referral.refresh", refresh, "form-message");

        var again = await CountAsync(() => _scenario.ActAsync(Kindergarten, "referral.refresh", refresh, "form-message"));

        Assert.Equal(
            [
                ReferralByKeys, // the referral; who has a card of it as remembered with its ETag from the read before
                "audit insert", // who read it
            ],
            again);
    }

    [Fact]
    public async Task An_instance_that_never_read_a_referral_accepts_it_by_point_reads_and_sees_what_the_other_wrote()
    {
        var (first, second, third) = await ThreeTriageCardsAsync();
        var thirdId = (string)ActionData(third, "referral.accept")["referralId"]!;
        // The third as a referral created before rows were kept beside it: no "kept" row, no holders row.
        await _host.Tables.Table("partnerhub").DeleteEntityAsync(ProjectId, "referral|" + thirdId + "|kept");
        await _host.Tables.Table("partnerhub").DeleteEntityAsync(ProjectId, "referral|" + thirdId + "|holders");

        // A second instance on the same tables: nothing it remembers says who has a card of these referrals or what
        // became of them. Its first accept warms who she is, her language, the project, its people and the counter row.
        using var other = SecondInstance();
        var there = new ReferralScenario(other);
        Assert.Contains("Gemt", Text(Card(await there.ActAsync(Coordinator, "referral.accept", ActionData(first, "referral.accept"), "sent-1"))), StringComparison.Ordinal);

        var answer = new JsonObject();
        var accepted = await CountAsync(async () => answer = await there.ActAsync(Coordinator, "referral.accept", ActionData(second, "referral.accept"), "sent-1"));

        Assert.Equal(
            [
                ReferralByKeys, // the referral, with the ETag the change is conditional on
                HoldersByKeys, // beside it: who has a card of it and that it has no onward referrals
                "$batch batch", // the change, the acting card (and its rows beside the referral), the counter
                "outbox send", // the nudge
                "audit insert", // who changed it
            ],
            accepted);
        // Her answer's refresh audience came from storage: the referrer's card (the first instance's submit) and hers
        // (its outbox send), though this instance recorded neither.
        Assert.Equal([Coordinator.UserId, Kindergarten.UserId], RefreshUserIds(Card(answer)).Order(StringComparer.Ordinal));

        // An onward referral made on the first instance shows on the next card an instance answers that reads the
        // referral cold: the holders row, merged with the onward referral, says there is one ("Sendt … – venter på svar"
        // is its line). The second remembers its own accept, so it may answer without the line within ReadCache:Seconds.
        const string OnwardLine = "venter på svar";
        Assert.DoesNotContain(OnwardLine, Text(Card(answer)), StringComparison.Ordinal);
        var onward = ActionData(Card(answer), "referral.referOnward");
        onward["organisationId"] = "familieafdelingen";
        onward["onwardNeeds"] = "Work";
        Assert.Contains(OnwardLine, Text(Card(await _scenario.ActAsync(Coordinator, "referral.referOnward", onward, "sent-1"))), StringComparison.Ordinal);
        var refresh = new JsonObject { ["projectId"] = ProjectId, ["referralId"] = onward["referralId"]?.DeepClone() };
        using (var fresh = SecondInstance())
        {
            Assert.Contains(OnwardLine, Text(Card(await new ReferralScenario(fresh).ActAsync(Coordinator, "referral.refresh", refresh, "sent-1"))), StringComparison.Ordinal);
        }

        // The older referral is read the old way, and its card is as complete.
        var refreshed = await CountAsync(async () => answer = await there.ActAsync(Coordinator, "referral.refresh", new JsonObject { ["projectId"] = ProjectId, ["referralId"] = thirdId }, "sent-1"));
        Assert.Equal(
            [
                ReferralByKeys, // the referral
                HoldersByKeys, // no holders row beside it
                ReferralWithBeside, // so the old way: the prefix range, and what is beside it is not trusted without the "kept" row
                "audit insert", // who read it
                HoldersByKeys, // who has a card of it: no holders row ...
                "partnerhub query", // ... so read apart
                "partnerhub query", // its onward referrals, read apart
            ],
            refreshed);
        Assert.Equal([Coordinator.UserId, Kindergarten.UserId], RefreshUserIds(Card(answer)).Order(StringComparer.Ordinal));
    }

    // A session's holders row by its keys (SessionStore.HoldersRowKey): every card of it.
    private const string SessionHoldersByKeys = "partnerhub point-read";

    // One prefix range over referral|{id}: the referral row and its rows beside it (ReferralBeside), for an older referral only.
    private const string ReferralWithBeside = "partnerhub query";

    // The referral's holders row by its keys (ReferralBeside.HoldersRowKey): every card of it and whether it was referred on.
    private const string HoldersByKeys = "partnerhub point-read";

    // The referral row alone, by its keys: what is beside it is remembered with its ETag (ReferralBesideCache).
    private const string ReferralByKeys = "partnerhub point-read";

    /// <summary>Three referrals from the kindergarten, each delivered to the coordinator: her three triage cards.</summary>
    private async Task<(JsonObject First, JsonObject Second, JsonObject Third)> ThreeTriageCardsAsync()
    {
        var cards = new List<JsonObject>();
        for (var i = 0; i < 3; i++)
        {
            var form = await _scenario.SayAsync(Kindergarten, "henvis");
            await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message");
            await DeliverAllAsync();
            cards.Add(LastCardIn(Coordinator));
        }

        return (cards[0], cards[1], cards[2]);
    }

    /// <summary>Another instance on the same tables and Connector (another process in production): its memory is its own.</summary>
    private BotHost SecondInstance()
    {
        var other = new BotHost(_host.TablePrefix, _host.Connector)
        {
            Customize = builder => builder.UseSetting("Graph:PublicBaseUrl", "https://partnerhub.example"),
        };
        other.HandOverConnector();
        other.Server.PreserveExecutionContext = true;
        return other;
    }

    private static IEnumerable<string> RefreshUserIds(JsonObject card) =>
        card["refresh"]?["userIds"]?.AsArray().Select(id => (string)id!) ?? [];

    private async Task<JsonObject> InvitationAnswerAsync()
    {
        var sessionForm = await _scenario.SayAsync(Coordinator, "nyt møde");
        var data = ActionData(sessionForm, "session.save");
        data["kind"] = "ExperienceExchange";
        data["title"] = "Erfaringsudveksling";
        data["agenda"] = string.Empty;
        data["place"] = string.Empty;
        data["online"] = "false";
        data["date"] = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        data["startTime"] = "10:00";
        data["endTime"] = "12:00";
        data["invitees"] = $"{Mother.ObjectId},{OtherMother.ObjectId}";
        await _scenario.ActAsync(Coordinator, "session.save", data, "form-message");
        _host.Connector.ResetLogEntries();
        await DeliverAllAsync();
        var respond = ActionData(LastCardIn(Mother), "session.respond");
        respond["rsvp"] = "Accepted";
        return respond;
    }

    /// <summary>The storage calls of delivering the session's update-cards row (committed by the last change), by its handler alone.</summary>
    private Task<string[]> CountCardUpdateAsync(string sessionId) =>
        OutboxDeliveryCalls.CountAsync(_host, _storage, ProjectId, SessionNotifications.UpdateCards, sessionId);

    /// <summary>The storage calls of one card action, its answer checked to be a card (<see cref="StorageCalls"/>).</summary>
    private Task<string[]> CountAsync(Func<Task<JsonObject>> action) => _storage.CountAsync(async () => Card(await action()));

    private async Task DeliverAllAsync()
    {
        for (var sweep = 0; sweep < 5 && await _scenario.DeliverAsync() > 0; sweep++)
        {
        }
    }

    private JsonObject LastCardIn(Person person) => _host.ConnectorCalls()
        .Where(c => c.Path.StartsWith($"/teams/v3/conversations/{person.ConversationId}/", StringComparison.Ordinal))
        .Last().Body!["attachments"]![0]!["content"]!.AsObject();
}
