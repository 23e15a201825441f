using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Privacy.Subjects;

/// <summary>
/// The correction paths of <c>RectificationDeclarationTests.ExercisedBy</c> that name this class, against the real host
/// and Azurite with real Entra tokens: the value changes in storage, the correction is in the audit, a wrong role is refused.
/// </summary>
/// <remarks>One host for the class; each test works in a project of its own.</remarks>
public sealed class RectificationPathTests(RestHostFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    private const string Coordinator = "e0000000-0000-4000-8000-000000000001";
    private const string Kindergarten = "e0000000-0000-4000-8000-000000000002";
    private const string Mother = "e0000000-0000-4000-8000-000000000003";
    private const string OtherMother = "e0000000-0000-4000-8000-000000000004";
    private const string Teacher = "e0000000-0000-4000-8000-000000000005";

    private readonly RestHost _host = fixture.Host;
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow.AddMinutes(-1);

    private string ProjectId { get; } = RestHostFixture.NewProjectId("rectify");

    private string Referrals => $"/api/projects/{ProjectId}/referrals";

    private ReferralStore Store => _host.Services.GetRequiredService<ReferralStore>();

    private DirectoryStore Directory => _host.Services.GetRequiredService<DirectoryStore>();

    public async Task InitializeAsync()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { Id = ProjectId, TenantId = RestHost.TenantId }, CancellationToken.None);
        await Directory.UpsertOrganisationAsync(new Organisation("solsikken", ProjectId, OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        foreach (var member in new ProjectMember[]
        {
            new(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"),
            new(Kindergarten, ProjectId, ProjectRole.PartnerStaff, "solsikken", "Mette"),
            new(Mother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira"),
            new(OtherMother, ProjectId, ProjectRole.NeighbourhoodMother, null, "Hawa"),
            new(Teacher, ProjectId, ProjectRole.Teacher, null, "Lise"),
        })
        {
            await Directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_coordinator_corrects_her_name_phone_and_note_once_audited_and_a_stale_or_missing_etag_changes_nothing()
    {
        var (id, etag) = await ReferAsync();
        var correction = new JsonObject { ["firstName"] = "Aminah", ["phone"] = "87 65 43 21", ["note"] = "" };

        using var missing = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, correction);
        using var corrected = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, correction, etag);
        using var retry = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, correction, etag);
        using var stale = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, new JsonObject { ["firstName"] = "Amira" }, etag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("Aminah", (string?)(await corrected.JsonAsync())["firstName"]);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal(corrected.Headers.ETag, retry.Headers.ETag);
        await RestAuthenticationTests.AssertProblemAsync(stale, HttpStatusCode.PreconditionFailed);
        Assert.Equal(corrected.Headers.ETag, stale.Headers.ETag);

        var stored = (await Store.FindAsync(ProjectId, id, CancellationToken.None))!.Referral;
        Assert.Equal("Aminah", stored.Person!.FirstNameOrInitials);
        Assert.Equal("+4587654321", stored.Person.Contact.PhoneNumber);
        Assert.Null(stored.Person.Note);
        Assert.Equal(["ar", "da"], stored.Person.PreferredLanguages);
        Assert.Single(await AuditAsync(id, Coordinator, "Rectify", allowed: true));
    }

    [Fact]
    public async Task The_assigned_mother_corrects_how_to_reach_her_but_not_the_note_and_other_roles_are_refused()
    {
        var (id, etag) = await ReferAsync();
        etag = await TransitionAsync(id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });

        using var contact = await SendAsync(HttpMethod.Patch, Person(id), Mother, new JsonObject { ["contactChannel"] = "AtProjectPlace", ["languages"] = new JsonArray("so") }, etag);
        Assert.Equal(HttpStatusCode.OK, contact.StatusCode);
        etag = contact.Headers.ETag!.ToString();

        using var note = await SendAsync(HttpMethod.Patch, Person(id), Mother, new JsonObject { ["note"] = "Ny note" }, etag, language: "en");
        await RestAuthenticationTests.AssertProblemAsync(note, HttpStatusCode.BadRequest);
        Assert.Equal("You cannot correct this field.", (string?)(await note.JsonAsync())["errors"]?["note"]?[0]);
        using var otherMother = await SendAsync(HttpMethod.Patch, Person(id), OtherMother, new JsonObject { ["firstName"] = "X" }, etag);
        Assert.Equal(HttpStatusCode.NotFound, otherMother.StatusCode);
        foreach (var refused in new[] { Kindergarten, Teacher })
        {
            using var response = await SendAsync(HttpMethod.Patch, Person(id), refused, new JsonObject { ["firstName"] = "X" }, etag);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        var stored = (await Store.FindAsync(ProjectId, id, CancellationToken.None))!;
        Assert.Equal(etag, stored.Version);
        Assert.Equal("Amina", stored.Referral.Person!.FirstNameOrInitials);
        Assert.Equal(["so"], stored.Referral.Person.PreferredLanguages);
        Assert.Null(stored.Referral.Person.Contact.PhoneNumber);
        Assert.Equal("Hun kommer om morgenen.", stored.Referral.Person.Note);
        Assert.Single(await AuditAsync(id, Mother, "Rectify", allowed: true));
        Assert.Single(await AuditAsync(id, OtherMother, "Rectify", allowed: false));
    }

    [Fact]
    public async Task Bad_corrections_are_400_by_field_and_a_withdrawn_referral_has_nothing_left_to_correct()
    {
        var (id, etag) = await ReferAsync();
        using var empty = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, new JsonObject(), etag);
        using var invalid = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, new JsonObject { ["firstName"] = "Amina 2", ["area"] = "Mars", ["consentDate"] = "2001-01-01" }, etag);
        using var wrongType = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, new JsonObject { ["firstName"] = new JsonArray(1) }, etag);
        await RestAuthenticationTests.AssertProblemAsync(empty, HttpStatusCode.BadRequest);
        await RestAuthenticationTests.AssertProblemAsync(invalid, HttpStatusCode.BadRequest);
        await RestAuthenticationTests.AssertProblemAsync(wrongType, HttpStatusCode.BadRequest);
        var errors = (await invalid.JsonAsync())["errors"]!.AsObject();
        Assert.Equal(["area", "consentDate", "firstName"], errors.Select(e => e.Key).Order(StringComparer.Ordinal));
        Assert.Equal(etag, (await Store.FindAsync(ProjectId, id, CancellationToken.None))!.Version);

        etag = await TransitionAsync(id, etag, new JsonObject { ["action"] = "withdraw" });
        using var erased = await SendAsync(HttpMethod.Patch, Person(id), Coordinator, new JsonObject { ["firstName"] = "Amina" }, etag);
        await RestAuthenticationTests.AssertProblemAsync(erased, HttpStatusCode.Conflict);
        Assert.Null((await Store.FindAsync(ProjectId, id, CancellationToken.None))!.Referral.Person);
    }

    [Fact]
    public async Task Her_mothers_notes_are_corrected_through_the_transition_and_audited()
    {
        var (id, etag) = await ReferAsync();
        etag = await TransitionAsync(id, etag, new JsonObject { ["action"] = "assign", ["motherId"] = Mother });
        etag = await TransitionAsync(id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = "Mødtes i parken." }, Mother);
        await TransitionAsync(id, etag, new JsonObject { ["action"] = "editNotes", ["notes"] = "Mødtes på biblioteket." }, Mother);
        using var refused = await SendAsync(HttpMethod.Post, $"{Referrals}/{id}/transitions", Kindergarten, new JsonObject { ["action"] = "editNotes", ["notes"] = "x" }, etag);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal("Mødtes på biblioteket.", (await Store.FindAsync(ProjectId, id, CancellationToken.None))!.Referral.MotherNotes);
        Assert.Equal(2, (await AuditAsync(id, Mother, "EditNotes", allowed: true)).Count);
    }

    [Fact]
    public async Task The_coordinator_corrects_a_members_first_name_audited_and_nobody_else_may()
    {
        var path = $"/api/projects/{ProjectId}/directory/members/{Mother}";
        var etag = (await Directory.FindStoredMemberAsync(ProjectId, Mother, CancellationToken.None))!.ETag.ToString();
        var body = new JsonObject { ["role"] = "NeighbourhoodMother", ["firstName"] = "Samiira" };

        foreach (var refused in new[] { Mother, Kindergarten, Teacher })
        {
            using var response = await SendAsync(HttpMethod.Put, path, refused, body, etag);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }

        using var corrected = await SendAsync(HttpMethod.Put, path, Coordinator, body, etag);

        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        Assert.Equal("Samiira", (await Directory.FindMemberAsync(ProjectId, Mother, CancellationToken.None))!.FirstName);
        var audit = _host.Services.GetRequiredService<AuditLog>();
        var rows = await audit.ReadAsync(ProjectId, new AuditQuery(_started, DateTimeOffset.UtcNow.AddMinutes(1), Coordinator, DirectoryService.RecordType, DirectoryService.MemberRecord(Mother)), CancellationToken.None).ToListAsync();
        Assert.Contains(rows, row => row.Allowed);
    }

    private string Person(string id) => $"{Referrals}/{id}/person";

    private async Task<(string Id, string ETag)> ReferAsync()
    {
        var form = new JsonObject
        {
            ["firstName"] = "Amina",
            ["languages"] = new JsonArray("ar", "da"),
            ["area"] = "Bøgeparken",
            ["contactChannel"] = "Phone",
            ["bestTime"] = "Morning",
            ["phone"] = "29 47 11 83",
            ["needs"] = new JsonArray("Children"),
            ["note"] = "Hun kommer om morgenen.",
            ["consentGivenBy"] = "Herself",
            ["consentMethod"] = "Verbal",
            ["consentDate"] = DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["consentLanguage"] = "ar",
            ["consentConfirmed"] = true,
        };
        using var request = Request(HttpMethod.Post, Referrals, Kindergarten, form, null);
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await _host.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return ((string)(await response.JsonAsync())["id"]!, response.Headers.ETag!.ToString());
    }

    private async Task<string> TransitionAsync(string id, string etag, JsonObject body, string person = Coordinator)
    {
        using var response = await SendAsync(HttpMethod.Post, $"{Referrals}/{id}/transitions", person, body, etag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private async Task<List<AuditEntry>> AuditAsync(string referralId, string actor, string action, bool allowed)
    {
        var audit = _host.Services.GetRequiredService<AuditLog>();
        var rows = await audit.ReadAsync(ProjectId, new AuditQuery(_started, DateTimeOffset.UtcNow.AddMinutes(1), actor, ReferralService.RecordType, referralId), CancellationToken.None).ToListAsync();
        return [.. rows.Where(row => row.Action == action && row.Allowed == allowed)];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, JsonObject body, string? ifMatch = null, string? language = null)
    {
        using var request = Request(method, path, person, body, ifMatch);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return await _host.CreateClient().SendAsync(request);
    }

    private HttpRequestMessage Request(HttpMethod method, string path, string person, JsonObject body, string? ifMatch)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return request;
    }
}
