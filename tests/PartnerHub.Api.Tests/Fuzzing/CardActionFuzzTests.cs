using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Tests.Shared;
using Xunit.Abstractions;
using Person = PartnerHub.Api.Tests.Referrals.ReferralScenario.Person;

namespace PartnerHub.Api.Tests.Fuzzing;

/// <summary>
/// Generated Action.Execute invokes for every card-action family in the real host's handler registry (the verb's
/// feature prefix: referral, session, course, …), signed as the channel signs them: every answer is a card or the
/// protocol's error, never a 5xx, never an error in the host's log, and a refused payload writes nothing.
/// </summary>
/// <remarks>
/// One host for the class, with the referral scenario's project and cast (so payloads reach past "who are you"). The
/// tables are compared per batch; a batch that wrote is replayed one payload at a time to find the writer. "Tables
/// identical before and after" is checked exactly, without reading every row after every batch: the host's storage
/// clients carry a <see cref="StorageWriteRecorder"/>, and <see cref="WatchedTables"/> reads the tables again only when
/// a write was sent since its last read (a batch that sent none left them as they were; one that sent any is compared
/// row by row as before).
/// </remarks>
public sealed class CardActionFuzzTests : IClassFixture<AzuriteFixture>, IAsyncLifetime, IDisposable
{
    private static readonly Person Stranger = new("29:stranger", "c0a1b2c3-0000-4000-8000-0000000000ff", "a:chat-stranger");
    private static readonly Person[] Cast =
        [ReferralScenario.Coordinator, ReferralScenario.Coordinator, ReferralScenario.Mother, ReferralScenario.Kindergarten, ReferralScenario.Housing, Stranger];

    private readonly BotHost _host;
    private readonly WatchedTables _tables;
    private readonly ITestOutputHelper _output;
    private readonly Dictionary<string, string> _languages = [];
    private string _authorization = null!;

    public CardActionFuzzTests(ITestOutputHelper output)
    {
        _output = output;
        var writes = new StorageWriteRecorder();
        _host = new BotHost { Customize = builder => builder.ConfigureTestServices(services => services.AddSingleton(writes.Policies)) };
        _tables = new WatchedTables(_host.TablePrefix, writes);
    }

