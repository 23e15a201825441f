using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// A project with a kindergarten, a coordinator, two neighbourhood mothers and a social services partner, each in
/// her own personal chat with the bot, driven through /api/messages exactly as Teams would.
/// </summary>
internal sealed class ReferralScenario(BotHost host)
{
    public const string ProjectId = "vollsmose";

    // Entra object ids are GUIDs; Graph-facing code refuses anything else.
    public static readonly Person Coordinator = new("29:coordinator", "c0a1b2c3-0000-4000-8000-000000000001", "a:chat-coordinator");
    public static readonly Person Kindergarten = new("29:kindergarten", "c0a1b2c3-0000-4000-8000-000000000002", "a:chat-kindergarten");
    public static readonly Person Mother = new("29:mother", "c0a1b2c3-0000-4000-8000-000000000003", "a:chat-mother");
    public static readonly Person OtherMother = new("29:other-mother", "c0a1b2c3-0000-4000-8000-000000000004", "a:chat-other-mother");
    public static readonly Person Housing = new("29:housing", "c0a1b2c3-0000-4000-8000-000000000005", "a:chat-housing");

    public BotHost Host => host;

    public async Task SeedAsync()
    {
        var projects = host.Services.GetRequiredService<ProjectStore>();
        var directory = host.Services.GetRequiredService<DirectoryStore>();
        await projects.UpsertAsync(DemoData.Vollsmose with { TenantId = BotHost.TenantId }, CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("boligforeningen", ProjectId, OrganisationKind.HousingAssociation, "Boligforeningen", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", ProjectId, OrganisationKind.SocialServices, "Familieafdelingen", true), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(Coordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null, "Karen"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(Kindergarten.ObjectId, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Mette"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(Mother.ObjectId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(OtherMother.ObjectId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hawa"), CancellationToken.None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(Housing.ObjectId, ProjectId, ProjectRole.PartnerStaff, "boligforeningen", "Jens"), CancellationToken.None);

        // Each person has talked to the bot once, so it knows her personal chat for proactive cards.
        foreach (var person in new[] { Coordinator, Kindergarten, Mother, OtherMother, Housing })
        {
            using var response = await host.PostSignedAsync(host.ActivityFrom("message", person.ConversationId, (person.UserId, person.ObjectId), "hjælp"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        host.Connector.ResetLogEntries();
    }

    /// <summary>Sends a message and returns the card the bot replied with.</summary>
    public async Task<JsonObject> SayAsync(Person person, string text)
    {
        var before = host.ConnectorCalls().Count;
        using var response = await host.PostSignedAsync(host.ActivityFrom("message", person.ConversationId, (person.UserId, person.ObjectId), text, Locale));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = host.ConnectorCalls().Skip(before).Single();
        return reply.Body!["attachments"]![0]!["content"]!.AsObject();
    }

    /// <summary>The Teams client's locale on every activity; Danish municipalities often run Teams in English ("en-US").</summary>
    public string Locale { get; set; } = "da-DK";

    /// <summary>Presses "Show in English" / "Vis på dansk" on her help card: her choice from then on.</summary>
    public Task<JsonObject> ChooseLanguageAsync(Person person, string language) =>
        ActAsync(person, "help.language", new JsonObject { ["language"] = language });

    /// <summary>Presses an Action.Execute button on a card in the person's chat; returns the invoke response body.</summary>
    public async Task<JsonObject> ActAsync(Person person, string verb, JsonObject data, string cardActivityId = "card-1")
    {
        var invoke = host.ActivityFrom("invoke", person.ConversationId, (person.UserId, person.ObjectId), locale: Locale);
        invoke["name"] = "adaptiveCard/action";
        invoke["replyToId"] = cardActivityId;
        invoke["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data.DeepClone() },
            ["trigger"] = "manual",
        };
        using var response = await host.PostSignedAsync(invoke);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>Runs the outbox once, as the dispatcher's sweep would.</summary>
    public async Task<int> DeliverAsync() =>
        await host.Services.GetRequiredService<OutboxDispatcher>().SweepOnceAsync(CancellationToken.None);

    public static JsonObject Card(JsonObject invokeResponse)
    {
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)invokeResponse["type"]);
        return invokeResponse["value"]!.AsObject();
    }

    /// <summary>All text a person would read on a card, for assertions that something is or isn't shown.</summary>
    public static string Text(JsonNode card) => card.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The data of the first Action.Execute with this verb anywhere on the card (buttons may sit in ShowCards and bodies).</summary>
    public static JsonObject ActionData(JsonNode card, string verb)
    {
        foreach (var node in Walk(card))
        {
            if (node is JsonObject o && (string?)o["type"] == "Action.Execute" && (string?)o["verb"] == verb)
            {
                return o["data"]!.DeepClone().AsObject();
            }
        }

        throw new Xunit.Sdk.XunitException($"No Action.Execute '{verb}' on the card: {Text(card)}");
    }

    public static bool HasAction(JsonNode card, string verb) =>
        Walk(card).Any(node => node is JsonObject o && (string?)o["type"] == "Action.Execute" && (string?)o["verb"] == verb);

    /// <summary>Every node of a card, depth first.</summary>
    public static IEnumerable<JsonNode> Walk(JsonNode? node)
    {
        if (node is null)
        {
            yield break;
        }

        yield return node;
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Value),
            JsonArray a => a.AsEnumerable(),
            _ => [],
        };
        foreach (var child in children)
        {
            foreach (var descendant in Walk(child))
            {
                yield return descendant;
            }
        }
    }

    public sealed record Person(string UserId, string ObjectId, string ConversationId);
}
