using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// Someone in no project who writes to the bot, through /api/messages with signed tokens: she is told she is not part
/// of a project yet and whom to ask — her tenant's coordinators where PartnerHub knows a project of it, otherwise the
/// administrators' contact — in her language, and nothing about her reaches the log.
/// </summary>
public sealed class NewcomerTests(NewcomerTests.TenantWithAProject tenant) : IClassFixture<AzuriteFixture>, IClassFixture<NewcomerTests.TenantWithAProject>
{
    private const string Contact = "IT-afdelingen, it@kommune.dk";
    private static readonly Person Newcomer = new("29:newcomer", "c0a1b2c3-0000-4000-8000-0000000000ee", "a:chat-newcomer");

    [Theory]
    [InlineData("hjælp")]
    [InlineData("henvis")]
    [InlineData("mine henvisninger")]
    [InlineData("partnere")]
    [InlineData("nyt møde")]
    public async Task In_a_tenant_with_a_project_she_is_told_to_ask_its_coordinators_by_first_name(string text)
    {
        var scenario = await tenant.SeededAsync();

        var card = await scenario.SayAsync(Newcomer, text);

        Assert.Equal("Du er ikke med i et projekt endnu", (string?)card["body"]![0]!["text"]);
        var facts = Assert.Single(card["body"]!.AsArray(), b => (string?)b!["type"] == "FactSet")!["facts"]!.AsArray();
        var fact = Assert.Single(facts)!;
        Assert.Equal("Bydelsmødre Vollsmose", (string?)fact["title"]);
        Assert.Equal("Amira og Karen", (string?)fact["value"]);
        Assert.DoesNotContain("Birthe", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain(Contact, Text(card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_a_tenant_without_a_project_she_is_told_to_ask_the_administrators_as_configured_in_plain_text()
    {
        // A contact with characters a format string or markdown would act on is shown as it was configured.
        using var host = NewHost("IT-afdelingen {0}, it@kommune.dk");
        var scenario = new ReferralScenario(host);

        var card = await scenario.SayAsync(Newcomer, "hjælp");

        Assert.Equal("Du er ikke med i et projekt endnu", (string?)card["body"]![0]!["text"]);
        Assert.DoesNotContain(card["body"]!.AsArray(), b => (string?)b!["type"] == "FactSet");
        Assert.Equal("IT-afdelingen {0}, it@kommune.dk", (string?)card["body"]!.AsArray().Last()!["text"]);
    }

    [Fact]
    public async Task Without_a_configured_contact_she_is_told_to_ask_her_municipalitys_IT_department()
    {
        using var host = NewHost(contact: null);
        var scenario = new ReferralScenario(host);

        var card = await scenario.SayAsync(Newcomer, "henvis");

        Assert.Equal("kommunens IT-afdeling", (string?)card["body"]!.AsArray().Last()!["text"]);
    }

    [Fact]
    public async Task Her_English_choice_makes_the_answer_English_and_the_welcome_is_the_same_answer()
    {
        using var host = NewHost(Contact);
        var scenario = new ReferralScenario(host);
        await scenario.SeedAsync();

        // "Show in English" on the card she got: remembered, and the card itself answers in English.
        var switched = Card(await scenario.ChooseLanguageAsync(Newcomer, "en"));
        Assert.Equal("You are not part of a project yet", (string?)switched["body"]![0]!["text"]);
        Assert.Equal("Karen", (string?)switched["body"]!.AsArray().Single(b => (string?)b!["type"] == "FactSet")!["facts"]![0]!["value"]);

        var card = await scenario.SayAsync(Newcomer, "sessions");
        Assert.Equal("You are not part of a project yet", (string?)card["body"]![0]!["text"]);
        Assert.Equal("Ask the project's coordinator to add you:", (string?)card["body"]![2]!["text"]);

        var install = host.ActivityFrom("installationUpdate", "a:newcomer-welcome", (Newcomer.UserId, Newcomer.ObjectId), locale: "da-DK");
        install["action"] = "add";
        host.Connector.ResetLogEntries();
        using var response = await host.PostSignedAsync(install);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var welcome = Assert.Single(host.ConnectorCalls()).Body!["attachments"]![0]!["content"]!;
        Assert.Equal("You are not part of a project yet", (string?)welcome["body"]![0]!["text"]);
        Assert.DoesNotContain("referral.form", Text(welcome), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_still_gets_help_and_an_unknown_verb_from_a_newcomer_gets_her_answer()
    {
        using var host = NewHost(Contact);
        var scenario = new ReferralScenario(host);
        await scenario.SeedAsync();

        Assert.Equal("Hvad kan PartnerHub?", (string?)(await scenario.SayAsync(Coordinator, "hjælp"))["body"]![0]!["text"]);
        var answer = Card(await scenario.ActAsync(Newcomer, "referral.teleport", new JsonObject()));
        Assert.Equal("Du er ikke med i et projekt endnu", (string?)answer["body"]![0]!["text"]);
    }

    [Fact]
    public async Task Nothing_about_her_is_logged()
    {
        using var host = NewHost(Contact);
        var scenario = new ReferralScenario(host);
        await scenario.SeedAsync();

        await scenario.SayAsync(Newcomer, "hjælp");
        await scenario.SayAsync(Newcomer, "henvis");
        await scenario.ChooseLanguageAsync(Newcomer, "en");

        Assert.NotEmpty(host.Logs.Lines);
        foreach (var line in host.Logs.Lines)
        {
            Assert.DoesNotContain(Newcomer.ObjectId, line, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(Newcomer.UserId, line, StringComparison.Ordinal);
            Assert.DoesNotContain("Staff Person", line, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// The tenant with a project, seeded once for the theory's rows (cost): she only writes to the bot, which stores
    /// nothing that changes what the next row is answered.
    /// </summary>
    public sealed class TenantWithAProject : IDisposable
    {
        private readonly BotHost _host = NewHost(Contact);
        private readonly Lazy<Task<ReferralScenario>> _seeded;

        public TenantWithAProject() => _seeded = new(SeedAsync);

        internal Task<ReferralScenario> SeededAsync() => _seeded.Value;

        public void Dispose() => _host.Dispose();

        private async Task<ReferralScenario> SeedAsync()
        {
            var scenario = new ReferralScenario(_host);
            await scenario.SeedAsync();
            // A second coordinator, and a project of another tenant whose coordinator she must never be sent to.
            var directory = _host.Services.GetRequiredService<DirectoryStore>();
            await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember("c0a1b2c3-0000-4000-8000-0000000000c2", ProjectId, ProjectRole.Coordinator, null, "Amira"), CancellationToken.None);
            await _host.Services.GetRequiredService<ProjectStore>().UpsertAsync(new Project("elsewhere", "Bydelsmødre Andetsteds", "Andet", "Andet sted") { TenantId = "11111111-2222-4333-8444-555555555555" }, CancellationToken.None);
            await directory.UpsertMemberAsync("11111111-2222-4333-8444-555555555555", new ProjectMember("c0a1b2c3-0000-4000-8000-0000000000c3", "elsewhere", ProjectRole.Coordinator, null, "Birthe"), CancellationToken.None);
            return scenario;
        }
    }

    private static BotHost NewHost(string? contact) => new()
    {
        Customize = builder =>
        {
            if (contact is not null)
            {
                builder.UseSetting("Administration:Contact", contact);
            }
        },
    };
}
