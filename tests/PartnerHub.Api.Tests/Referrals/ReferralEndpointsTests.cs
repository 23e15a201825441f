using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Referrals;

/// <summary>/api/projects/{projectId}/referrals with real Entra tokens, the real host and Azurite.</summary>
/// <remarks>
/// One host for the class; each test works in a Vollsmose and a Tingbjerg of its own (the same people, other project
/// ids), so it lists, audits and pages only its own referrals.
/// </remarks>
public sealed class ReferralEndpointsTests(RestHostFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    private const string Coordinator = "c0000000-0000-4000-8000-000000000001";
    private const string Kindergarten = "c0000000-0000-4000-8000-000000000002";
    private const string Mother = "c0000000-0000-4000-8000-000000000003";
    private const string OtherMother = "c0000000-0000-4000-8000-000000000004";
    private const string Housing = "c0000000-0000-4000-8000-000000000005";
    private const string Teacher = "c0000000-0000-4000-8000-000000000006";
    private const string SecondCoordinator = "c0000000-0000-4000-8000-000000000007";
    private const string MotherElsewhere = "c0000000-0000-4000-8000-000000000008";
    private const string Phone = "29471183";
    private const string ReferrerNote = "Hun kommer hver morgen med sin søn.";
    private const string MotherNotes = "Vi mødtes på biblioteket.";

    private readonly RestHost _host = fixture.Host;

    private string ProjectId { get; } = RestHostFixture.NewProjectId("vollsmose");

    private string OtherProjectId { get; } = RestHostFixture.NewProjectId("tingbjerg");

    private string Base => $"/api/projects/{ProjectId}/referrals";

    public async Task InitializeAsync()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { Id = ProjectId, TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = _host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        await directory.UpsertOrganisationAsync(new Organisation("boligforeningen", ProjectId, OrganisationKind.HousingAssociation, "Boligforeningen", false), CancellationToken.None);
        foreach (var member in new ProjectMember[]
        {
            new(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"),
            new(Kindergarten, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Mette"),
            new(Mother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(OtherMother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hawa"),
            new(Housing, ProjectId, ProjectRole.PartnerStaff, "boligforeningen", "Jens"),
            new(Teacher, ProjectId, ProjectRole.Teacher, null, "Lise"),
            new(SecondCoordinator, ProjectId, ProjectRole.Coordinator, null, "Lone"),
        })
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        await _host.Projects.UpsertAsync(new Project(OtherProjectId, "Tingbjerg", "København", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(MotherElsewhere, OtherProjectId, ProjectRole.NeighbourhoodMother, null, "Nadia"), CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static JsonObject Form(string firstName = "Amina") => new()
    {
        ["firstName"] = firstName,
        ["languages"] = new JsonArray("ar", "da"),
        ["area"] = "Bøgeparken",
        ["contactChannel"] = "Phone",
        ["bestTime"] = "Morning",
        ["phone"] = "29 47 11 83",
        ["needs"] = new JsonArray("Children", "Network"),
        ["note"] = ReferrerNote,
        ["consentGivenBy"] = "Herself",
        ["consentMethod"] = "Verbal",
        ["consentDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["consentLanguage"] = "ar",
        ["consentConfirmed"] = true,
    };

    [Fact]
    public async Task List_pages_with_a_continuation_token()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await CreateAsync(Kindergarten, Form("Amina"))).Id);
        }

        using var first = await SendAsync(HttpMethod.Get, Base + "?pageSize=2", Coordinator);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page1 = await first.JsonAsync();
        Assert.Equal(2, page1["items"]!.AsArray().Count);
        var token = (string?)page1["continuationToken"];
        Assert.False(string.IsNullOrEmpty(token));

        using var second = await SendAsync(HttpMethod.Get, $"{Base}?pageSize=2&continuationToken={Uri.EscapeDataString(token)}", Coordinator);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var page2 = await second.JsonAsync();
        Assert.Single(page2["items"]!.AsArray());
        Assert.Null((string?)page2["continuationToken"]);

        var listed = page1["items"]!.AsArray().Concat(page2["items"]!.AsArray()).Select(item => (string)item!["id"]!).ToList();
        Assert.Equal(created.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        var item = page1["items"]![0]!.AsObject();
        Assert.Equal(["id", "reference", "firstName", "state", "submittedAt", "lastChangedAt"], item.Select(p => p.Key));

        // The referring organisation lists its own; another organisation and a teacher list nothing.
        Assert.Equal(3, (await ListAsync(Kindergarten))["items"]!.AsArray().Count);
        Assert.Empty((await ListAsync(Housing))["items"]!.AsArray());
        Assert.Empty((await ListAsync(Teacher))["items"]!.AsArray());
        // The default page holds all three.
        Assert.Equal(3, (await ListAsync(Coordinator))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_list_page_is_newest_first_and_holds_only_what_the_caller_may_see()
    {
        // Two organisations' referrals interleaved; the page's rows are read in parallel, the order must not change.
        var created = new List<(string Id, string By)>();
        for (var i = 0; i < 9; i++)
        {
            var by = i % 3 == 1 ? Housing : Kindergarten;
            created.Add(((await CreateAsync(by, Form("Amina"))).Id, by));
        }

        var newestFirst = created.Select(c => c.Id).Reverse().ToList();
        Assert.Equal(newestFirst, Ids(await ListAsync(Coordinator)));
        Assert.Equal(newestFirst.Take(4), Ids(await ListAsync(Coordinator, "?pageSize=4")));
        Assert.Equal(created.Where(c => c.By == Kindergarten).Select(c => c.Id).Reverse(), Ids(await ListAsync(Kindergarten)));
        Assert.Equal(created.Where(c => c.By == Housing).Select(c => c.Id).Reverse(), Ids(await ListAsync(Housing)));
        Assert.Empty(Ids(await ListAsync(Mother)));
        Assert.Empty(Ids(await ListAsync(Teacher)));

        static List<string> Ids(JsonObject page) => page["items"]!.AsArray().Select(item => (string)item!["id"]!).ToList();
    }

    [Theory]
    [InlineData("?pageSize=0")]
    [InlineData("?pageSize=51")]
    [InlineData("?pageSize=abc")]
    [InlineData("?continuationToken=garbage!")]
    [InlineData("?continuationToken=eyJTIjoieCIsIlQiOiJ2b2xsc21vc2UgeCJ9")]
    public async Task Bad_list_parameters_get_400_problem(string query)
    {
        using var response = await SendAsync(HttpMethod.Get, Base + query, Coordinator);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("1!12!Z2VsbGVydXA- 1!8!eA--")]
    [InlineData("{project} referral|abcdefghabcdefgh")]
    public async Task A_token_made_up_by_the_caller_gets_400_even_with_the_scope_it_used_to_carry(string inner)
    {
        inner = inner.Replace("{project}", ProjectId, StringComparison.Ordinal);
        await CreateAsync(Kindergarten, Form());
        // The old wrapper: an unkeyed hash of who the caller is, which anyone could compute.
        var scope = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes($"{ProjectId}|{Housing}|PartnerStaff|boligforeningen")))[..16];
        var token = System.Buffers.Text.Base64Url.EncodeToString(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { S = scope, T = inner }));

        using var response = await SendAsync(HttpMethod.Get, $"{Base}?continuationToken={token}", Housing);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_edited_continuation_token_gets_400_and_the_valid_one_still_works()
    {
        for (var i = 0; i < 2; i++)
        {
            await CreateAsync(Kindergarten, Form());
        }

        var token = (string)(await ListAsync(Coordinator, "?pageSize=1"))["continuationToken"]!;
        var middle = token.Length / 2;
        var edited = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        using (var refused = await SendAsync(HttpMethod.Get, $"{Base}?pageSize=1&continuationToken={Uri.EscapeDataString(edited)}", Coordinator))
        {
            await RestAuthenticationTests.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.NotNull((await refused.JsonAsync())["errors"]?["continuationToken"]);
        }

        var next = await ListAsync(Coordinator, $"?pageSize=1&continuationToken={Uri.EscapeDataString(token)}");
        Assert.Single(next["items"]!.AsArray());
    }

    [Fact]
    public async Task A_continuation_token_is_bound_to_the_person_it_was_given_to()
    {
        for (var i = 0; i < 2; i++)
        {
            await CreateAsync(Kindergarten, Form());
        }

        var token = (string)(await ListAsync(Coordinator, "?pageSize=1"))["continuationToken"]!;

        using var response = await SendAsync(HttpMethod.Get, $"{Base}?continuationToken={Uri.EscapeDataString(token)}", Kindergarten);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var problem = await response.JsonAsync();
        Assert.NotNull(problem["errors"]?["continuationToken"]);
    }

    [Fact]
    public async Task Each_role_sees_its_own_view_and_strangers_get_404()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());
        etag = await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });
        await AdvanceAsync(Mother, id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = MotherNotes });

        // The coordinator: everything but the phone number.
        var coordinator = await GetViewAsync(Coordinator, id);
        Assert.Equal("coordinator", (string?)coordinator["view"]);
        Assert.Equal("Amina", (string?)coordinator["firstName"]);
        // Only the mother who will call her gets the number, on REST as on the cards.
        Assert.Null(coordinator["details"]?["contact"]?["phone"]);
        Assert.Equal("Phone", (string?)coordinator["details"]?["contact"]?["channel"]);
        Assert.Equal(ReferrerNote, (string?)coordinator["details"]?["note"]);
        Assert.Equal("Verbal", (string?)coordinator["details"]?["consent"]?["method"]);
        Assert.Equal(MotherNotes, (string?)coordinator["motherNotes"]);
        Assert.Equal("solsikken", (string?)coordinator["details"]?["referrerOrganisationId"]);
        Assert.Equal(Mother, (string?)coordinator["details"]?["assignedMotherId"]);
        Assert.Equal("Samira", (string?)coordinator["motherFirstName"]);

        // The assigned mother: details and her notes, not who referred.
        var mother = await GetViewAsync(Mother, id);
        Assert.Equal("assignedMother", (string?)mother["view"]);
        Assert.Equal("+45" + Phone, (string?)mother["details"]?["contact"]?["phone"]);
        Assert.Equal(MotherNotes, (string?)mother["motherNotes"]);
        Assert.Null(mother["details"]?["referrerOrganisationId"]);
        Assert.Null(mother["details"]?["referrerObjectId"]);
        Assert.Contains("recordContact", mother["allowedActions"]!.AsArray().Select(a => (string?)a));

        // The referring organisation: the status only.
        var status = await GetViewAsync(Kindergarten, id);
        Assert.Equal("status", (string?)status["view"]);
        Assert.Equal("Amina", (string?)status["firstName"]);
        Assert.Equal("Assigned", (string?)status["state"]);
        Assert.Equal("Samira", (string?)status["motherFirstName"]);
        Assert.Equal(["Submitted", "Assigned"], status["timeline"]!.AsArray().Select(e => (string?)e!["state"]));
        Assert.Equal(["withdraw"], status["allowedActions"]!.AsArray().Select(a => (string?)a));
        var text = status.ToJsonString();
        foreach (var hidden in new[] { "details", "motherNotes", "consent", "phone", "note", Phone, "biblioteket", "morgen", "Bøgeparken", Mother })
        {
            Assert.DoesNotContain(hidden, text, StringComparison.Ordinal);
        }

        // Everyone else: 404, exactly as for a referral that does not exist.
        foreach (var stranger in new[] { Housing, OtherMother, Teacher })
        {
            using var response = await SendAsync(HttpMethod.Get, $"{Base}/{id}", stranger);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Null(response.Headers.ETag);
        }

        using var unknown = await SendAsync(HttpMethod.Get, $"{Base}/abcdefghabcdefgh", Coordinator);
        await RestAuthenticationTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        using var malformed = await SendAsync(HttpMethod.Get, $"{Base}/x'%20or%20'1", Coordinator);
        await RestAuthenticationTests.AssertProblemAsync(malformed, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Get_returns_the_stored_etag_that_a_transition_accepts()
    {
        var (id, created) = await CreateAsync(Kindergarten, Form());

        using var response = await SendAsync(HttpMethod.Get, $"{Base}/{id}", Coordinator);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag;
        Assert.NotNull(etag);
        Assert.Equal(created, etag.ToString());
        Assert.Equal(HttpStatusCode.OK, (await TransitionAsync(Coordinator, id, etag.ToString(), new JsonObject { ["action"] = "accept" })).Response.StatusCode);
    }

    [Theory]
    [InlineData(null, "Skriv kun fornavn eller initialer", "ligner et CPR-nummer", "Bekræft, at hun har sagt ja", "Vælg en af mulighederne")]
    [InlineData("da-DK,da;q=0.9", "Skriv kun fornavn eller initialer", "ligner et CPR-nummer", "Bekræft, at hun har sagt ja", "Vælg en af mulighederne")]
    [InlineData("en-GB,en;q=0.9,da;q=0.5", "Enter only a first name or initials", "looks like a CPR number", "Confirm that she said yes", "Choose one of the options")]
    public async Task Invalid_form_gets_400_with_errors_by_field_in_the_callers_language(string? acceptLanguage, string name, string note, string consent, string languages)
    {
        var form = Form("Amina 2");
        form["note"] = "CPR 010190-1234";
        form["consentConfirmed"] = false;
        form["languages"] = new JsonArray("ar,da");
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() };
        if (acceptLanguage is not null)
        {
            headers["Accept-Language"] = acceptLanguage;
        }

        using var response = await SendAsync(HttpMethod.Post, Base, Kindergarten, form, headers);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = (await response.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["consentConfirmed", "firstName", "languages", "note"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Contains(name, (string?)errors["firstName"]![0], StringComparison.Ordinal);
        Assert.Contains(note, (string?)errors["note"]![0], StringComparison.Ordinal);
        Assert.Contains(consent, (string?)errors["consentConfirmed"]![0], StringComparison.Ordinal);
        Assert.Contains(languages, (string?)errors["languages"]![0], StringComparison.Ordinal);
        Assert.Empty((await ListAsync(Coordinator))["items"]!.AsArray());
    }

    [Fact]
    public async Task Create_answers_201_with_location_and_etag_and_a_repeat_answers_200_with_the_same_referral()
    {
        var key = Guid.NewGuid().ToString();
        var headers = new Dictionary<string, string> { ["Idempotency-Key"] = key };

        using var first = await SendAsync(HttpMethod.Post, Base, Kindergarten, Form(), headers);
        using var repeat = await SendAsync(HttpMethod.Post, Base, Kindergarten, Form(), headers);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var created = await first.JsonAsync();
        var id = (string)created["id"]!;
        Assert.Equal($"{Base}/{id}", first.Headers.Location?.OriginalString);
        Assert.NotNull(first.Headers.ETag);
        // The referrer gets her own view: the status, not what she just typed in.
        Assert.Equal("status", (string?)created["view"]);
        Assert.Equal("Submitted", (string?)created["state"]);
        Assert.DoesNotContain(Phone, created.ToJsonString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(id, (string?)(await repeat.JsonAsync())["id"]);
        Assert.Single((await ListAsync(Coordinator))["items"]!.AsArray());

        // The key is the person's: the coordinator using the same one makes her own referral.
        using var other = await SendAsync(HttpMethod.Post, Base, Coordinator, Form(), headers);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("this key is far too long to be an idempotency key because it goes past sixty-four chars")]
    public async Task Create_without_a_usable_idempotency_key_gets_400_problem(string? key)
    {
        var headers = key is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = key };

        using var response = await SendAsync(HttpMethod.Post, Base, Kindergarten, Form(), headers);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]?["Idempotency-Key"]);
        Assert.Empty((await ListAsync(Coordinator))["items"]!.AsArray());
    }

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother)]
    [InlineData(ProjectRole.Teacher)]
    public async Task Only_partner_staff_and_coordinators_create(ProjectRole role)
    {
        var person = role == ProjectRole.Teacher ? Teacher : Mother;

        using var response = await SendAsync(HttpMethod.Post, Base, person, Form(), new Dictionary<string, string> { ["Idempotency-Key"] = "k1" });

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Malformed_json_gets_400_problem()
    {
        using var content = new StringContent("{\"firstName\": ", Encoding.UTF8, "application/json");
        using var request = Request(HttpMethod.Post, Base, Kindergarten, new Dictionary<string, string> { ["Idempotency-Key"] = "k1" });
        request.Content = content;

        using var response = await _host.CreateClient().SendAsync(request);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Transitions_need_the_current_etag()
    {
        var (id, created) = await CreateAsync(Kindergarten, Form());

        // Good: 200, the new view and a new ETag.
        var (accepted, acceptedETag) = await TransitionAsync(Coordinator, id, created, new JsonObject { ["action"] = "accept" });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal("Accepted", (string?)(await accepted.JsonAsync())["state"]);
        Assert.NotNull(acceptedETag);
        Assert.NotEqual(created, acceptedETag);
        accepted.Dispose();

        // The same request again (a retry): 200 with the current view, nothing applied twice.
        var (retried, _) = await TransitionAsync(Coordinator, id, created, new JsonObject { ["action"] = "accept" });
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        var afterRetry = await retried.JsonAsync();
        Assert.Equal(2, afterRetry["timeline"]!.AsArray().Count);
        retried.Dispose();

        // Stale: 412 with the current ETag to re-read by; nothing changed.
        var (stale, staleETag) = await TransitionAsync(Coordinator, id, created, new JsonObject { ["action"] = "decline", ["reason"] = "NoCapacity" });
        await RestAuthenticationTests.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(acceptedETag, staleETag);
        stale.Dispose();
        Assert.Equal("Accepted", (string?)(await GetViewAsync(Coordinator, id))["state"]);

        // Missing, '*' or a list: 428.
        foreach (var ifMatch in new string?[] { null, "*", $"{acceptedETag}, {created}" })
        {
            using var request = Request(HttpMethod.Post, $"{Base}/{id}/transitions", Coordinator, ifMatch is null ? null : new Dictionary<string, string> { ["If-Match"] = ifMatch });
            request.Content = Json(new JsonObject { ["action"] = "decline", ["reason"] = "NoCapacity" });
            using var response = await _host.CreateClient().SendAsync(request);
            await RestAuthenticationTests.AssertProblemAsync(response, (HttpStatusCode)428);
        }

        // The closed loop through REST: assign, contact, close.
        var etag = await AdvanceAsync(Coordinator, id, acceptedETag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });
        etag = await AdvanceAsync(Mother, id, etag, new JsonObject { ["action"] = "recordContact" });
        var (closed, _) = await TransitionAsync(Mother, id, etag, new JsonObject { ["action"] = "close", ["outcome"] = "JoinedActivities" });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var closedView = await closed.JsonAsync();
        Assert.Equal("Closed", (string?)closedView["state"]);
        Assert.Equal("JoinedActivities", (string?)closedView["details"]?["outcome"]);
        closed.Dispose();
    }

    [Fact]
    public async Task Two_coordinators_assigning_different_mothers_with_one_etag_the_second_gets_412_and_the_first_stays()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());

        var (first, firstETag) = await TransitionAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });
        var (second, secondETag) = await TransitionAsync(SecondCoordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = OtherMother });
        // The same coordinator's same request again: a retry, answered as applied.
        var (retry, retryETag) = await TransitionAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await RestAuthenticationTests.AssertProblemAsync(second, HttpStatusCode.PreconditionFailed);
        Assert.Equal(firstETag, secondETag);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstETag, retryETag);
        first.Dispose();
        second.Dispose();
        retry.Dispose();
        var view = await GetViewAsync(Coordinator, id);
        Assert.Equal(Mother, (string?)view["details"]?["assignedMotherId"]);
        Assert.Equal(2, view["timeline"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_mother_editing_notes_twice_with_one_etag_gets_412_for_the_second_text_and_200_for_her_exact_retry()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());
        etag = await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });

        var (first, firstETag) = await TransitionAsync(Mother, id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = MotherNotes });
        var (other, otherETag) = await TransitionAsync(Mother, id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = "Hun kom ikke." });
        var (retry, retryETag) = await TransitionAsync(Mother, id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = MotherNotes });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await RestAuthenticationTests.AssertProblemAsync(other, HttpStatusCode.PreconditionFailed);
        Assert.Equal(firstETag, otherETag);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(firstETag, retryETag);
        first.Dispose();
        other.Dispose();
        retry.Dispose();
        Assert.Equal(MotherNotes, (string?)(await GetViewAsync(Mother, id))["motherNotes"]);
    }

    [Theory]
    [InlineData(MotherElsewhere)]
    [InlineData(Housing)]
    [InlineData("c0000000-0000-4000-8000-0000000000ff")]
    public async Task Rest_cannot_assign_anyone_but_a_mother_of_the_project_and_nothing_is_stored(string motherId)
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());

        var (refused, _) = await TransitionAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = motherId });

        await RestAuthenticationTests.AssertProblemAsync(refused, HttpStatusCode.BadRequest);
        Assert.NotNull((await refused.JsonAsync())["errors"]?["motherId"]);
        refused.Dispose();
        var view = await GetViewAsync(Coordinator, id);
        Assert.Equal("Submitted", (string?)view["state"]);
        Assert.Null(view["details"]?["assignedMotherId"]);
    }

    [Fact]
    public async Task A_step_the_state_does_not_allow_gets_409_problem()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());

        var (response, current) = await TransitionAsync(Coordinator, id, etag, new JsonObject { ["action"] = "recordContact" });

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(etag, current);
        response.Dispose();
    }

    [Theory]
    [InlineData("""{"action":"fly"}""", "action")]
    [InlineData("""{}""", "action")]
    [InlineData("""{"action":"decline"}""", "reason")]
    [InlineData("""{"action":"decline","reason":"3"}""", "reason")]
    [InlineData("""{"action":"decline","reason":"NoCapacity,Other"}""", "reason")]
    [InlineData("""{"action":"close","outcome":"1"}""", "outcome")]
    [InlineData("""{"action":"close","outcome":"Happy"}""", "outcome")]
    [InlineData("""{"action":"assign"}""", "motherId")]
    [InlineData("""{"action":"assign","motherId":"c0000000-0000-4000-8000-000000000005"}""", "motherId")]
    public async Task An_invalid_transition_body_gets_400_problem_by_field(string body, string field)
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());
        using var request = Request(HttpMethod.Post, $"{Base}/{id}/transitions", Coordinator, new Dictionary<string, string> { ["If-Match"] = etag });
        request.Content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _host.CreateClient().SendAsync(request);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull((await response.JsonAsync())["errors"]?[field]);
        Assert.Equal("Submitted", (string?)(await GetViewAsync(Coordinator, id))["state"]);
    }

    [Theory]
    [InlineData("noCapacity", "NoCapacity")]
    [InlineData(" OUTSIDEAREA ", "OutsideArea")]
    public async Task A_transition_reads_values_in_any_case_as_the_cards_do(string reason, string expected)
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());

        await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "DECLINE", ["reason"] = reason });

        var view = await GetViewAsync(Coordinator, id);
        Assert.Equal(("Declined", expected), ((string?)view["state"], (string?)view["details"]?["declineReason"]));
    }

    [Fact]
    public async Task A_referral_form_reads_choices_in_any_case_as_the_card_form_does()
    {
        var form = Form();
        form["languages"] = new JsonArray("AR", "Da");
        form["contactChannel"] = "phone";
        form["needs"] = new JsonArray("children", "NETWORK");
        form["consentLanguage"] = "Ar";

        var (id, _) = await CreateAsync(Kindergarten, form);

        var details = (await GetViewAsync(Coordinator, id))["details"]!;
        Assert.Equal(["ar", "da"], details["languages"]!.AsArray().Select(l => (string?)l));
        Assert.Equal(["Children", "Network"], details["needs"]!.AsArray().Select(n => (string?)n));
        Assert.Equal("ar", (string?)details["consent"]?["explainedInLanguage"]);
    }

    [Fact]
    public async Task Notes_too_long_get_400_in_english_when_asked()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());
        etag = await AdvanceAsync(Coordinator, id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });
        using var request = Request(HttpMethod.Post, $"{Base}/{id}/transitions", Mother, new Dictionary<string, string> { ["If-Match"] = etag, ["Accept-Language"] = "en" });
        request.Content = Json(new JsonObject { ["action"] = "editNotes", ["notes"] = new string('x', 1001) });

        using var response = await _host.CreateClient().SendAsync(request);

        await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("The text is too long.", (string?)(await response.JsonAsync())["errors"]?["notes"]?[0]);
    }

    [Fact]
    public async Task People_who_may_not_act_on_a_referral_get_404_and_nothing_changes()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());

        foreach (var (person, body) in new[]
        {
            (Housing, new JsonObject { ["action"] = "withdraw" }),
            (Kindergarten, new JsonObject { ["action"] = "accept" }),
            (OtherMother, new JsonObject { ["action"] = "recordContact" }),
            (Teacher, new JsonObject { ["action"] = "accept" }),
        })
        {
            var (response, leaked) = await TransitionAsync(person, id, etag, body);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.NotFound);
            Assert.Null(leaked);
            response.Dispose();
        }

        var (unknown, _) = await TransitionAsync(Coordinator, "abcdefghabcdefgh", etag, new JsonObject { ["action"] = "accept" });
        await RestAuthenticationTests.AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        unknown.Dispose();
        Assert.Equal("Submitted", (string?)(await GetViewAsync(Coordinator, id))["state"]);
    }

    [Fact]
    public async Task The_referrer_withdraws_and_the_personal_data_is_gone()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());

        var (response, _) = await TransitionAsync(Kindergarten, id, etag, new JsonObject { ["action"] = "withdraw" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var view = await response.JsonAsync();
        Assert.Equal("Withdrawn", (string?)view["state"]);
        Assert.Null((string?)view["firstName"]);
        Assert.Empty(view["allowedActions"]!.AsArray());
        response.Dispose();
        var coordinator = await GetViewAsync(Coordinator, id);
        Assert.DoesNotContain(Phone, coordinator.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Amina", coordinator.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_changes_and_refusals_are_audited_with_ids_only()
    {
        var (id, etag) = await CreateAsync(Kindergarten, Form());
        await GetViewAsync(Coordinator, id);
        await GetViewAsync(Kindergarten, id);
        (await TransitionAsync(Coordinator, id, etag, new JsonObject { ["action"] = "accept" })).Response.Dispose();
        using (await SendAsync(HttpMethod.Get, $"{Base}/{id}", Housing))
        {
        }

        await ListAsync(Mother);

        var audit = await AuditRowsAsync();
        Assert.Contains(audit, row => Is(row, Kindergarten, "Create", id, allowed: true));
        Assert.Contains(audit, row => Is(row, Coordinator, "ViewDetails", id, allowed: true));
        Assert.Contains(audit, row => Is(row, Kindergarten, "ViewStatus", id, allowed: true));
        Assert.Contains(audit, row => Is(row, Coordinator, "Accept", id, allowed: true));
        Assert.Contains(audit, row => Is(row, Housing, "ViewStatus", id, allowed: false));
        Assert.Contains(audit, row => Is(row, Mother, "List", "-", allowed: true));
        var everything = string.Join("|", audit.SelectMany(row => ((IDictionary<string, object>)row).Values.Select(v => v?.ToString())));
        Assert.DoesNotContain("Amina", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Referral_endpoints_are_declared_in_the_openapi_document()
    {
        using var host = new RestHost(environment: "Development");

        using var response = await host.GetAsync("/openapi/v1.json", token: null);

        var document = await response.JsonAsync();
        var expected = new (string Path, string Method, string[] Statuses)[]
        {
            ("/api/projects/{projectId}/referrals", "get", ["200", "400", "401", "403", "404"]),
            ("/api/projects/{projectId}/referrals", "post", ["201", "200", "400", "401", "403", "404", "409"]),
            ("/api/projects/{projectId}/referrals/{referralId}", "get", ["200", "401", "403", "404"]),
            ("/api/projects/{projectId}/referrals/{referralId}/transitions", "post", ["200", "400", "404", "409", "412", "428"]),
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

        var parameters = document["paths"]!["/api/projects/{projectId}/referrals/{referralId}/transitions"]!["post"]!["parameters"]!.AsArray();
        Assert.Contains(parameters, p => (string?)p!["name"] == "If-Match" && (string?)p["in"] == "header");
        Assert.NotNull(document["components"]?["schemas"]?["ReferralResponse"]);
    }

    private static bool Is(TableEntity row, string actor, string action, string recordId, bool allowed) =>
        row.GetString("Actor") == actor && row.GetString("Action") == action && row.GetString("RecordId") == recordId && row.GetBoolean("Allowed") == allowed;

    // The audit's partitions are "{projectId}|{yyyyMM}": this test's project's rows, whatever other tests on the host wrote.
    private async Task<List<TableEntity>> AuditRowsAsync() =>
        [.. (await TableRows.AllAsync(_host.Tables.Table(TableNames.Audit)))
            .Where(row => row.PartitionKey.StartsWith(TableKeys.Escape(ProjectId) + "|", StringComparison.Ordinal))];

    private async Task<(string Id, string ETag)> CreateAsync(string person, JsonObject form)
    {
        using var response = await SendAsync(HttpMethod.Post, Base, person, form, new Dictionary<string, string> { ["Idempotency-Key"] = Guid.NewGuid().ToString() });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((string)(await response.JsonAsync())["id"]!, response.Headers.ETag!.ToString());
    }

    private async Task<JsonObject> ListAsync(string person, string query = "")
    {
        using var response = await SendAsync(HttpMethod.Get, Base + query, person);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<JsonObject> GetViewAsync(string person, string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Base}/{id}", person);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    /// <summary>A transition that must succeed; returns the new ETag.</summary>
    private async Task<string> AdvanceAsync(string person, string id, string ifMatch, JsonObject body)
    {
        var (response, etag) = await TransitionAsync(person, id, ifMatch, body);
        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(etag);
            return etag;
        }
    }

    /// <summary>POSTs a transition; the caller disposes the response. ETag is the response's, if any.</summary>
    private async Task<(HttpResponseMessage Response, string? ETag)> TransitionAsync(string person, string id, string ifMatch, JsonObject body)
    {
        var response = await SendAsync(HttpMethod.Post, $"{Base}/{id}/transitions", person, body, new Dictionary<string, string> { ["If-Match"] = ifMatch });
        return (response, response.Headers.ETag?.ToString());
    }

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