    public async Task InitializeAsync()
    {
        await new ReferralScenario(_host).SeedAsync();
        _authorization = "Bearer " + _host.Token();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Every_card_action_family_answers_generated_payloads_with_a_card_and_refusals_write_nothing()
    {
        var families = _host.Services.GetServices<ICardActionHandler>()
            .SelectMany(handler => handler.Verbs)
            .GroupBy(Family)
            .OrderBy(group => group.Key, StringComparer.Ordinal)
            .ToList();
        Assert.NotEmpty(families);
        var total = 0;
        foreach (var family in families)
        {
            var tally = new Tally();
            var clock = Stopwatch.StartNew();
            var verbs = family.Order(StringComparer.Ordinal).ToArray();
            await Payloads(verbs).Array[FuzzSettings.BatchSize].SampleAsync(
                batch => RunBatchAsync(batch, tally),
                iter: FuzzSettings.Batches,
                threads: 1,
                seed: FuzzSettings.Seed,
                print: batch => $"a batch of {batch.Length}, the first: {batch[0]}");
            total += tally.Payloads;
            _output.WriteLine($"{family.Key}.* ({verbs.Length} verbs): {tally} in {clock.Elapsed.TotalSeconds:F1} s");
        }

        _output.WriteLine($"card actions: {families.Count} families, {total} payloads, {_tables.Reads} full table reads");
        Assert.True(total >= families.Count * FuzzSettings.Samples);
    }

    private static string Family(string verb) => verb.Split('.')[0];

    private static Gen<CardPayload> Payloads(string[] verbs) =>
        Gen.Select(Gen.OneOf(Cast), Gen.OneOf(verbs), Gen.Frequency((12, HostileJson.Objects.Select(o => (JsonNode?)o)), (2, HostileJson.Values)), Gen.Int[0, 9])
            .Select((person, verb, data, shape) => new CardPayload(person, verb, data, (InvokeShape)Math.Max(0, shape - 5)));

    private async Task RunBatchAsync(CardPayload[] batch, Tally tally)
    {
        var before = await _tables.NowAsync();
        var auditsBefore = _tables.DeniedAudits;
        var logMark = _host.Logs.Lines.Count;
        var outcomes = new List<Outcome>(batch.Length);
        foreach (var payload in batch)
        {
            outcomes.Add(await SendAsync(payload));
        }

        AssertNoErrorLogged(logMark, "a batch of " + Family(batch[0].Verb) + ".* payloads");
        var after = await _tables.NowAsync();
        var changes = after.ChangesSince(before);
        tally.DeniedAudits += (int)(_tables.DeniedAudits - auditsBefore);
        if (changes.Any(change => !after.IsDeniedAudit(change)))
        {
            await FindWritersAsync(batch, outcomes, changes, tally);
        }

        foreach (var outcome in outcomes)
        {
            tally.Add(outcome);
        }
    }

    /// <summary>
    /// The batch wrote more than refusals' audit rows. Answered payloads may write (a valid form by chance, an audited
    /// read); the refused ones are sent again as a group, and only if that group writes, one by one to name the writer.
    /// </summary>
    private async Task FindWritersAsync(CardPayload[] batch, List<Outcome> outcomes, IReadOnlyList<string> changes, Tally tally)
    {
        var refused = batch.Where((_, i) => outcomes[i].Refused).ToList();
        Assert.True(refused.Count < batch.Length, "A batch of refused payloads wrote: " + string.Join(", ", changes));
        tally.WritingBatches++;
        if ((await WritesAsync(refused)).Count == 0)
        {
            return;
        }

        foreach (var payload in refused)
        {
            var wrote = await WritesAsync([payload]);
            Assert.True(wrote.Count == 0, $"A refused payload wrote to the tables ({string.Join(", ", wrote)}):\n{payload}");
        }

        Assert.Fail("Refused payloads wrote together but none alone: " + string.Join(", ", changes));
    }

    /// <summary>What sending these payloads wrote, besides refusals' audit rows.</summary>
    private async Task<List<string>> WritesAsync(IReadOnlyList<CardPayload> payloads)
    {
        var before = await _tables.NowAsync();
        foreach (var payload in payloads)
        {
            await SendAsync(payload);
        }

        var after = await _tables.NowAsync();
        return after.ChangesSince(before).Where(change => !after.IsDeniedAudit(change)).ToList();
    }

    private async Task<Outcome> SendAsync(CardPayload payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(HostileJson.Serialize(payload.Activity(_host)), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", _authorization);
        using var response = await _host.CreateClient().SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var what = $"{payload}\nanswer: {(int)response.StatusCode} {Excerpt(body)}";
        Assert.True((int)response.StatusCode < 500, "5xx for " + what);
        if (response.StatusCode == HttpStatusCode.RequestEntityTooLarge)
        {
            Assert.Equal("application/problem+json", response.MediaType()?.MediaType);
            return new Outcome(Refused: true, "413", what);
        }

        var json = JsonNode.Parse(body) as JsonObject ?? throw new Xunit.Sdk.XunitException("Not a JSON object: " + what);
        var type = (string?)json["type"];
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            // The activity itself was malformed: the endpoint's problem, before any handler.
            Assert.True(response.MediaType()?.MediaType == "application/problem+json", "400 without a problem: " + what);
            return new Outcome(Refused: true, "400", what);
        }

        Assert.True(response.StatusCode == HttpStatusCode.OK, "unexpected status: " + what);
        if (type == "application/vnd.microsoft.error")
        {
            // Universal Actions: the invoke is answered (HTTP 200) with the error's own status, here "the request is bad".
            Assert.True((int?)json["statusCode"] is >= 400 and < 500, "an error that is not the client's: " + what);
            return new Outcome(Refused: true, "protocol error", what);
        }

        if (type == "application/vnd.microsoft.activity.message")
        {
            return new Outcome(Refused: false, "message", what);
        }

        Assert.True(type == "application/vnd.microsoft.card.adaptive", "neither a card nor a message: " + what);
        AssertDatesInHouseStyle(json, payload, what);
        var card = json["value"]!;
        AssertNoTemplateLeftovers(card, payload, what);
        if (!IsErrorCard(card))
        {
            if (payload.Verb.EndsWith(".language", StringComparison.Ordinal) && (CardAssert.LanguageOf(card) ?? ChosenIn(payload)) is { } chosen)
            {
                _languages[payload.Person.ObjectId] = chosen;
            }

            return new Outcome(Refused: false, "card", what);
        }

        var expected = _languages.GetValueOrDefault(payload.Person.ObjectId, "da");
        Assert.True(CardAssert.LanguageOf(card) == expected, $"error card not in her language ({expected}): {what}");
        return new Outcome(Refused: true, "error card", what);
    }

    /// <summary>
    /// CardAssert's no-leftover rule, except for her own text shown back as typed (a form re-rendered with its
    /// errors): "${$root}" there is literal text, which is right; evaluated, it would have become the card's data.
    /// </summary>
    private static void AssertNoTemplateLeftovers(JsonNode card, CardPayload payload, string what)
    {
        var sent = ReferralScenario.Walk(payload.Data).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s.Trim() : null)
            .Where(s => s is { Length: > 0 } && (s.Contains("${", StringComparison.Ordinal) || s.Contains("{{", StringComparison.Ordinal)))
            .ToList();
        var leftovers = ReferralScenario.Walk(card).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s : null)
            .Where(s => s is not null && (s.Contains("${", StringComparison.Ordinal) || s.Contains("{{DATE(", StringComparison.Ordinal) || s.Contains("{{TIME(", StringComparison.Ordinal)))
            .Where(s => !sent.Any(typed => s!.Contains(typed!, StringComparison.Ordinal)))
            .ToList();
        Assert.True(leftovers.Count == 0, $"template leftovers not typed by her ({string.Join(", ", leftovers)}): {what}");
    }

    /// <summary>
    /// CardAssert's house style for dates, except for her own text shown back as typed: an id field she filled with
    /// "2026-12-24" is shown as she wrote it, which is right.
    /// </summary>
    private static void AssertDatesInHouseStyle(JsonNode json, CardPayload payload, string what)
    {
        var sent = ReferralScenario.Walk(payload.Data).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var s) ? s.Trim() : null)
            .Where(s => s is { Length: > 0 })
            .ToList();
        var offences = CardAssert.DateOffences(json, null)
            .Where(offence => !sent.Any(typed => IsHers(typed!, FragmentOf(offence))))
            .ToList();
        Assert.True(offences.Count == 0, $"{what} has dates or times not in the house style, not typed by her:\n  " + string.Join("\n  ", offences));
    }

    /// <summary>
    /// The offending text is hers when it is part of what she typed, or (a value echoed back in a form) holds all of
    /// what she typed that itself looks like a client-side date function.
    /// </summary>
    private static bool IsHers(string typed, string fragment) =>
        typed.Contains(fragment, StringComparison.Ordinal)
        || (HouseDateStyle.ClientFormatted.IsMatch(typed) && fragment.Contains(typed, StringComparison.Ordinal));

    /// <summary>The text an offence quotes: "path: what: \"fragment\"" (CardAssert.DateOffences).</summary>
    private static string FragmentOf(string offence) => offence[(offence.LastIndexOf(": \"", StringComparison.Ordinal) + 3)..^1];

    /// <summary>cards/error.card.json: the attention heading and the one "help.show" button.</summary>
    private static bool IsErrorCard(JsonNode card) =>
        card["body"]?[0]?["color"]?.GetValue<string>() == "Attention"
        && card["actions"] is JsonArray { Count: 1 } actions && (string?)actions[0]?["verb"] == "help.show";

    private void AssertNoErrorLogged(int mark, string what)
    {
        var errors = _host.Logs.Lines.Skip(mark)
            .Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal))
            .ToList();
        Assert.True(errors.Count == 0, $"The host logged errors for {what}:\n" + string.Join("\n", errors.Take(3).Select(Excerpt)));
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    internal enum InvokeShape
    {
        Normal,
        NoData,
        ExtraFields,
        WrongActionType,
        ValueNotAnObject,
    }

    /// <summary>
    /// The language a switch answered with a card stored: the one its data named. The help card carries no language mark,
    /// so without this a person who switched through it kept being expected in Danish (seed dF7VojIwxAl1).
    /// </summary>
    private static string? ChosenIn(CardPayload payload) =>
        payload.Data is JsonObject data && data["language"] is JsonValue value && value.TryGetValue<string>(out var text)
            && PartnerHub.Core.Localization.Languages.TryParse(text, out var language) ? language : null;

    private sealed record CardPayload(Person Person, string Verb, JsonNode? Data, InvokeShape Shape)
    {
        public JsonObject Activity(BotHost host)
        {
            var invoke = host.ActivityFrom("invoke", Person.ConversationId, (Person.UserId, Person.ObjectId));
            invoke["name"] = "adaptiveCard/action";
            invoke["replyToId"] = "card-1";
            var action = new JsonObject { ["type"] = "Action.Execute", ["verb"] = Verb, ["data"] = Data?.DeepClone() };
            switch (Shape)
            {
                case InvokeShape.NoData:
                    action.Remove("data");
                    break;
                case InvokeShape.ExtraFields:
                    action["id"] = "${$root}";
                    action["extra"] = new JsonObject { ["nested"] = new JsonArray(1, "' or 1 eq 1") };
                    break;
                case InvokeShape.WrongActionType:
                    action["type"] = "Action.Submit";
                    break;
            }

            invoke["value"] = Shape == InvokeShape.ValueNotAnObject
                ? new JsonArray(action)
                : new JsonObject { ["action"] = action, ["trigger"] = "manual" };
            return invoke;
        }

        public override string ToString() => $"{Person.UserId} {Verb} ({Shape}): {Excerpt(HostileJson.Serialize(Data))}";
    }

    private sealed record Outcome(bool Refused, string Kind, string Summary);

    private sealed class Tally
    {
        private readonly Dictionary<string, int> _kinds = [];

        public int Payloads { get; private set; }

        /// <summary>Batches in which answered payloads wrote (a valid form by chance, an audited read).</summary>
        public int WritingBatches { get; set; }

        public int DeniedAudits { get; set; }

        public void Add(Outcome outcome)
        {
            Payloads++;
            _kinds[outcome.Kind] = _kinds.GetValueOrDefault(outcome.Kind) + 1;
        }

        public override string ToString() =>
            $"{Payloads} payloads: " + string.Join(", ", _kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Value} {k.Key}")) + $"; {WritingBatches} batches with answered payloads that wrote, {DeniedAudits} refusals audited";
    }
}
