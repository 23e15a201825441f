using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Supervision;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Supervision.Adoption.OutlookAdoptionHost;

namespace PartnerHub.Api.Tests.Supervision.Adoption;

/// <summary>
/// A coordinator joining gets the PartnerHub category in her Outlook (Graph masterCategories, added once) and a calendar
/// subscription; the directory tells Supervision through the outbox, also when a member's role becomes coordinator.
/// </summary>
public sealed class CoordinatorJoinedTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly OutlookAdoptionHost _outlook = new();

    public void Dispose() => _outlook.Dispose();

    private const string CategoriesPath = $"/v1.0/users/{Alex}/outlook/masterCategories";

    private void GivenCategories(params string[] names) =>
        _outlook.Graph.Server.Given(Request.Create().WithPath(CategoriesPath).UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject
            {
                ["value"] = new JsonArray([.. names.Select(n => (JsonNode)new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["displayName"] = n, ["color"] = "preset2" })]),
            }));

    private void GivenCreated(int status = 201) =>
        _outlook.Graph.Server.Given(Request.Create().WithPath(CategoriesPath).UsingPost())
            .RespondWith(GraphStub.Json(status, status == 201
                ? new JsonObject { ["id"] = "cat-1", ["displayName"] = OutlookCategory.Name, ["color"] = OutlookCategory.Color }
                : new JsonObject { ["error"] = new JsonObject { ["code"] = "ErrorDuplicateObject", ["message"] = "An object with this name already exists." } }));

    [Fact]
    public async Task The_category_is_added_with_its_colour_when_her_mailbox_lacks_it()
    {
        GivenCategories("Rød kategori", "Privat");
        GivenCreated();

        Assert.True(await new GraphMailboxCategoryGateway(_outlook.Graph.Client).EnsureAsync(Alex, OutlookCategory.Name, OutlookCategory.Color, CancellationToken.None));

        var post = Assert.Single(_outlook.Graph.Requests("POST", CategoriesPath));
        var body = GraphStub.BodyOf(post);
        Assert.Equal(OutlookCategory.Name, (string?)body["displayName"]);
        Assert.Equal("preset9", (string?)body["color"]);
        Assert.Equal("Bearer " + GraphStub.Token, GraphStub.Header(post, "Authorization"));
    }

    [Fact]
    public async Task A_category_she_has_already_whatever_its_case_or_a_concurrent_add_is_left_alone()
    {
        GivenCategories("partnerhub – SUPERVISION");
        Assert.False(await new GraphMailboxCategoryGateway(_outlook.Graph.Client).EnsureAsync(Alex, OutlookCategory.Name, OutlookCategory.Color, CancellationToken.None));
        Assert.Empty(_outlook.Graph.Requests("POST", CategoriesPath));

        _outlook.Graph.Server.ResetMappings();
        GivenCategories();
        GivenCreated(409);
        Assert.False(await new GraphMailboxCategoryGateway(_outlook.Graph.Client).EnsureAsync(Alex, OutlookCategory.Name, OutlookCategory.Color, CancellationToken.None));
    }

    [Fact]
    public async Task The_outbox_row_adds_the_category_and_subscribes_to_her_calendar()
    {
        await _outlook.SeedAsync();
        GivenCategories();
        GivenCreated();
        _outlook.Graph.Server.Given(Request.Create().WithPath("/v1.0/subscriptions").UsingPost())
            .RespondWith(GraphStub.Json(201, new JsonObject
            {
                ["id"] = "sub-1",
                ["resource"] = $"users/{Alex}/events",
                ["changeType"] = "created,updated,deleted",
                ["expirationDateTime"] = DateTimeOffset.UtcNow.AddDays(2).ToString("O"),
            }));
        var handler = _outlook.Host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == DirectoryNotifications.CoordinatorJoinedKind);
        var message = DirectoryNotifications.CoordinatorJoined(Alex);

        await handler.HandleAsync(new OutboxDelivery(_outlook.ProjectId, "outbox|01J0000000000000000000000A", message.Kind, message.Payload, 1, DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Single(_outlook.Graph.Requests("POST", CategoriesPath));
        Assert.Single(_outlook.Graph.Requests("POST", "/v1.0/subscriptions"));
    }

    [Fact]
    public async Task Without_the_mailbox_permission_the_row_fails_at_once()
    {
        await _outlook.SeedAsync();
        _outlook.Graph.Server.Given(Request.Create().WithPath(CategoriesPath).UsingGet())
            .RespondWith(GraphStub.Json(403, new JsonObject { ["error"] = new JsonObject { ["code"] = "ErrorAccessDenied", ["message"] = "Access is denied." } }));
        var handler = _outlook.Host.Services.GetServices<IOutboxHandler>().Single(h => h.Kind == DirectoryNotifications.CoordinatorJoinedKind);
        var message = DirectoryNotifications.CoordinatorJoined(Alex);

        var error = await Assert.ThrowsAsync<OutboxDeliveryException>(() =>
            handler.HandleAsync(new OutboxDelivery(_outlook.ProjectId, "outbox|01J0000000000000000000000B", message.Kind, message.Payload, 1, DateTimeOffset.UtcNow), CancellationToken.None));
        Assert.True(error.Permanent);
        Assert.Equal("graphForbidden", error.Code);
    }

    [Fact]
    public async Task A_mother_whose_role_becomes_coordinator_is_told_to_Supervision_and_other_changes_are_not()
    {
        await _outlook.SeedAsync();
        var directory = _outlook.Host.Services.GetRequiredService<DirectoryStore>();
        var service = _outlook.Host.Services.GetRequiredService<DirectoryService>();
        var alex = new Actor(Alex, _outlook.ProjectId, ProjectRole.Coordinator, null);
        // The directory checks each person against Entra before a save.
        _outlook.Graph.GivenPerson(Isra, "Isra", "Member", accountEnabled: true);
        _outlook.Graph.GivenPerson(Adele, "Adele", "Member", accountEnabled: true);

        var isra = await directory.FindStoredMemberAsync(_outlook.ProjectId, Isra, CancellationToken.None);
        var renamed = await service.SaveMemberAsync(alex, RestHost.TenantId, new MemberInput(Isra, nameof(ProjectRole.NeighbourhoodMother), null, "Isra Maria"), isra!.ETag.ToString(), CancellationToken.None);
        Assert.Empty(renamed.Errors);
        Assert.Equal(DirectoryOutcome.Saved, renamed.Outcome);
        Assert.DoesNotContain(await _outlook.OutboxAsync(), row => row.Kind == DirectoryNotifications.CoordinatorJoinedKind);

        var adele = await directory.FindStoredMemberAsync(_outlook.ProjectId, Adele, CancellationToken.None);
        var promoted = await service.SaveMemberAsync(alex, RestHost.TenantId, new MemberInput(Adele, nameof(ProjectRole.Coordinator), null, "Adele"), adele!.ETag.ToString(), CancellationToken.None);

        Assert.Equal(DirectoryOutcome.Saved, promoted.Outcome);
        var joined = Assert.Single(await _outlook.OutboxAsync(), row => row.Kind == DirectoryNotifications.CoordinatorJoinedKind);
        Assert.Equal(Adele, DirectoryNotifications.ReadMember(joined.Payload).ObjectId);
    }
}
