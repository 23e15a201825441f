using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Bot;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Teams.Protocol;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// "demo: Megan" in the local Playground mode: the newcomer at the keyboard acts as each person of her project, for
/// messages and card actions, and proactive cards for that person reach her own chat. With real tokens it does nothing.
/// </summary>
public sealed class DemoPersonaTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly List<BotHost> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task In_the_local_demo_the_newcomer_acts_as_another_person_and_back()
    {
        var host = await LocalDemoHostAsync();

        var list = await SayAsync(host, Coordinator, "demo");
        Assert.StartsWith("Demo: du kan prøve PartnerHub som hver af projektets personer. Lige nu er du Karen.", list, StringComparison.Ordinal);
        Assert.Contains("- Karen – Koordinator", list, StringComparison.Ordinal);
        Assert.Contains("- Mette – Partnermedarbejder, Børnehuset Solsikken", list, StringComparison.Ordinal);
        Assert.Contains("- Samira – Bydelsmor", list, StringComparison.Ordinal);
        Assert.Contains("Partnerkatalog", Text(await CardAsync(host, Coordinator, "partnere")), StringComparison.Ordinal);

        Assert.Equal(
            "Du er nu Mette (Partnermedarbejder, Børnehuset Solsikken). Kort og beskeder til Mette kommer her i chatten. Skriv \"demo: mig\" for at være dig selv igen.",
            await SayAsync(host, Coordinator, "demo: skift til mette"));

        // As Mette: the directory is closed to her, for the command and for a card action alike.
        Assert.Contains("Kun projektets koordinatorer", Text(await CardAsync(host, Coordinator, "partnere")), StringComparison.Ordinal);
        var pressed = await ActAsync(host, Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId });
        Assert.DoesNotContain("Ny person", pressed, StringComparison.Ordinal);
        Assert.StartsWith("Demo: du kan prøve PartnerHub som hver af projektets personer. Lige nu er du Mette.", await SayAsync(host, Coordinator, "demo"), StringComparison.Ordinal);

        // Mette's proactive cards now go to the newcomer's chat, addressed to the newcomer's Teams user.
        var conversations = host.Services.GetRequiredService<ConversationStore>();
        var mette = await conversations.FindReferenceAsync(BotHost.TenantId, Kindergarten.ObjectId, CancellationToken.None);
        Assert.Equal((Coordinator.ConversationId, Coordinator.UserId), (mette!.ConversationId, mette.UserId));
        var karen = await conversations.FindReferenceAsync(BotHost.TenantId, Coordinator.ObjectId, CancellationToken.None);
        Assert.Equal(Coordinator.ConversationId, karen!.ConversationId);

        Assert.Equal("Du er dig selv igen (Karen).", await SayAsync(host, Coordinator, "demo: mig"));
        Assert.Contains("Partnerkatalog", Text(await CardAsync(host, Coordinator, "partnere")), StringComparison.Ordinal);
        Assert.Contains("Ny person", await ActAsync(host, Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_switch_is_remembered_per_real_person_and_names_only_people_of_her_project()
    {
        var host = await LocalDemoHostAsync();

        Assert.Equal("Ingen i projektet hedder sådan. Skriv \"demo\" for at se, hvem du kan være.", await SayAsync(host, Coordinator, "demo: Megan"));
        // The English words work too; the answer is in her language (the project's Danish), whatever Teams' locale says.
        Assert.Equal(
            "Du er nu Samira (Bydelsmor). Kort og beskeder til Samira kommer her i chatten. Skriv \"demo: mig\" for at være dig selv igen.",
            await SayAsync(host, Coordinator, "demo: switch to Samira", "en-US"));

        // Another person at another keyboard is still herself.
        Assert.StartsWith("Demo: du kan prøve PartnerHub som hver af projektets personer. Lige nu er du Jens.", await SayAsync(host, Housing, "demo"), StringComparison.Ordinal);
        Assert.StartsWith("Demo: du kan prøve PartnerHub som hver af projektets personer. Lige nu er du Samira.", await SayAsync(host, Coordinator, "demo"), StringComparison.Ordinal);
        Assert.Equal("Du er dig selv igen (Karen).", await SayAsync(host, Coordinator, "demo: Karen"));
    }

    [Fact]
    public async Task The_first_demo_command_gives_her_chat_to_everyone_who_has_none_so_their_cards_reach_her()
    {
        var host = await LocalDemoHostAsync();
        var conversations = host.Services.GetRequiredService<ConversationStore>();
        // Jens wrote to the bot himself once: his own chat is kept.
        await conversations.SaveReferenceAsync(new ConversationReference(BotHost.TenantId, Housing.ObjectId, host.ServiceUrl, Housing.ConversationId, "28:bot", "msteams", Housing.UserId), CancellationToken.None);
        Assert.Null(await conversations.FindReferenceAsync(BotHost.TenantId, Mother.ObjectId, CancellationToken.None));

        await SayAsync(host, Coordinator, "demo");

        var samira = await conversations.FindReferenceAsync(BotHost.TenantId, Mother.ObjectId, CancellationToken.None);
        Assert.Equal((Coordinator.ConversationId, Coordinator.UserId), (samira!.ConversationId, samira.UserId));
        var jens = await conversations.FindReferenceAsync(BotHost.TenantId, Housing.ObjectId, CancellationToken.None);
        Assert.Equal(Housing.ConversationId, jens!.ConversationId);
    }

    [Fact]
    public async Task With_real_tokens_demo_Megan_is_an_unknown_message_and_nobody_is_switched()
    {
        var host = Track(new BotHost());
        var scenario = new ReferralScenario(host);
        await scenario.SeedAsync();
        var unknown = await SignedAnswerAsync(host, "xyzzy");

        Assert.Equal(unknown, await SignedAnswerAsync(host, "demo: Mette"));
        Assert.Equal(unknown, await SignedAnswerAsync(host, "demo: mig"));
        Assert.Equal(unknown, await SignedAnswerAsync(host, "demo"));
        Assert.Empty(await DemoRowsAsync(host));

        // Even a switch already in storage (written by hand here) changes no one with real tokens.
        await host.Tables.Table(TableNames.Conversations).UpsertEntityAsync(
            new TableEntity(BotHost.TenantId, "demoperson|" + Coordinator.ObjectId) { ["Persona"] = Kindergarten.ObjectId });
        Assert.Contains("Partnerkatalog", Text(await scenario.SayAsync(Coordinator, "partnere")), StringComparison.Ordinal);
        var mette = await host.Services.GetRequiredService<ConversationStore>().FindReferenceAsync(BotHost.TenantId, Kindergarten.ObjectId, CancellationToken.None);
        Assert.Equal(Kindergarten.ConversationId, mette!.ConversationId);
    }

    private BotHost Track(BotHost host)
    {
        _hosts.Add(host);
        return host;
    }

    /// <summary>
    /// The real host with the endpoint mode the local run decides (anonymous, loopback only). The test server has no
    /// loopback peer address, so activities go to the bot itself, after the endpoint's checks.
    /// </summary>
    private async Task<BotHost> LocalDemoHostAsync()
    {
        var host = Track(new BotHost
        {
            Customize = builder => builder.ConfigureTestServices(services => services.AddSingleton(new BotEndpointSettings(BotAuthenticationMode.AnonymousLoopback))),
        });
        // The endpoint trusts a validated activity's serviceUrl before the bot answers there; these skip the endpoint.
        Assert.True(host.Services.GetRequiredService<ITrustedServiceUrls>().Trust(host.ServiceUrl));
        var projects = host.Services.GetRequiredService<ProjectStore>();
        var directory = host.Services.GetRequiredService<DirectoryStore>();
        await projects.UpsertAsync(DemoData.Vollsmose with { TenantId = BotHost.TenantId }, CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Core.Partners.Organisation("solsikken", ProjectId, Core.Partners.OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Core.Partners.Organisation("boligforeningen", ProjectId, Core.Partners.OrganisationKind.HousingAssociation, "Boligforeningen", false), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new Core.Partners.ProjectMember(Coordinator.ObjectId, ProjectId, Core.Partners.ProjectRole.Coordinator, null, "Karen"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new Core.Partners.ProjectMember(Kindergarten.ObjectId, ProjectId, Core.Partners.ProjectRole.PartnerStaff, "solsikken", "Mette"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new Core.Partners.ProjectMember(Mother.ObjectId, ProjectId, Core.Partners.ProjectRole.NeighbourhoodMother, null, "Samira"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new Core.Partners.ProjectMember(Housing.ObjectId, ProjectId, Core.Partners.ProjectRole.PartnerStaff, "boligforeningen", "Jens"), CancellationToken.None);
        return host;
    }

    private static async Task<JsonObject> SendAsync(BotHost host, Person person, string text, string locale = "da-DK")
    {
        host.Connector.ResetLogEntries();
        var activity = Read(host.ActivityFrom("message", person.ConversationId, (person.UserId, person.ObjectId), text, locale));
        Assert.Null(await host.Services.GetRequiredService<PartnerHubBot>().HandleAsync(activity, CancellationToken.None));
        return Assert.Single(host.ConnectorCalls()).Body!;
    }

    private static async Task<string> SayAsync(BotHost host, Person person, string text, string locale = "da-DK") =>
        (string)(await SendAsync(host, person, text, locale))["text"]!;

    private static async Task<JsonObject> CardAsync(BotHost host, Person person, string text) =>
        (await SendAsync(host, person, text))["attachments"]![0]!["content"]!.AsObject();

    private static async Task<string> ActAsync(BotHost host, Person person, string verb, JsonObject data)
    {
        var invoke = host.ActivityFrom("invoke", person.ConversationId, (person.UserId, person.ObjectId));
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = "card-1";
        invoke["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data } };
        var response = await host.Services.GetRequiredService<PartnerHubBot>().HandleAsync(Read(invoke), CancellationToken.None);
        return JsonSerializer.Serialize(response!.Body, ProtocolJsonContext.Default.Options);
    }

    private static async Task<string> SignedAnswerAsync(BotHost host, string text)
    {
        host.Connector.ResetLogEntries();
        using var response = await host.PostSignedAsync(host.ActivityFrom("message", Coordinator.ConversationId, (Coordinator.UserId, Coordinator.ObjectId), text));
        response.EnsureSuccessStatusCode();
        return (string)Assert.Single(host.ConnectorCalls()).Body!["text"]!;
    }

    private static async Task<List<TableEntity>> DemoRowsAsync(BotHost host)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in host.Tables.Table(TableNames.Conversations).QueryAsync<TableEntity>(e => e.PartitionKey == BotHost.TenantId))
        {
            if (row.RowKey.StartsWith("demoperson|", StringComparison.Ordinal))
            {
                rows.Add(row);
            }
        }

        return rows;
    }

    private static Activity Read(JsonObject activity) => JsonSerializer.Deserialize(activity.ToJsonString(), ProtocolJsonContext.Default.Activity)!;
}
