using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Privacy;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Privacy.Subjects;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Privacy.Subjects;

/// <summary>
/// GET /api/projects/{p}/privacy/referrals/{id}/export and …/people/{objectId}/export on the access matrix's world
/// (two seeded projects, real hosts, real Entra tokens): no host of its own.
/// </summary>
[Collection(AccessMatrixHosts.Name)]
public sealed class SubjectExportTests(MatrixWorld world)
{
    private static readonly CancellationToken None = CancellationToken.None;

    private MatrixProject A => world.A;

    [Fact]
    public async Task A_womans_export_has_her_fields_her_onward_referral_and_who_read_or_changed_it_and_is_audited()
    {
        using var response = await GetAsync(A.CoordinatorId, $"/api/projects/{A.Id}/privacy/referrals/{A.ReferralId}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var file = response.Content.Headers.ContentDisposition;
        Assert.Equal("attachment", file?.DispositionType);
        Assert.Equal($"indsigt-henvisning-{A.ReferralId}.json", file?.FileName?.Trim('"'));

        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var referral = Section(export, "referral").Single()!["fields"]!;
        Assert.Equal(A.Marker, (string?)referral["FirstName"]);
        Assert.Equal("Nord", (string?)referral["Area"]);
        Assert.Equal("Note " + A.Marker, (string?)referral["Note"]);
        Assert.Equal("Herself", (string?)referral["ConsentGivenBy"]);
        Assert.Equal(A.MotherId, (string?)referral["AssignedMotherId"]!["objectId"]);
        Assert.Equal("Mor" + A.Marker, (string?)referral["AssignedMotherId"]!["name"]);
        Assert.Equal(A.OnwardId, (string?)Section(export, "onward").Single()!["id"]);
        Assert.NotEmpty(Section(export, "referralHistory"));

        // Who changed her referral (the partner referred, the coordinator accepted and assigned), by name, and this export.
        var audit = export["audit"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Contains(audit, e => (string?)e["actor"]!["objectId"] == A.PartnerId && (string?)e["actor"]!["name"] == "Partner" + A.Marker && (string?)e["recordId"] == A.ReferralId);
        Assert.Contains(audit, e => (string?)e["actor"]!["objectId"] == A.CoordinatorId && (string?)e["recordType"] == "onward" && (string?)e["recordId"] == A.OnwardId);
        Assert.Contains(audit, e => (string?)e["action"] == SubjectExport.Action && (string?)e["actor"]!["objectId"] == A.CoordinatorId);

        // The export itself is audited in her referral's record.
        var rows = await AuditAsync(A.Id, "referral", A.ReferralId);
        Assert.Contains(rows, r => r.Action == SubjectExport.Action && r.Actor == A.CoordinatorId && r.Allowed);
    }

    [Fact]
    public async Task A_persons_export_has_her_directory_row_her_sessions_her_bookings_and_is_audited_as_the_directory_audits_her()
    {
        using var mother = await GetAsync(A.CoordinatorId, $"/api/projects/{A.Id}/privacy/people/{A.MotherId}/export");
        using var teacher = await GetAsync(A.CoordinatorId, $"/api/projects/{A.Id}/privacy/people/{A.TeacherId}/export");

        Assert.Equal(HttpStatusCode.OK, mother.StatusCode);
        var name = mother.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "";
        Assert.StartsWith("indsigt-person-", name, StringComparison.Ordinal);
        Assert.DoesNotContain(A.MotherId, name, StringComparison.Ordinal);
        var her = JsonNode.Parse(await mother.Content.ReadAsStringAsync())!.AsObject();
        var member = Section(her, "member").Single()!["fields"]!;
        Assert.Equal("Mor" + A.Marker, (string?)member["FirstName"]);
        Assert.Equal(nameof(ProjectRole.NeighbourhoodMother), (string?)member["Role"]);
        var session = Section(her, "sessions").Single()!;
        Assert.Equal(A.SessionId, (string?)session["id"]);
        Assert.Equal("Møde " + A.Marker, (string?)session["fields"]!["Title"]);
        Assert.Equal(A.ReferralId, (string?)Section(her, "assignedReferrals").Single()!["id"]);
        // A mother's export is about her, not the women she helps: no woman's fields.
        Assert.Null(her["sections"]!.AsArray().FirstOrDefault(s => (string?)s!["name"] == "referral"));

        Assert.Equal(HttpStatusCode.OK, teacher.StatusCode);
        var booking = Section(JsonNode.Parse(await teacher.Content.ReadAsStringAsync())!.AsObject(), "bookings").Single()!;
        Assert.Equal(A.BookingId, (string?)booking["id"]);
        Assert.Equal("Confirmed", (string?)booking["fields"]!["BookingState"]);

        var rows = await AuditAsync(A.Id, DirectoryService.RecordType, DirectoryService.MemberRecord(A.MotherId));
        Assert.Contains(rows, r => r.Action == SubjectExport.Action && r.Actor == A.CoordinatorId);
    }

    [Fact]
    public async Task The_readable_document_escapes_her_text_shows_house_dates_and_runs_nothing()
    {
        var (projectId, coordinatorId, referralId) = await SeedWomanAsync(note: "<script>alert('Amina')</script>&<b>");

        using var response = await GetAsync(coordinatorId, $"/api/projects/{projectId}/privacy/referrals/{referralId}/export?format=html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"indsigt-henvisning-{referralId}.html", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Contains("default-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#x27;Amina&#x27;)&lt;/script&gt;&amp;&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Fornavn eller initialer", html, StringComparison.Ordinal);
        // Codes in people's words, as her cards say them: consent given by herself, the need, the language.
        Assert.Contains("Hun selv", html, StringComparison.Ordinal);
        Assert.Contains("Sundhed", html, StringComparison.Ordinal);
        Assert.Contains("arabisk, dansk", html, StringComparison.Ordinal);
        Assert.Contains(CopenhagenDates.Date(DateTimeOffset.UtcNow, Languages.Danish), html, StringComparison.Ordinal);
        Assert.Contains("Det er ikke med, og hvorfor", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_coordinator_who_chose_English_gets_the_document_and_its_file_name_in_English()
    {
        var (projectId, coordinatorId, referralId) = await SeedWomanAsync();
        await world.Get<ConversationStore>().SaveLanguageAsync(BotHost.TenantId, coordinatorId, Languages.English, None);

        using var response = await GetAsync(coordinatorId, $"/api/projects/{projectId}/privacy/referrals/{referralId}/export?format=html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"access-referral-{referralId}.html", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("First name or initials", html, StringComparison.Ordinal);
        Assert.Contains(CopenhagenDates.Date(DateTimeOffset.UtcNow, Languages.English), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_the_projects_coordinator_exports_and_bad_requests_are_problems()
    {
        var referral = $"/api/projects/{A.Id}/privacy/referrals/{A.ReferralId}/export";
        var person = $"/api/projects/{A.Id}/privacy/people/{A.MotherId}/export";
        foreach (var path in new[] { referral, person })
        {
            foreach (var other in new[] { A.MotherId, A.PartnerId, A.TeacherId, world.B.CoordinatorId })
            {
                using var refused = await GetAsync(other, path);
                await RestAuthenticationTests.AssertProblemAsync(refused, HttpStatusCode.Forbidden);
            }

            using var anonymous = await world.Rest.SendAsync(HttpMethod.Get, path, null);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        // B's referral named in A, an id that cannot be one, a person nobody knows: 404 problems, nothing of B shown.
        foreach (var path in new[]
        {
            $"/api/projects/{A.Id}/privacy/referrals/{world.B.ReferralId}/export",
            $"/api/projects/{A.Id}/privacy/referrals/..%2F..%2Fetc/export",
            $"/api/projects/{A.Id}/privacy/people/{world.B.MotherId}/export",
            $"/api/projects/{A.Id}/privacy/people/not-a-guid' or 1 eq 1/export",
        })
        {
            using var missing = await GetAsync(A.CoordinatorId, path);
            await RestAuthenticationTests.AssertProblemAsync(missing, HttpStatusCode.NotFound);
            Assert.DoesNotContain(world.B.Marker, await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var badFormat = await GetAsync(A.CoordinatorId, referral + "?format=pdf%3Cscript%3E");
        await RestAuthenticationTests.AssertProblemAsync(badFormat, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_course_participants_export_has_her_place_and_attendance_is_audited_on_her_list_and_names_nothing_of_B()
    {
        var path = $"/api/projects/{A.Id}/privacy/courses/{A.CohortId}/participants/{A.ParticipantId}/export";
        using var response = await GetAsync(A.CoordinatorId, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"indsigt-kursusdeltager-{A.CohortId}-{A.ParticipantId}.json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var export = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("course-participant", (string?)export["subject"]!["kind"]);
        var place = Section(export, "courses").Single()!;
        Assert.Equal(A.CohortId, (string?)place["id"]);
        Assert.Equal("Deltager " + A.Marker, (string?)place["fields"]!["ParticipantName"]);
        // Only the course answers for her: no referral, session or directory section.
        Assert.Equal(["courses"], export["sections"]!.AsArray().Select(s => (string?)s!["name"]));

        // Who changed her list (the coordinator added her), and this export, audited on the cohort as the course audits her list.
        var audit = export["audit"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Contains(audit, e => (string?)e["action"] == "AddParticipant" && (string?)e["recordType"] == "cohort" && (string?)e["actor"]!["objectId"] == A.CoordinatorId);
        Assert.Contains(await AuditAsync(A.Id, "cohort", A.CohortId), r => r.Action == SubjectExport.Action && r.Actor == A.CoordinatorId);

        using var html = await GetAsync(A.CoordinatorId, path + "?format=html");
        Assert.Contains("Kursusdeltager", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // B's participant named in A, an id that cannot be one, and anyone but A's coordinator: nothing of B, nothing read.
        foreach (var missingPath in new[]
        {
            $"/api/projects/{A.Id}/privacy/courses/{world.B.CohortId}/participants/{world.B.ParticipantId}/export",
            $"/api/projects/{A.Id}/privacy/courses/{A.CohortId}/participants/..%2F{A.ParticipantId}/export",
        })
        {
            using var missing = await GetAsync(A.CoordinatorId, missingPath);
            await RestAuthenticationTests.AssertProblemAsync(missing, HttpStatusCode.NotFound);
            Assert.DoesNotContain(world.B.Marker, await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using var teacher = await GetAsync(A.TeacherId, path);
        await RestAuthenticationTests.AssertProblemAsync(teacher, HttpStatusCode.Forbidden);
    }

    [Fact]
    public void Every_personal_row_kind_in_the_data_inventory_is_exported_or_left_out_with_a_reason()
    {
        var sources = world.Rest.Services.GetServices<ISubjectDataSource>().ToList();
        var covered = sources.SelectMany(s => s.Covers).Append(SubjectRows.Audit).ToHashSet(StringComparer.Ordinal);
        var rows = DataInventory.Rows();
        var known = rows.Select(SubjectRows.Of).ToHashSet(StringComparer.Ordinal);

        var missing = rows.Where(r => r.IsPersonal).Select(SubjectRows.Of)
            .Where(k => !covered.Contains(k) && !SubjectRows.NotExported.ContainsKey(k)).ToList();
        Assert.True(missing.Count == 0, "Personal rows neither exported nor left out with a reason: " + string.Join("; ", missing));

        // Names that match no row kind (renamed or removed) would hide a gap.
        var unknown = covered.Concat(SubjectRows.NotExported.Keys).Where(k => !known.Contains(k)).ToList();
        Assert.True(unknown.Count == 0, "Named but not in the data inventory: " + string.Join("; ", unknown));
        Assert.Empty(covered.Intersect(SubjectRows.NotExported.Keys).ToList());
        Assert.All(SubjectRows.NotExported.Values, reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    private static JsonArray Section(JsonObject export, string name) =>
        export["sections"]!.AsArray().Single(s => (string?)s!["name"] == name)!["records"]!.AsArray();

    private async Task<HttpResponseMessage> GetAsync(string objectId, string path) =>
        await world.Rest.SendAsync(HttpMethod.Get, path, world.TokenFor(objectId));

    private async Task<List<AuditEntry>> AuditAsync(string projectId, string recordType, string recordId)
    {
        var now = DateTimeOffset.UtcNow;
        var rows = new List<AuditEntry>();
        await foreach (var row in world.Get<AuditLog>().ReadAsync(projectId, new AuditQuery(now.AddDays(-1), now.AddMinutes(5), RecordType: recordType, RecordId: recordId), None))
        {
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A project of its own with one referred woman, so her name can be anything without touching A or B.</summary>
    private async Task<(string ProjectId, string CoordinatorId, string ReferralId)> SeedWomanAsync(string firstName = "Amina", string? note = null)
    {
        var projectId = RestHostFixture.NewProjectId("mxs");
        var coordinator = Guid.NewGuid().ToString();
        var partner = Guid.NewGuid().ToString();
        await world.Get<ProjectStore>().UpsertAsync(new Project(projectId, "Bydelsmødre Eksport", "Testby Kommune", "Beboerhuset") { TenantId = BotHost.TenantId, Areas = ["Nord"], Language = Languages.Danish }, None);
        var directory = world.Get<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("familieafdelingen", projectId, OrganisationKind.SocialServices, "Familieafdelingen", true), None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(coordinator, projectId, ProjectRole.Coordinator, null, "Karen"), None);
        await directory.UpsertMemberAsync(BotHost.TenantId, new ProjectMember(partner, projectId, ProjectRole.PartnerStaff, "familieafdelingen", "Lone"), None);
        var submitted = await world.Get<ReferralService>().SubmitAsync(new Actor(partner, projectId, ProjectRole.PartnerStaff, "familieafdelingen"), new ReferralFormInput
        {
            FirstNameOrInitials = firstName,
            Languages = "ar,da",
            Area = "Nord",
            ContactChannel = nameof(ContactChannel.AtProjectPlace),
            BestTime = nameof(ContactTime.Morning),
            Needs = "Health",
            Note = note,
            ConsentGivenBy = nameof(ConsentGivenBy.Herself),
            ConsentMethod = nameof(ConsentMethod.Verbal),
            ConsentDate = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ConsentLanguage = "ar",
            ConsentConfirmed = "true",
        }, "seed-" + projectId, null, None);
        var referral = submitted.Referral ?? throw new InvalidOperationException("Seed referral invalid: " + string.Join(", ", submitted.Errors));
        return (projectId, coordinator, referral.Referral.Id);
    }
}
