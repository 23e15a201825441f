using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Outreach;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Outreach;

/// <summary>
/// The outreach card flow through /api/messages with signed tokens, as Teams sends it. One host for the class: every
/// test logs in the same project, so each compares the month's counts before and after its own steps.
/// </summary>
public sealed class OutreachCardFlowTests(BotHostFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<BotHostFixture>
{
    private readonly ReferralScenario _scenario = new(fixture.Host);

    private static DateOnly Today => CopenhagenTime.DateOf(DateTimeOffset.UtcNow);

    private OutreachStore Store => fixture.Host.Services.GetRequiredService<OutreachStore>();

    public Task InitializeAsync() => _scenario.SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("kontakt", "Log en kontakt", "Hjemmebesøg")]
    [InlineData("log", "Log en kontakt", "Hjemmebesøg")]
    [InlineData("outreach", "Log en kontakt", "Hjemmebesøg")]
    public async Task The_command_shows_the_form_with_todays_date_a_home_visit_and_one_woman(string word, string title, string homeVisit)
    {
        // The words do not choose her language (the language rule): "outreach" answers in Danish until she chooses English.
        var form = await _scenario.SayAsync(Mother, word);

        Assert.Contains(title, Text(form), StringComparison.Ordinal);
        Assert.Contains(homeVisit, Text(form), StringComparison.Ordinal);
        Assert.Equal(Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Value(form, "date"));
        Assert.Equal("HomeVisit", Value(form, "kind"));
        Assert.Equal("1", Value(form, "women"));
        // The topics are the course's themes.
        Assert.Contains(Choices(form, "topics"), value => value == "health");
        Assert.Equal(7, Choices(form, "services").Count);
        Assert.False(string.IsNullOrEmpty((string?)ActionData(form, OutreachCardActions.Submit)["requestId"]));
    }

    [Fact]
    public async Task In_English_when_she_chose_English()
    {
        await _scenario.ChooseLanguageAsync(OtherMother, "en");

        var form = await _scenario.SayAsync(OtherMother, "outreach");
        var logged = Card(await _scenario.ActAsync(OtherMother, OutreachCardActions.Submit, Submit(form, women: "2")));

        Assert.Contains("Log a contact", Text(form), StringComparison.Ordinal);
        Assert.Contains("Home visit", Text(form), StringComparison.Ordinal);
        Assert.Contains("Logged: ", Text(logged), StringComparison.Ordinal);
        Assert.Contains(", home visit, 2 women.", Text(logged), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_submit_is_logged_confirmed_in_place_and_a_repeat_is_applied_once()
    {
        var before = await MonthAsync();
        var form = await _scenario.SayAsync(Mother, "kontakt");
        var data = Submit(form, women: "3", topics: "health,school", services: "JobCentre");

        var logged = Card(await _scenario.ActAsync(Mother, OutreachCardActions.Submit, data));
        var repeat = Card(await _scenario.ActAsync(Mother, OutreachCardActions.Submit, data));

        Assert.Contains("Logget: ", Text(logged), StringComparison.Ordinal);
        Assert.Contains(", hjemmebesøg, ", Text(logged), StringComparison.Ordinal);
        Assert.Contains("3 kvinder", Text(logged), StringComparison.Ordinal);
        Assert.Contains("Jobcentret", Text(logged), StringComparison.Ordinal);
        Assert.True(HasAction(logged, OutreachCardActions.Form));
        Assert.Contains("allerede logget", Text(repeat), StringComparison.Ordinal);
        var after = await MonthAsync();
        Assert.Equal(before.Entries + 1, after.Entries);
        Assert.Equal(before.Women + 3, after.Women);
    }

    [Fact]
    public async Task Bad_input_brings_the_form_back_with_errors_beside_the_fields_and_stores_nothing()
    {
        var before = await MonthAsync();
        var form = await _scenario.SayAsync(Mother, "kontakt");
        var data = Submit(form, women: "0", date: Today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var again = Card(await _scenario.ActAsync(Mother, OutreachCardActions.Submit, data));

        Assert.Contains("Skriv et helt tal fra 1 til 50.", Text(again), StringComparison.Ordinal);
        Assert.Contains("Datoen kan ikke ligge i fremtiden.", Text(again), StringComparison.Ordinal);
        Assert.Equal("0", Value(again, "women"));
        // The same request id: her corrected submit is still the one request.
        Assert.Equal((string?)data["requestId"], (string?)ActionData(again, OutreachCardActions.Submit)["requestId"]);
        Assert.Equal(before.Entries, (await MonthAsync()).Entries);
    }

    [Fact]
    public async Task Log_another_opens_a_fresh_form_with_a_new_request()
    {
        var form = await _scenario.SayAsync(Mother, "kontakt");
        var data = Submit(form);
        var logged = Card(await _scenario.ActAsync(Mother, OutreachCardActions.Submit, data));

        var next = Card(await _scenario.ActAsync(Mother, OutreachCardActions.Form, ActionData(logged, OutreachCardActions.Form)));

        Assert.Contains("Log en kontakt", Text(next), StringComparison.Ordinal);
        Assert.NotEqual((string?)data["requestId"], (string?)ActionData(next, OutreachCardActions.Submit)["requestId"]);
    }

    [Fact]
    public async Task Someone_who_is_not_a_neighbourhood_mother_is_told_so_and_nothing_is_stored()
    {
        var before = await MonthAsync();
        var mothersForm = await _scenario.SayAsync(Mother, "kontakt");

        var coordinator = await _scenario.SayAsync(Coordinator, "kontakt");
        var partner = Card(await _scenario.ActAsync(Kindergarten, OutreachCardActions.Submit, Submit(mothersForm)));

        Assert.Contains("Kun bydelsmødre logger", Text(coordinator), StringComparison.Ordinal);
        Assert.Contains("Kun bydelsmødre logger", Text(partner), StringComparison.Ordinal);
        Assert.Equal(before.Entries, (await MonthAsync()).Entries);
    }

    private async Task<Core.Outreach.OutreachMonth> MonthAsync() =>
        (await Store.ReadMonthAsync(ProjectId, Today, CancellationToken.None)).Month;

    private static JsonObject Submit(JsonObject form, string women = "1", string? date = null, string topics = "", string services = "") =>
        JsonObjects.With(ActionData(form, OutreachCardActions.Submit), new JsonObject
        {
            ["date"] = date ?? Value(form, "date"),
            ["kind"] = Value(form, "kind"),
            ["women"] = women,
            ["topics"] = topics,
            ["services"] = services,
        });

    private static JsonObject Input(JsonNode card, string id) =>
        Walk(card).OfType<JsonObject>().Single(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true && (string?)o["id"] == id);

    private static string? Value(JsonNode card, string id) => Input(card, id)["value"]?.ToString();

    private static List<string?> Choices(JsonNode card, string id) => [.. Input(card, id)["choices"]!.AsArray().Select(c => (string?)c!["value"])];
}
