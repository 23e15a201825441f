using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>
/// /api/projects/{projectId}/referrals/{referralId}/onward and /onward/{onwardId} with real Entra tokens, the real host
/// and Azurite. The outbox dispatcher is off, so the notifications each write commits can be counted.
/// </summary>
/// <remarks>One host for the class; each test works in a project of its own, so it counts only its own outbox and audit rows.</remarks>
public sealed class OnwardEndpointsTests(RestHostWithoutOutboxFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostWithoutOutboxFixture>
{
    private const string SocialServices = "familieafdelingen";
    private const string JobCentre = "jobcentret";
    private const string Coordinator = "c0000000-0000-4000-8000-000000000001";
    private const string Kindergarten = "c0000000-0000-4000-8000-000000000002";
    private const string Mother = "c0000000-0000-4000-8000-000000000003";
    private const string SocialWorker = "c0000000-0000-4000-8000-000000000004";
    private const string SocialColleague = "c0000000-0000-4000-8000-000000000005";
    private const string JobCentreStaff = "c0000000-0000-4000-8000-000000000006";
    private const string Teacher = "c0000000-0000-4000-8000-000000000007";
    private const string Phone = "29471183";

    private readonly RestHost _host = fixture.Host;

    private string ProjectId { get; } = RestHostFixture.NewProjectId("vollsmose");

    private string Referrals => $"/api/projects/{ProjectId}/referrals";

    private string Onward => $"/api/projects/{ProjectId}/onward";

    public async Task InitializeAsync()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { Id = ProjectId, TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation(SocialServices, ProjectId, OrganisationKind.SocialServices, "Familieafdelingen", true), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation(JobCentre, ProjectId, OrganisationKind.JobCentre, "Jobcenter Odense", true), CancellationToken.None);
        foreach (var member in new ProjectMember[]
        {
            new(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"),
            new(Kindergarten, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Mette"),
            new(Mother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(SocialWorker, ProjectId, ProjectRole.PartnerStaff, SocialServices, "Lone"),
            new(SocialColleague, ProjectId, ProjectRole.PartnerStaff, SocialServices, "Birgit"),
            new(JobCentreStaff, ProjectId, ProjectRole.PartnerStaff, JobCentre, "Anders"),
            new(Teacher, ProjectId, ProjectRole.Teacher, null, "Lise"),
        })
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Create_answers_201_with_location_and_etag_and_a_repeat_answers_200_with_the_same_onward_referral()
    {
        var (referralId, _) = await ReferralAsync();
        await ClearOutboxAsync();
        var headers = Key(Guid.NewGuid().ToString());
        var body = Refer(SocialServices, "Work", "Health");

        using var first = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, body, headers);
        using var repeat = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, body, headers);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.JsonAsync();
        var id = (string)created["id"]!;
        Assert.Equal($"{Onward}/{id}", first.Headers.Location?.OriginalString);
        Assert.NotNull(first.Headers.ETag);
        Assert.Equal("coordinator", (string?)created["view"]);
        Assert.Equal("Sent", (string?)created["state"]);
        Assert.Equal(referralId, (string?)created["referralId"]);
        Assert.Equal(ReferralIds.Reference(referralId), (string?)created["reference"]);
        Assert.Equal(SocialServices, (string?)created["organisationId"]);
        Assert.Equal("Familieafdelingen", (string?)created["organisationName"]);
        Assert.Equal(["Health", "Work"], created["needs"]!.AsArray().Select(n => (string?)n));
        Assert.Empty(created["allowedActions"]!.AsArray());
        // The coordinator's view is the service's answer, not the woman: that is on the referral.
        Assert.Null(created["person"]);
        Assert.DoesNotContain("Amina", created.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(id, (string?)(await repeat.JsonAsync())["id"]);
        Assert.Equal(first.Headers.ETag, repeat.Headers.ETag);

        // One onward referral; the service's cards and the update of her triage card in Teams go through the outbox, never from here.
        var onward = Assert.Single(await _host.Services.GetRequiredService<OnwardStore>().OfReferralAsync(ProjectId, referralId, CancellationToken.None));
        Assert.Equal(id, onward.Id);
        Assert.Equal(
            new[] { OnwardNotifications.SendCardsKind, ReferralNotifications.UpdateCardsKind }.Order(StringComparer.Ordinal),
            (await OutboxKindsAsync()).Order(StringComparer.Ordinal));

        // The ETag is the stored one: reading it gives the same.
        using var read = await SendAsync(HttpMethod.Get, $"{Onward}/{id}", Coordinator);
        Assert.Equal(first.Headers.ETag, read.Headers.ETag);

        // The same key for another request is refused, not taken for the first one.
        using var reused = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Refer(JobCentre, "Work"), headers);
        await RestAuthenticationTests.AssertProblemAsync(reused, HttpStatusCode.Conflict);
        Assert.Single(await _host.Services.GetRequiredService<OnwardStore>().OfReferralAsync(ProjectId, referralId, CancellationToken.None));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("this key is far too long to be an idempotency key because it goes past sixty-four chars")]
    public async Task Create_without_a_usable_idempotency_key_gets_400_problem(string? key)
    {
        var (referralId, _) = await ReferralAsync();

        using var response = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Refer(SocialServices, "Work"), key is null ? null : Key(key));

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]?["Idempotency-Key"]);
        Assert.Empty(await _host.Services.GetRequiredService<OnwardStore>().OfReferralAsync(ProjectId, referralId, CancellationToken.None));
    }

    public static TheoryData<string?, string[]?, string?, string, string> InvalidCreates() => new()
    {
        // A kindergarten does not receive onward referrals; an unknown id is not in the directory.
        { "solsikken", ["Work"], null, "organisationId", "Vælg en af mulighederne" },
        { "no-such-service", ["Work"], "en-GB,en;q=0.9", "organisationId", "Choose one of the options" },
        { null, ["Work"], "da", "organisationId", "Skal udfyldes" },
        { SocialServices, [], "en", "needs", "Required." },
        { SocialServices, null, "en", "needs", "Required." },
        { SocialServices, ["Work", "Cooking"], "en", "needs", "Choose one of the options" },
        { SocialServices, ["3"], null, "needs", "Vælg en af mulighederne" },
        { SocialServices, ["Work,Health"], "en", "needs", "Choose one of the options" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task An_invalid_create_gets_400_with_errors_by_field_in_the_callers_language_and_stores_nothing(
        string? organisationId, string[]? needs, string? acceptLanguage, string field, string message)
    {
        var (referralId, _) = await ReferralAsync();
        await ClearOutboxAsync();
        var body = new JsonObject { ["organisationId"] = organisationId, ["needs"] = needs is null ? null : new JsonArray(needs.Select(n => (JsonNode?)n).ToArray()) };
        var headers = Key(Guid.NewGuid().ToString());
        if (acceptLanguage is not null)
        {
            headers["Accept-Language"] = acceptLanguage;
        }

        using var response = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, body, headers);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal([field], errors.Select(e => e.Key));
        Assert.Contains(message, (string?)errors[field]![0], StringComparison.Ordinal);
        Assert.Empty(await _host.Services.GetRequiredService<OnwardStore>().OfReferralAsync(ProjectId, referralId, CancellationToken.None));
        Assert.Empty(await OutboxKindsAsync());
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem()
    {
        var (referralId, _) = await ReferralAsync();
        using var request = Request(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Key("k1"));
        request.Content = new StringContent("{\"organisationId\": ", Encoding.UTF8, "application/json");

        using var response = await _host.CreateClient().SendAsync(request);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(Kindergarten)]
    [InlineData(Mother)]
    [InlineData(SocialWorker)]
    [InlineData(Teacher)]
    public async Task Only_the_coordinator_refers_on_and_lists(string person)
    {
        var (referralId, _) = await ReferralAsync();

        using var create = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", person, Refer(SocialServices, "Work"), Key("k1"));
        using var list = await SendAsync(HttpMethod.Get, $"{Referrals}/{referralId}/onward", person);

        await RestAuthenticationTests.AssertProblemAsync(create, HttpStatusCode.Forbidden);
        await RestAuthenticationTests.AssertProblemAsync(list, HttpStatusCode.Forbidden);
        Assert.Empty(await _host.Services.GetRequiredService<OnwardStore>().OfReferralAsync(ProjectId, referralId, CancellationToken.None));
    }

    [Theory]
    [InlineData("abcdefghabcdefgh")]
    [InlineData("x'%20or%20'1")]
    public async Task An_unknown_or_malformed_referral_gets_404(string referralId)
    {
        using var create = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Refer(SocialServices, "Work"), Key("k1"));
        using var list = await SendAsync(HttpMethod.Get, $"{Referrals}/{referralId}/onward", Coordinator);

        await RestAuthenticationTests.AssertProblemAsync(create, HttpStatusCode.NotFound);
        await RestAuthenticationTests.AssertProblemAsync(list, HttpStatusCode.NotFound);
        Assert.Empty(await OutboxKindsAsync());
    }

    [Fact]
    public async Task After_withdrawal_she_cannot_be_referred_on_but_a_retried_create_still_answers_with_what_it_made()
    {
        var (referralId, etag) = await ReferralAsync();
        var key = Key(Guid.NewGuid().ToString());
        using (var before = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Refer(SocialServices, "Work"), key))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        using (var withdraw = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/transitions", Kindergarten, new JsonObject { ["action"] = "withdraw" }, new Dictionary<string, string> { ["If-Match"] = etag }))
        {
            Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        }

        using var again = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Refer(JobCentre, "Work"), Key(Guid.NewGuid().ToString()));
        using var retried = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Refer(SocialServices, "Work"), key);

        await RestAuthenticationTests.AssertProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Single(await _host.Services.GetRequiredService<OnwardStore>().OfReferralAsync(ProjectId, referralId, CancellationToken.None));
    }

    [Fact]
    public async Task The_list_shows_each_onward_referral_oldest_first_with_its_answer()
    {
        var (referralId, _) = await ReferralAsync();
        var social = await CreateAsync(referralId, SocialServices, "Work");
        var job = await CreateAsync(referralId, JobCentre, "Work", "Language");
        await AnswerAsync(JobCentreStaff, job.Id, job.ETag, "decline");
        var (other, _) = await ReferralAsync();
        await CreateAsync(other, SocialServices, "Health");

        using var response = await SendAsync(HttpMethod.Get, $"{Referrals}/{referralId}/onward", Coordinator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var items = (await response.JsonAsync())["items"]!.AsArray();
        Assert.Equal([social.Id, job.Id], items.Select(i => (string?)i!["id"]));
        Assert.Equal(["Familieafdelingen", "Jobcenter Odense"], items.Select(i => (string?)i!["organisationName"]));
        Assert.Equal(["Sent", "Declined"], items.Select(i => (string?)i!["state"]));
        Assert.Null((string?)items[0]!["answeredAt"]);
        Assert.NotNull((string?)items[1]!["answeredAt"]);
        Assert.All(items, i => Assert.Equal("coordinator", (string?)i!["view"]));
        Assert.DoesNotContain("Amina", items.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_side_sees_what_its_card_shows_and_everyone_else_gets_404_or_403()
    {
        var (referralId, _) = await ReferralAsync();
        var (id, etag) = await CreateAsync(referralId, SocialServices, "Work", "Health");

        // The coordinator: which service, its answer; nothing about her.
        var coordinator = await GetViewAsync(Coordinator, id);
        Assert.Equal("coordinator", (string?)coordinator["view"]);
        Assert.Equal(referralId, (string?)coordinator["referralId"]);
        Assert.Null(coordinator["person"]);

        // The receiving service: what it needs to reach her, and the two answers.
        using var response = await SendAsync(HttpMethod.Get, $"{Onward}/{id}", SocialColleague);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag?.ToString());
        var service = await response.JsonAsync();
        Assert.Equal("receivingService", (string?)service["view"]);
        Assert.Equal(ReferralIds.Reference(referralId), (string?)service["reference"]);
        Assert.Equal("Amina", (string?)service["person"]?["firstName"]);
        Assert.Equal(["ar", "da"], service["person"]!["languages"]!.AsArray().Select(l => (string?)l));
        Assert.Equal("Phone", (string?)service["person"]?["contactChannel"]);
        Assert.Equal("Morning", (string?)service["person"]?["bestTime"]);
        Assert.Equal("+45" + Phone, (string?)service["person"]?["phone"]);
        Assert.Equal(DemoData.Vollsmose.Name, (string?)service["fromProject"]);
        Assert.Equal(["accept", "decline"], service["allowedActions"]!.AsArray().Select(a => (string?)a));
        Assert.Null(service["referralId"]);
        // Never the referrer's note, her area or the consent details, as on the onward card.
        var text = service.ToJsonString();
        foreach (var hidden in new[] { "note", "Bøgeparken", "consent", "Verbal", "morgen", Kindergarten })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }

        // Another service's staff: 404, exactly as for one that does not exist, and no ETag.
        using var stranger = await SendAsync(HttpMethod.Get, $"{Onward}/{id}", JobCentreStaff);
        await RestAuthenticationTests.AssertProblemAsync(stranger, HttpStatusCode.NotFound);
        Assert.Null(stranger.Headers.ETag);
        Assert.DoesNotContain("Amina", await stranger.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await SendAsync(HttpMethod.Get, $"{Onward}/abcdefghabcdefgh", Coordinator);
        await RestAuthenticationTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        using var malformed = await SendAsync(HttpMethod.Get, $"{Onward}/x'%20or%20'1", SocialWorker);
        await RestAuthenticationTests.AssertProblemAsync(malformed, HttpStatusCode.NotFound);

        // Mothers and teachers have no part in onward referrals at all.
        foreach (var person in new[] { Mother, Teacher })
        {
            using var refused = await SendAsync(HttpMethod.Get, $"{Onward}/{id}", person);
            await RestAuthenticationTests.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        }

        // The stranger's attempt is audited, with ids only.
        var audit = await AuditRowsAsync();
        Assert.Contains(audit, row => Is(row, JobCentreStaff, "View", id, allowed: false));
        Assert.Contains(audit, row => Is(row, SocialColleague, "View", id, allowed: true));
        Assert.Contains(audit, row => Is(row, Coordinator, "Create", id, allowed: true));
    }

    [Fact]
    public async Task Once_consent_is_withdrawn_the_service_sees_no_one_and_cannot_answer()
    {
        var (referralId, referralETag) = await ReferralAsync();
        var (id, _) = await CreateAsync(referralId, SocialServices, "Work");
        using (var withdraw = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/transitions", Kindergarten, new JsonObject { ["action"] = "withdraw" }, new Dictionary<string, string> { ["If-Match"] = referralETag }))
        {
            Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        }

        var service = await GetViewAsync(SocialWorker, id);

        Assert.Null(service["person"]);
        Assert.Empty(service["allowedActions"]!.AsArray());
        Assert.DoesNotContain(Phone, service.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Answering_needs_the_current_etag_and_only_the_first_answer_counts()
    {
        var (referralId, _) = await ReferralAsync();
        var (id, etag) = await CreateAsync(referralId, SocialServices, "Work");
        await ClearOutboxAsync();

        // Good: 200, the service's view with the answer and a new ETag; the notifications are committed with it.
        var (accepted, acceptedETag) = await AnswerAsync(SocialWorker, id, etag, "accept");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        var view = await accepted.JsonAsync();
        Assert.Equal("Accepted", (string?)view["state"]);
        Assert.Equal("receivingService", (string?)view["view"]);
        Assert.NotNull(view["answeredAt"]);
        Assert.Empty(view["allowedActions"]!.AsArray());
        Assert.NotNull(acceptedETag);
        Assert.NotEqual(etag, acceptedETag);
        accepted.Dispose();
        Assert.Equal(
            new[] { OnwardNotifications.SendStatusKind, OnwardNotifications.UpdateCardsKind, ReferralNotifications.UpdateCardsKind }.Order(StringComparer.Ordinal),
            (await OutboxKindsAsync()).Order(StringComparer.Ordinal));

        // Her own answer retried with the ETag she read: 200 with the current view, applied once.
        var (retried, retriedETag) = await AnswerAsync(SocialWorker, id, etag, "accept");
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(acceptedETag, retriedETag);
        retried.Dispose();

        // A colleague with the ETag she read before: 412 with the current ETag to re-read by.
        var (stale, staleETag) = await AnswerAsync(SocialColleague, id, etag, "decline");
        await RestAuthenticationTests.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(acceptedETag, staleETag);
        stale.Dispose();

        // With the current ETag: 409, it is answered.
        var (answered, _) = await AnswerAsync(SocialColleague, id, acceptedETag, "decline");
        await RestAuthenticationTests.AssertProblemAsync(answered, HttpStatusCode.Conflict);
        answered.Dispose();

        var stored = await _host.Services.GetRequiredService<OnwardStore>().FindAsync(ProjectId, id, CancellationToken.None);
        Assert.Equal(OnwardState.Accepted, stored!.Onward.State);
        Assert.Equal(SocialWorker, stored.Onward.AnsweredByObjectId);
        Assert.Equal(3, (await OutboxKindsAsync()).Count);
        var listed = Assert.Single((await GetListAsync(referralId))["items"]!.AsArray());
        Assert.Equal("Accepted", (string?)listed!["state"]);
    }

    [Fact]
    public async Task An_answer_without_a_usable_if_match_gets_428_and_a_bad_body_400()
    {
        var (referralId, _) = await ReferralAsync();
        var (id, etag) = await CreateAsync(referralId, SocialServices, "Work");

        foreach (var ifMatch in new string?[] { null, "*", $"{etag}, {etag}" })
        {
            using var response = await SendAsync(HttpMethod.Post, $"{Onward}/{id}/answer", SocialWorker, new JsonObject { ["answer"] = "accept" },
                ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch });
            await RestAuthenticationTests.AssertProblemAsync(response, (HttpStatusCode)428);
        }

        foreach (var (body, message) in new[] { ("""{"answer":"maybe"}""", "Choose one of the options"), ("""{}""", "Required.") })
        {
            using var request = Request(HttpMethod.Post, $"{Onward}/{id}/answer", SocialWorker, new Dictionary<string, string> { ["If-Match"] = etag, ["Accept-Language"] = "en" });
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _host.CreateClient().SendAsync(request);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Contains(message, (string?)(await response.JsonAsync())["errors"]?["answer"]?[0], StringComparison.Ordinal);
        }

        Assert.Equal("Sent", (string?)(await GetViewAsync(SocialWorker, id))["state"]);
    }

    [Fact]
    public async Task Only_the_receiving_services_staff_answer()
    {
        var (referralId, _) = await ReferralAsync();
        var (id, etag) = await CreateAsync(referralId, SocialServices, "Work");

        var (stranger, leaked) = await AnswerAsync(JobCentreStaff, id, etag, "accept");
        await RestAuthenticationTests.AssertProblemAsync(stranger, HttpStatusCode.NotFound);
        Assert.Null(leaked);
        stranger.Dispose();
        foreach (var person in new[] { Coordinator, Mother, Teacher })
        {
            var (refused, _) = await AnswerAsync(person, id, etag, "accept");
            await RestAuthenticationTests.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
            refused.Dispose();
        }

        var (unknown, _) = await AnswerAsync(SocialWorker, "abcdefghabcdefgh", etag, "accept");
        await RestAuthenticationTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        unknown.Dispose();

        Assert.Equal("Sent", (string?)(await GetViewAsync(SocialWorker, id))["state"]);
        Assert.Contains(await AuditRowsAsync(), row => Is(row, JobCentreStaff, "Answer", id, allowed: false));
    }

    [Fact]
    public async Task A_missing_or_forged_token_gets_401_on_every_onward_endpoint()
    {
        var (referralId, _) = await ReferralAsync();
        var (id, etag) = await CreateAsync(referralId, SocialServices, "Work");
        using var otherKey = new TestKey("not-entras-key");
        var forged = _host.TokenFor(SocialWorker, key: otherKey);
        var requests = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Get, $"{Referrals}/{referralId}/onward"),
            (HttpMethod.Post, $"{Referrals}/{referralId}/onward"),
            (HttpMethod.Get, $"{Onward}/{id}"),
            (HttpMethod.Post, $"{Onward}/{id}/answer"),
        };

        foreach (var (method, path) in requests)
        {
            foreach (var token in new[] { null, forged, _host.TokenFor(Coordinator, audience: "api://someone-else") })
            {
                using var request = new HttpRequestMessage(method, path);
                if (token is not null)
                {
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                }

                request.Headers.TryAddWithoutValidation("If-Match", etag);
                request.Headers.TryAddWithoutValidation("Idempotency-Key", "k1");
                request.Content = method == HttpMethod.Post ? Json(new JsonObject { ["answer"] = "accept", ["organisationId"] = JobCentre, ["needs"] = new JsonArray("Work") }) : null;
                using var response = await _host.CreateClient().SendAsync(request);
                await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
            }
        }

        Assert.Equal("Sent", (string?)(await GetViewAsync(SocialWorker, id))["state"]);
        Assert.Single(await _host.Services.GetRequiredService<OnwardStore>().OfReferralAsync(ProjectId, referralId, CancellationToken.None));
    }

    [Fact]
    public async Task Onward_endpoints_are_declared_in_the_openapi_document()
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync("/openapi/v1.json", token: null);

        var document = await response.JsonAsync();
        var expected = new (string Path, string Method, string[] Statuses)[]
        {
            ("/api/projects/{projectId}/referrals/{referralId}/onward", "get", ["200", "401", "403", "404"]),
            ("/api/projects/{projectId}/referrals/{referralId}/onward", "post", ["201", "200", "400", "401", "403", "404", "409"]),
            ("/api/projects/{projectId}/onward/{onwardId}", "get", ["200", "401", "403", "404"]),
            ("/api/projects/{projectId}/onward/{onwardId}/answer", "post", ["200", "400", "401", "403", "404", "409", "412", "428"]),
        };
        foreach (var (path, method, statuses) in expected)
        {
            var operation = document["paths"]?[path]?[method];
            Assert.True(operation is not null, $"{method} {path} is not declared");
            Assert.False(string.IsNullOrEmpty((string?)operation["summary"]), $"{method} {path} has no summary");
            foreach (var status in statuses)
            {
                Assert.True(operation["responses"]?[status] is not null, $"{method} {path}: response {status} is not declared");
            }
        }

        Assert.Contains(document["paths"]!["/api/projects/{projectId}/onward/{onwardId}/answer"]!["post"]!["parameters"]!.AsArray(),
            p => (string?)p!["name"] == "If-Match" && (string?)p["in"] == "header");
        Assert.Contains(document["paths"]!["/api/projects/{projectId}/referrals/{referralId}/onward"]!["post"]!["parameters"]!.AsArray(),
            p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
        Assert.NotNull(document["components"]?["schemas"]?["OnwardResponse"]);
    }

    private static JsonObject Refer(string organisationId, params string[] needs) =>
        new() { ["organisationId"] = organisationId, ["needs"] = new JsonArray(needs.Select(n => (JsonNode?)n).ToArray()) };

    private static Dictionary<string, string> Key(string key) => new() { ["Idempotency-Key"] = key };

    private static bool Is(TableEntity row, string actor, string action, string recordId, bool allowed) =>
        row.GetString("Actor") == actor && row.GetString("Action") == action && row.GetString("RecordId") == recordId && row.GetBoolean("Allowed") == allowed;

    /// <summary>A referral from the kindergarten, through REST; its id and ETag.</summary>
    private async Task<(string Id, string ETag)> ReferralAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, Referrals, Kindergarten, ReferralEndpointsTests.Form(), Key(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((string)(await response.JsonAsync())["id"]!, response.Headers.ETag!.ToString());
    }

    private async Task<(string Id, string ETag)> CreateAsync(string referralId, string organisationId, params string[] needs)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Referrals}/{referralId}/onward", Coordinator, Refer(organisationId, needs), Key(Guid.NewGuid().ToString()));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((string)(await response.JsonAsync())["id"]!, response.Headers.ETag!.ToString());
    }

    /// <summary>POSTs an answer; the caller disposes the response. ETag is the response's, if any.</summary>
    private async Task<(HttpResponseMessage Response, string? ETag)> AnswerAsync(string person, string id, string ifMatch, string answer)
    {
        var response = await SendAsync(HttpMethod.Post, $"{Onward}/{id}/answer", person, new JsonObject { ["answer"] = answer }, new Dictionary<string, string> { ["If-Match"] = ifMatch });
        return (response, response.Headers.ETag?.ToString());
    }

    private async Task<JsonObject> GetViewAsync(string person, string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Onward}/{id}", person);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<JsonObject> GetListAsync(string referralId)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Referrals}/{referralId}/onward", Coordinator);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<List<string>> OutboxKindsAsync()
    {
        var kinds = new List<string>();
        await foreach (var row in _host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(ProjectId, "outbox|")))
        {
            kinds.Add(row.GetString("Kind") ?? string.Empty);
        }

        return kinds;
    }

    /// <summary>Drops the outbox rows so far (the referral's own), so a test counts only what its step commits.</summary>
    private async Task ClearOutboxAsync()
    {
        await foreach (var row in _host.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(ProjectId, "outbox|")))
        {
            await _host.Tables.Table(TableNames.Main).DeleteEntityAsync(row.PartitionKey, row.RowKey);
        }
    }

    // The audit's partitions are "{projectId}|{yyyyMM}": this test's project's rows, whatever other tests on the host wrote.
    private async Task<List<TableEntity>> AuditRowsAsync() =>
        [.. (await TableRows.AllAsync(_host.Tables.Table(TableNames.Audit)))
            .Where(row => row.PartitionKey.StartsWith(TableKeys.Escape(ProjectId) + "|", StringComparison.Ordinal))];

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, JsonObject? body = null, IReadOnlyDictionary<string, string>? headers = null)
    {
        using var request = Request(method, path, person, headers);
        request.Content = body is null ? null : Json(body);
        return await _host.CreateClient().SendAsync(request);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string person, IReadOnlyDictionary<string, string>? headers)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            // Without validation: the tests send malformed values on purpose.
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    private static StringContent Json(JsonObject body) => new(body.ToJsonString(), Encoding.UTF8, "application/json");
}
