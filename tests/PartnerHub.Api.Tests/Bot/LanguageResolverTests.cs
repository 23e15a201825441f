using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Localization;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// The one language rule, end to end through /api/messages and the outbox: her own choice, else the project's language.
/// Every activity here comes from a Teams client set to en-US, as in many Danish municipalities and the Playground.
/// </summary>
public sealed class LanguageResolverTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly BotHost _host = new();
    private ReferralScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
        _scenario.Locale = "en-US";
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task A_Danish_projects_coordinator_on_an_English_Teams_gets_the_welcome_in_Danish()
    {
        var install = _host.ActivityFrom("installationUpdate", "a:welcome-" + Guid.NewGuid().ToString("N"), (Coordinator.UserId, Coordinator.ObjectId), locale: "en-US");
        install["action"] = "add";

        using var response = await _host.PostSignedAsync(install);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(_host.ConnectorCalls()).Body!["attachments"]![0]!["content"]!;
        Assert.Equal("Velkommen til PartnerHub", (string?)welcome["body"]![0]!["text"]);
    }

    [Theory]
    [InlineData("help")]
    [InlineData("hjælp")]
    public async Task Help_on_an_English_Teams_is_answered_in_the_projects_Danish(string text)
    {
        var card = await _scenario.SayAsync(Coordinator, text);

        Assert.Equal("Hvad kan PartnerHub?", (string?)card["body"]![0]!["text"]);
    }

    [Fact]
    public async Task A_message_not_understood_on_an_English_Teams_is_answered_in_the_projects_Danish()
    {
        _host.Connector.ResetLogEntries();
        using var response = await _host.PostSignedAsync(_host.ActivityFrom("message", Coordinator.ConversationId, (Coordinator.UserId, Coordinator.ObjectId), "what now?", locale: "en-US"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Jeg forstod ikke", (string?)Assert.Single(_host.ConnectorCalls()).Body!["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_card_is_in_Danish_too()
    {
        var error = Card(await _scenario.ActAsync(Coordinator, "no.such.verb", new JsonObject { ["projectId"] = ProjectId }));

        Assert.Equal("Det gik ikke", (string?)error["body"]![0]!["text"]);
    }

    [Fact]
    public async Task After_a_Danish_referral_the_coordinators_triage_card_is_Danish_with_Danish_dates()
    {
        await SubmitReferralAsync();

        var triage = await DeliveredTo(Coordinator);
        Assert.Contains("Modtaget", Text(triage), StringComparison.Ordinal);
        Assert.Contains("forklaret på arabisk", Text(triage), StringComparison.Ordinal);
        // The consent line reads as one sentence: the method in lower case mid-sentence, not the form's label.
        Assert.Matches(@"Hun selv[^,]*, (mundtligt|skriftligt), ", Text(triage));
        Assert.Matches(@"[a-zø]+dag \d{1,2}\. [a-z]+ \d{4} kl\. \d\d\.\d\d", Text(triage));
        Assert.Equal(Languages.Danish, (string?)ActionData(triage, "referral.assign")["language"]);
    }

    [Fact]
    public async Task Show_in_English_is_remembered_at_the_next_message_and_on_proactive_cards()
    {
        var switched = Card(await _scenario.ChooseLanguageAsync(Coordinator, Languages.English));
        Assert.Equal("What can PartnerHub do?", (string?)switched["body"]![0]!["text"]);

        // The next message, though the word is Danish and Teams still sends whatever locale it likes.
        _scenario.Locale = "da-DK";
        var next = await _scenario.SayAsync(Coordinator, "hjælp");
        Assert.Equal("What can PartnerHub do?", (string?)next["body"]![0]!["text"]);

        // A card the outbox sends her later.
        await SubmitReferralAsync();
        var triage = await DeliveredTo(Coordinator);
        Assert.Contains("Received", Text(triage), StringComparison.Ordinal);
        Assert.Matches(@"[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d", Text(triage));

        // And back: "Vis på dansk".
        await _scenario.ChooseLanguageAsync(Coordinator, Languages.Danish);
        Assert.Equal("Hvad kan PartnerHub?", (string?)(await _scenario.SayAsync(Coordinator, "help"))["body"]![0]!["text"]);
    }

    [Fact]
    public async Task Her_choice_is_hers_alone()
    {
        await _scenario.ChooseLanguageAsync(Coordinator, Languages.English);

        var other = await _scenario.SayAsync(Kindergarten, "help");

        Assert.Equal("Hvad kan PartnerHub?", (string?)other["body"]![0]!["text"]);
    }

    [Fact]
    public async Task A_project_set_to_English_speaks_English_to_anyone_who_has_not_chosen()
    {
        var projects = _host.Services.GetRequiredService<ProjectStore>();
        var project = (await projects.FindAsync(ProjectId, CancellationToken.None))!;
        await projects.UpsertAsync(project with { Language = Languages.English }, CancellationToken.None);
        Assert.Equal(Languages.English, (await projects.FindAsync(ProjectId, CancellationToken.None))!.Language);
        _scenario.Locale = "da-DK";

        Assert.Equal("What can PartnerHub do?", (string?)(await _scenario.SayAsync(Kindergarten, "hjælp"))["body"]![0]!["text"]);

        // Her own choice still wins over the project's.
        await _scenario.ChooseLanguageAsync(Kindergarten, Languages.Danish);
        Assert.Equal("Hvad kan PartnerHub?", (string?)(await _scenario.SayAsync(Kindergarten, "help"))["body"]![0]!["text"]);
    }

    [Fact]
    public async Task A_row_of_the_referral_list_opens_the_triage_card_in_the_lists_language()
    {
        await SubmitReferralAsync();

        var list = await _scenario.SayAsync(Coordinator, "mine henvisninger");
        var open = ActionData(list, "referral.open");

        Assert.Equal(Languages.Danish, (string?)open["language"]);
        var triage = Card(await _scenario.ActAsync(Coordinator, "referral.open", open));
        Assert.Contains("Modtaget", Text(triage), StringComparison.Ordinal);
    }

    private async Task SubmitReferralAsync()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        _host.Connector.ResetLogEntries();
        await _scenario.DeliverAsync();
    }

    private Task<JsonObject> DeliveredTo(Person person) => Task.FromResult(
        _host.ConnectorCalls().Last(c => c.Path.Contains(person.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!.AsObject());
}
