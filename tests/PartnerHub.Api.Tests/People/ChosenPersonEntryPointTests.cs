using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.People;

/// <summary>
/// The person chosen on the card's people picker and the object id sent over REST are checked in Entra (WireMock as
/// Graph) by one rule: the same refusal in the same words on the card and in the problem details, in Danish and
/// English; an administrator's appointment is held to the same rule; nothing is stored for a refused person.
/// </summary>
public sealed class ChosenPersonEntryPointTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Base = "/api/projects/vollsmose/directory";
    private const string Unknown = "3f2b8c1e-5d4a-4b7e-9c21-7a0d6e4f1b92";
    private const string Guest = "6b1d3f5a-7c9e-4b2d-8f1a-3c5e7a9b1d2f";
    private const string Disabled = "8d2f4a6c-1e3b-4d5f-9a7c-2e4b6d8f0a1c";
    private const string Amina = "5e7a9c1b-3d2f-4b6a-8e1c-5f7a9b3d1e2c";
    private const string MaiBritt = "2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5e7a";
    private const string Refusing = "4a6c8e0b-2d4f-4b6a-8c0e-1f3b5d7f9a2c";
    private const string Admin = "a0a0a0a0-0000-4000-8000-0000000ad111";

    private readonly GraphStub _graph = new();
    private readonly BotHost _bot;
    private RestHost _rest = null!;
    private ReferralScenario _scenario = null!;

    public ChosenPersonEntryPointTests()
    {
        _bot = new BotHost { Customize = _graph.Configure };
    }

    private DirectoryStore Directory => _bot.Services.GetRequiredService<DirectoryStore>();

    public async Task InitializeAsync()
    {
        // One deployment, two doors, one Graph.
        _rest = new RestHost(settings: new Dictionary<string, string?> { ["Storage:TablePrefix"] = _bot.TablePrefix, ["Outbox:Enabled"] = "false" })
        {
            Customize = _graph.Configure,
        };
        _scenario = new ReferralScenario(_bot);
        await _scenario.SeedAsync();
        _graph.GivenNoPerson(Unknown);
        _graph.GivenPerson(Guest, "Grace", "Guest", accountEnabled: true);
        _graph.GivenPerson(Disabled, "Dorte", "Member", accountEnabled: false);
        _graph.GivenPerson(Amina, "Amina", "Member", accountEnabled: true);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _rest.Dispose();
        _bot.Dispose();
        _graph.Dispose();
    }

    [Theory]
    [InlineData("da", Unknown, nameof(ProjectRole.NeighbourhoodMother), "Personen findes ikke i jeres organisation.")]
    [InlineData("en", Unknown, nameof(ProjectRole.NeighbourhoodMother), "This person was not found in your organisation.")]
    [InlineData("da", Disabled, nameof(ProjectRole.Teacher), "Personens konto i organisationen er lukket.")]
    [InlineData("en", Disabled, nameof(ProjectRole.Teacher), "This person's account in your organisation is disabled.")]
    [InlineData("da", Guest, nameof(ProjectRole.Coordinator), "En gæst i organisationen kan ikke være koordinator.")]
    [InlineData("en", Guest, nameof(ProjectRole.Coordinator), "A guest in your organisation cannot be a coordinator.")]
    public async Task The_same_refused_person_gets_the_same_words_beside_the_picker_and_over_REST(string language, string objectId, string role, string words)
    {
        await _scenario.ChooseLanguageAsync(Coordinator, language);
        var card = await SaveOnCardAsync(objectId, role, "Anne");
        using var response = await PutAsync(objectId, new JsonObject { ["role"] = role, ["firstName"] = "Anne" }, language);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["objectId"], errors.Select(e => e.Key));
        var message = (string)errors["objectId"]![0]!;
        Assert.StartsWith(words, message, StringComparison.Ordinal);
        Assert.Contains(message, Text(card), StringComparison.Ordinal);
        // The same card again, with the picker emptied for a new choice.
        Assert.True(HasAction(card, DirectoryCardActions.SaveMember));
        Assert.Equal(string.Empty, (string?)Picker(card)["value"]);
        Assert.Null(await Directory.FindMemberAsync(ProjectId, objectId, CancellationToken.None));
    }

    [Theory]
    [InlineData(nameof(ProjectRole.NeighbourhoodMother))]
    [InlineData(nameof(ProjectRole.Teacher))]
    public async Task A_guest_may_be_a_mother_or_a_teacher(string role)
    {
        var card = await SaveOnCardAsync(Guest, role, string.Empty);

        Assert.Contains("Personen er gemt.", Text(card), StringComparison.Ordinal);
        var stored = await Directory.FindMemberAsync(ProjectId, Guest, CancellationToken.None);
        Assert.Equal(Enum.Parse<ProjectRole>(role), stored!.Role);
        Assert.Equal("Grace", stored.FirstName);
    }

    [Fact]
    public async Task An_empty_first_name_takes_her_given_name_on_the_card_and_over_REST_and_a_typed_one_wins()
    {
        var card = await SaveOnCardAsync(Amina, nameof(ProjectRole.NeighbourhoodMother), "  ");
        Assert.Contains("Personen er gemt.", Text(card), StringComparison.Ordinal);
        Assert.Equal("Amina", (await Directory.FindMemberAsync(ProjectId, Amina, CancellationToken.None))!.FirstName);

        using var rest = await PutAsync(Guest, new JsonObject { ["role"] = nameof(ProjectRole.Teacher) });
        Assert.Equal(HttpStatusCode.Created, rest.StatusCode);
        Assert.Equal("Grace", (string?)(await rest.JsonAsync())["firstName"]);

        _graph.GivenPerson(MaiBritt, "Maibritt", "Member", accountEnabled: true);
        using var typed = await PutAsync(MaiBritt, new JsonObject { ["role"] = nameof(ProjectRole.Teacher), ["firstName"] = "Mai Britt" });
        Assert.Equal(HttpStatusCode.Created, typed.StatusCode);
        Assert.Equal("Mai Britt", (string?)(await typed.JsonAsync())["firstName"]);
    }

    [Fact]
    public async Task Making_a_listed_guest_coordinator_is_refused_on_the_card()
    {
        await SaveOnCardAsync(Guest, nameof(ProjectRole.Teacher), "Grace");
        var edit = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId, ["objectId"] = Guest }));

        // Her name, never her object id, is what the edit card shows people.
        Assert.DoesNotContain(Guest, VisibleText(edit), StringComparison.Ordinal);
        Assert.Contains("Grace", VisibleText(edit), StringComparison.Ordinal);

        var refused = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.SaveMember, JsonObjects.With(ActionData(edit, DirectoryCardActions.SaveMember), new JsonObject
        {
            ["role"] = nameof(ProjectRole.Coordinator),
            ["firstName"] = "Grace",
        })));

        Assert.Contains("En gæst i organisationen kan ikke være koordinator.", Text(refused), StringComparison.Ordinal);
        Assert.Equal(ProjectRole.Teacher, (await Directory.FindMemberAsync(ProjectId, Guest, CancellationToken.None))!.Role);
    }

    [Theory]
    [InlineData("da", Guest, "En gæst i organisationen kan ikke være koordinator.")]
    [InlineData("en", Unknown, "This person was not found in your organisation.")]
    [InlineData("en", Disabled, "This person's account in your organisation is disabled.")]
    public async Task An_administrator_cannot_appoint_a_coordinator_the_directory_would_refuse(string language, string objectId, string words)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/projects/{ProjectId}/coordinators")
        {
            Content = new StringContent(new JsonObject { ["objectId"] = objectId, ["displayName"] = "Anne" }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _rest.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]));
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));

        using var response = await _rest.CreateClient().SendAsync(request);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.StartsWith(words, (string)errors["objectId"]![0]!, StringComparison.Ordinal);
        Assert.Null(await Directory.FindMemberAsync(ProjectId, objectId, CancellationToken.None));
    }

    [Fact]
    public async Task An_administrator_appoints_a_member_of_the_tenant()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/projects/{ProjectId}/coordinators")
        {
            Content = new StringContent(new JsonObject { ["objectId"] = Amina, ["displayName"] = "Amina" }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _rest.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]));

        using var response = await _rest.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(ProjectRole.Coordinator, (await Directory.FindMemberAsync(ProjectId, Amina, CancellationToken.None))!.Role);
        Assert.Single(_graph.Requests("GET", $"/v1.0/users/{Amina}"));
    }

    [Fact]
    public async Task When_Entra_cannot_answer_nothing_is_written_the_card_keeps_her_and_says_try_again_and_REST_answers_503()
    {
        _graph.Server.Given(WireMock.RequestBuilders.Request.Create().WithPath($"/v1.0/users/{Refusing}").UsingGet())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"code":"Authorization_RequestDenied","message":"Insufficient privileges."}}"""));

        var card = await SaveOnCardAsync(Refusing, nameof(ProjectRole.NeighbourhoodMother), "Anne");
        using var put = await PutAsync(Refusing, new JsonObject { ["role"] = nameof(ProjectRole.NeighbourhoodMother), ["firstName"] = "Anne" }, "en");
        using var appoint = new HttpRequestMessage(HttpMethod.Post, $"/api/admin/projects/{ProjectId}/coordinators")
        {
            Content = new StringContent(new JsonObject { ["objectId"] = Refusing, ["displayName"] = "Anne" }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        appoint.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _rest.TokenFor(Admin, roles: [AdministrationRegistration.AdminAppRole]));
        using var appointed = await _rest.CreateClient().SendAsync(appoint);

        Assert.Contains("Organisationens brugerkatalog kunne ikke nås lige nu", Text(card), StringComparison.Ordinal);
        Assert.DoesNotContain("findes ikke i jeres organisation", Text(card), StringComparison.Ordinal);
        Assert.Equal(Refusing, (string?)Picker(card)["value"]);
        await RestAuthenticationTests.AssertProblemAsync(put, HttpStatusCode.ServiceUnavailable);
        Assert.StartsWith("Your organisation's directory could not be reached", (string?)(await put.JsonAsync())["detail"], StringComparison.Ordinal);
        await RestAuthenticationTests.AssertProblemAsync(appointed, HttpStatusCode.ServiceUnavailable);
        Assert.Null(await Directory.FindMemberAsync(ProjectId, Refusing, CancellationToken.None));
    }

    private async Task<JsonObject> SaveOnCardAsync(string objectId, string role, string firstName)
    {
        var form = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId }));
        Assert.Equal("Data.Query", (string?)Picker(form)["choices.data"]!["type"]);
        return Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.SaveMember, JsonObjects.With(ActionData(form, DirectoryCardActions.SaveMember), new JsonObject
        {
            ["objectId"] = objectId,
            ["role"] = role,
            ["firstName"] = firstName,
        })));
    }

    private async Task<HttpResponseMessage> PutAsync(string objectId, JsonObject body, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, Base + "/members/" + objectId)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _rest.TokenFor(Coordinator.ObjectId));
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return await _rest.CreateClient().SendAsync(request);
    }

    /// <summary>The people picker: the card's only input with choices fetched by Teams.</summary>
    private static JsonObject Picker(JsonNode card) =>
        Assert.Single(Elements(card), e => (string?)e["type"] == "Input.ChoiceSet" && e["choices.data"] is not null);

    /// <summary>What the card shows people: text, facts, labels and values of its elements, never the actions' data.</summary>
    private static string VisibleText(JsonNode card) => string.Join("\n", Elements(card).SelectMany(e => new[]
    {
        (string?)e["text"], (string?)e["label"], (string?)e["title"], e["value"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null,
    }.Concat(e["facts"] is JsonArray facts ? facts.SelectMany(f => new[] { (string?)f!["title"], (string?)f["value"] }) : [])));

    private static IEnumerable<JsonObject> Elements(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject element:
                if (element.ContainsKey("type") && !element.ContainsKey("verb"))
                {
                    yield return element;
                }

                foreach (var (key, child) in element)
                {
                    if (key is not "data" and not "actions")
                    {
                        foreach (var inner in Elements(child))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray items:
                foreach (var item in items)
                {
                    foreach (var inner in Elements(item))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
