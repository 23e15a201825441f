using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Partners;

/// <summary>
/// Every directory change through both entry points, the card (/api/messages) and REST, against the same tables:
/// the same bad input gets the same refusal in the same words, the same coordinator rules hold, and a change from an
/// older version is either the author's own retry (applied once) or a lost race (the current version and a notice, 412).
/// </summary>
public sealed class DirectoryEntryPointTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Base = "/api/projects/vollsmose/directory";
    private const string Newcomer = "3f2b8c1e-5d4a-4b7e-9c21-7a0d6e4f1b92";
    private const string ChangedMeanwhile = "En anden har lige ændret det";

    private static readonly Person SecondCoordinator = new("29:second-coordinator", "9a1c3e5f-0b2d-4f6a-8c1e-3d5f7a9b1c2d", "a:chat-second-coordinator");

    private readonly BotHost _bot = new();
    private RestHost _rest = null!;
    private ReferralScenario _scenario = null!;

    private DirectoryStore Directory => _bot.Services.GetRequiredService<DirectoryStore>();

    public async Task InitializeAsync()
    {
        // The REST host reads and writes the bot host's tables: one deployment, two doors.
        _rest = new RestHost(settings: new Dictionary<string, string?> { ["Storage:TablePrefix"] = _bot.TablePrefix, ["Outbox:Enabled"] = "false" });
        _scenario = new ReferralScenario(_bot);
        await _scenario.SeedAsync();
        await Directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(SecondCoordinator.ObjectId, ProjectId, ProjectRole.Coordinator, null, "Lene"), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _rest.Dispose();
        _bot.Dispose();
    }

    [Theory]
    [InlineData("da", "Boss", "", "Anne", "role")]
    [InlineData("da", "coordinator", "", "Anne", "role")]
    [InlineData("da", "2", "", "Anne", "role")]
    [InlineData("da", "PartnerStaff", "", "Anne", "organisationId")]
    [InlineData("en", "PartnerStaff", "", "Anne", "organisationId")]
    [InlineData("da", "PartnerStaff", "no-such-place", "Anne", "organisationId")]
    [InlineData("da", "NeighbourhoodMother", "", "Anne 2", "firstName")]
    [InlineData("en", "NeighbourhoodMother", "", "Anne 2", "firstName")]
    [InlineData("da", "NeighbourhoodMother", "", "Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "firstName")]
    public async Task The_same_bad_person_gets_the_same_refusal_on_the_card_and_over_REST(string language, string role, string organisationId, string firstName, string field)
    {
        await _scenario.ChooseLanguageAsync(Coordinator, language);
        var form = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId }));
        var card = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.SaveMember, JsonObjects.With(ActionData(form, DirectoryCardActions.SaveMember), new JsonObject
        {
            ["objectId"] = Newcomer,
            ["role"] = role,
            ["organisationId"] = organisationId,
            ["firstName"] = firstName,
        })));

        using var response = await SendAsync(HttpMethod.Put, Base + "/members/" + Newcomer, Coordinator, new JsonObject
        {
            ["role"] = role,
            ["organisationId"] = organisationId,
            ["firstName"] = firstName,
        }, language);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        var message = (string)errors[field]![0]!;
        Assert.Contains(message, Text(card), StringComparison.Ordinal);
        Assert.True(HasAction(card, DirectoryCardActions.SaveMember));
        Assert.Null(await Directory.FindMemberAsync(ProjectId, Newcomer, CancellationToken.None));
    }

    [Theory]
    [InlineData("Jobcenter!", "Jobcenter", "JobCentre", "organisationId")]
    [InlineData("jobcenter", "", "JobCentre", "name")]
    [InlineData("jobcenter", "Job\u0007center", "JobCentre", "name")]
    [InlineData("jobcenter", "Jobcenter", "5", "kind")]
    [InlineData("jobcenter", "Jobcenter", "jobcentre", "kind")]
    public async Task The_same_bad_organisation_gets_the_same_refusal_on_the_card_and_over_REST(string id, string name, string kind, string restField)
    {
        var form = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditOrganisation, new JsonObject { ["projectId"] = ProjectId }));
        var card = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.SaveOrganisation, JsonObjects.With(ActionData(form, DirectoryCardActions.SaveOrganisation), new JsonObject
        {
            ["organisationId"] = id,
            ["name"] = name,
            ["kind"] = kind,
        })));

        using var response = await SendAsync(HttpMethod.Put, Base + "/organisations/" + Uri.EscapeDataString(id), Coordinator, new JsonObject { ["name"] = name, ["kind"] = kind });

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal([restField], errors.Select(e => e.Key));
        Assert.Contains((string)errors[restField]![0]!, Text(card), StringComparison.Ordinal);
        Assert.Equal(3, (await Directory.OrganisationsAsync(ProjectId, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_coordinator_taking_away_her_own_role_is_refused_on_both_paths_in_the_same_words()
    {
        // Lene is a second coordinator, so the project would not be left without one: still refused, on both paths.
        var edit = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId, ["objectId"] = Coordinator.ObjectId }));
        var etag = (string)ActionData(edit, DirectoryCardActions.SaveMember)["etag"]!;
        var demotion = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.SaveMember, JsonObjects.With(ActionData(edit, DirectoryCardActions.SaveMember), new JsonObject
        {
            ["role"] = nameof(ProjectRole.Teacher),
            ["firstName"] = "Karen",
        })));
        var removal = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.RemoveMember, ActionData(edit, DirectoryCardActions.RemoveMember)));

        using var put = await SendAsync(HttpMethod.Put, Base + "/members/" + Coordinator.ObjectId, Coordinator, new JsonObject { ["role"] = "Teacher", ["firstName"] = "Karen" }, ifMatch: etag);
        using var delete = await SendAsync(HttpMethod.Delete, Base + "/members/" + Coordinator.ObjectId, Coordinator, ifMatch: etag);

        await RestAuthenticationTests.AssertProblemAsync(put, HttpStatusCode.Conflict);
        await RestAuthenticationTests.AssertProblemAsync(delete, HttpStatusCode.Conflict);
        var words = (string)(await put.JsonAsync())["detail"]!;
        Assert.StartsWith("Du kan ikke selv fjerne din koordinatorrolle", words, StringComparison.Ordinal);
        Assert.Equal(words, (string?)(await delete.JsonAsync())["detail"]);
        Assert.Contains(words, Text(demotion), StringComparison.Ordinal);
        Assert.Contains(words, Text(removal), StringComparison.Ordinal);
        var stored = await Directory.FindStoredMemberAsync(ProjectId, Coordinator.ObjectId, CancellationToken.None);
        Assert.Equal(ProjectRole.Coordinator, stored!.Member.Role);
        Assert.Equal(etag, stored.ETag.ToString());
        Assert.Equal(4, (await AuditRowsAsync()).Count(row => (string?)row["Actor"] == Coordinator.ObjectId && row["Allowed"] is false));
    }

    [Fact]
    public async Task Two_coordinators_saving_one_organisation_from_one_card_the_second_gets_the_current_version_and_the_exact_retry_is_saved_once()
    {
        var open = new JsonObject { ["projectId"] = ProjectId, ["organisationId"] = "solsikken" };
        var karens = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.EditOrganisation, open));
        var lenes = Card(await _scenario.ActAsync(SecondCoordinator, DirectoryCardActions.EditOrganisation, open));
        JsonObject Named(JsonObject form, string name) => JsonObjects.With(ActionData(form, DirectoryCardActions.SaveOrganisation), new JsonObject
        {
            ["name"] = name,
            ["kind"] = nameof(OrganisationKind.Kindergarten),
            ["receivesOnwardReferrals"] = "false",
        });

        var first = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.SaveOrganisation, Named(karens, "Solsikken A")));
        var saved = await Directory.FindStoredOrganisationAsync(ProjectId, "solsikken", CancellationToken.None);
        var second = Card(await _scenario.ActAsync(SecondCoordinator, DirectoryCardActions.SaveOrganisation, Named(lenes, "Solsikken B")));
        var retry = Card(await _scenario.ActAsync(Coordinator, DirectoryCardActions.SaveOrganisation, Named(karens, "Solsikken A")));

        Assert.Contains("Organisationen er gemt.", Text(first), StringComparison.Ordinal);
        Assert.Contains(ChangedMeanwhile, Text(second), StringComparison.Ordinal);
        Assert.Contains("\"Solsikken A\"", Text(second), StringComparison.Ordinal);
        Assert.Equal(saved!.ETag.ToString(), (string?)ActionData(second, DirectoryCardActions.SaveOrganisation)["etag"]);
        Assert.Contains("Organisationen er gemt.", Text(retry), StringComparison.Ordinal);
        var now = await Directory.FindStoredOrganisationAsync(ProjectId, "solsikken", CancellationToken.None);
        Assert.Equal(saved.ETag, now!.ETag);
        Assert.Equal("Solsikken A", now.Organisation.Name);
        Assert.Single(await AuditRowsAsync(), row => (string?)row["Action"] == "SaveOrganisation" && row["Allowed"] is true);
    }

    [Fact]
    public async Task Two_coordinators_putting_one_organisation_with_one_etag_the_second_gets_412_and_the_exact_retry_200()
    {
        var etag = (await Directory.FindStoredOrganisationAsync(ProjectId, "solsikken", CancellationToken.None))!.ETag.ToString();
        var path = Base + "/organisations/solsikken";
        JsonObject Named(string name) => new() { ["kind"] = "Kindergarten", ["name"] = name };

        using var first = await SendAsync(HttpMethod.Put, path, Coordinator, Named("Solsikken A"), ifMatch: etag);
        using var other = await SendAsync(HttpMethod.Put, path, SecondCoordinator, Named("Solsikken B"), ifMatch: etag);
        using var sameTextOtherPerson = await SendAsync(HttpMethod.Put, path, SecondCoordinator, Named("Solsikken A"), ifMatch: etag);
        using var retry = await SendAsync(HttpMethod.Put, path, Coordinator, Named("Solsikken A"), ifMatch: etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await RestAuthenticationTests.AssertProblemAsync(other, HttpStatusCode.PreconditionFailed);
        await RestAuthenticationTests.AssertProblemAsync(sameTextOtherPerson, HttpStatusCode.PreconditionFailed);
        Assert.Equal(first.Headers.ETag, other.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(first.Headers.ETag, retry.Headers.ETag);
        Assert.Equal("Solsikken A", (await Directory.FindOrganisationAsync(ProjectId, "solsikken", CancellationToken.None))!.Name);
        Assert.Single(await AuditRowsAsync(), row => (string?)row["Action"] == "SaveOrganisation" && row["Allowed"] is true);
    }

    [Fact]
    public async Task A_change_on_the_card_and_a_removal_over_REST_from_one_version_the_removal_loses_and_her_own_retry_is_applied_once()
    {
        var edit = Card(await _scenario.ActAsync(SecondCoordinator, DirectoryCardActions.EditMember, new JsonObject { ["projectId"] = ProjectId, ["objectId"] = Housing.ObjectId }));
        var etag = (string)ActionData(edit, DirectoryCardActions.SaveMember)["etag"]!;
        var saved = Card(await _scenario.ActAsync(SecondCoordinator, DirectoryCardActions.SaveMember, JsonObjects.With(ActionData(edit, DirectoryCardActions.SaveMember), new JsonObject
        {
            ["role"] = nameof(ProjectRole.PartnerStaff),
            ["organisationId"] = "boligforeningen",
            ["firstName"] = "Jens Peter",
        })));
        Assert.Contains("Personen er gemt.", Text(saved), StringComparison.Ordinal);

        using var stale = await SendAsync(HttpMethod.Delete, Base + "/members/" + Housing.ObjectId, Coordinator, ifMatch: etag);
        await RestAuthenticationTests.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        var current = (await Directory.FindStoredMemberAsync(ProjectId, Housing.ObjectId, CancellationToken.None))!;
        Assert.Equal(current.ETag.ToString(), stale.Headers.ETag?.ToString());

        using var removed = await SendAsync(HttpMethod.Delete, Base + "/members/" + Housing.ObjectId, Coordinator, ifMatch: current.ETag.ToString());
        using var retried = await SendAsync(HttpMethod.Delete, Base + "/members/" + Housing.ObjectId, Coordinator, ifMatch: current.ETag.ToString());
        using var lenes = await SendAsync(HttpMethod.Delete, Base + "/members/" + Housing.ObjectId, SecondCoordinator, ifMatch: current.ETag.ToString());

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, retried.StatusCode);
        await RestAuthenticationTests.AssertProblemAsync(lenes, HttpStatusCode.NotFound);
        Assert.Null(await Directory.FindMemberAsync(ProjectId, Housing.ObjectId, CancellationToken.None));
        Assert.Empty(await _rest.Directory.MembershipsAsync(BotHost.TenantId, Housing.ObjectId, CancellationToken.None));
        Assert.Single(await AuditRowsAsync(), row => (string?)row["Action"] == "RemoveMember" && row["Allowed"] is true);
    }

    private Task<List<TableEntity>> AuditRowsAsync() => TableRows.AllAsync(_bot.Tables.Table("audit"));

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, Person person, JsonObject? body = null, string? language = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _rest.TokenFor(person.ObjectId));
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        request.Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _rest.CreateClient().SendAsync(request);
    }
}
