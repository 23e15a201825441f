using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Administration;
using PartnerHub.Api.AuditTrail;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Reporting;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.AuditTrail;

/// <summary>
/// GET /api/projects/{p}/audit through the real host, real token validation and the real audit table: audit rows are
/// written by the real <see cref="AuditLog"/> at chosen times, read back filtered, named from the directory, as JSON
/// and as CSV for Danish Excel. One host with the tab's tests (<see cref="AuditTrailHost"/>), a project per test.
/// </summary>
[Collection(AuditTrailHost.Name)]
public sealed class AuditTrailEndpointsTests(RestHostFixture fixture)
{
    private const string Awkward = "a;b \"c\"\nd";

    private RestHost Host => fixture.Host;

    [Fact]
    public async Task The_last_30_days_come_newest_first_with_people_named_and_the_read_is_audited()
    {
        var seed = await SeedAsync();

        using var response = await Host.GetAsync($"/api/projects/{seed.Project}/audit", Host.TokenFor(seed.Coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var body = await response.JsonAsync();
        Assert.Equal(AuditTrailFilter.IsoDate(Today.AddDays(-29)), (string?)body["from"]);
        Assert.Equal(AuditTrailFilter.IsoDate(Today), (string?)body["to"]);
        Assert.False((bool?)body["truncated"]);
        var entries = body["entries"]!.AsArray();
        // The 40-day-old row is outside the default period.
        Assert.Equal(["Withdraw", "ViewDetails", "ViewStatus", "Accept"], entries.Select(e => (string?)e!["action"]));
        var viewed = entries[1]!;
        Assert.Equal(seed.Mother, (string?)viewed["actor"]);
        Assert.Equal("Fatima (bydelsmor)", (string?)viewed["actorName"]);
        Assert.Equal("Så oplysningerne", (string?)viewed["actionText"]);
        Assert.Equal("Henvisning", (string?)viewed["recordTypeText"]);
        Assert.Equal("r1", (string?)viewed["recordId"]);
        Assert.True((bool?)viewed["allowed"]);
        Assert.False((bool?)entries[3]!["allowed"]);
        Assert.Equal("Person uden for projektet", (string?)entries[0]!["actorName"]);

        // The read itself is in the trail now, as the coordinator's.
        Assert.Contains(await ReadAsync(seed.Project, seed.Coordinator), e => e is { Action: AuditTrailService.ViewAction, RecordType: "audit", Allowed: true });
    }

    [Fact]
    public async Task A_person_a_record_and_a_period_narrow_the_trail()
    {
        var seed = await SeedAsync();
        var token = Host.TokenFor(seed.Coordinator);

        var byMother = await ActionsAsync($"/api/projects/{seed.Project}/audit?actor={seed.Mother}", token);
        var byRecord = await ActionsAsync($"/api/projects/{seed.Project}/audit?recordType=referral&recordId=r1&from={AuditTrailFilter.IsoDate(Today.AddDays(-60))}", token);
        var byPeriod = await ActionsAsync($"/api/projects/{seed.Project}/audit?from={AuditTrailFilter.IsoDate(Today.AddDays(-6))}&to={AuditTrailFilter.IsoDate(Today.AddDays(-3))}", token);
        var both = await ActionsAsync($"/api/projects/{seed.Project}/audit?actor={seed.Mother}&recordType=referral&recordId=r1", token);

        Assert.Equal(["ViewDetails", "Accept"], byMother);
        Assert.Equal(["ViewDetails", "Accept", "EditNotes"], byRecord);
        Assert.Equal(["ViewStatus"], byPeriod);
        Assert.Equal(["ViewDetails", "Accept"], both);
    }

    [Fact]
    public async Task The_csv_opens_in_danish_excel_with_escaped_fields_and_danish_dates_and_the_export_is_audited()
    {
        var seed = await SeedAsync();

        using var response = await Host.GetAsync($"/api/projects/{seed.Project}/audit?format=csv", Host.TokenFor(seed.Coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal($"revisionsspor-{seed.Project}-{AuditTrailFilter.IsoDate(Today.AddDays(-29))}_{AuditTrailFilter.IsoDate(Today)}.csv", response.Content.Headers.ContentDisposition!.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.StartsWith("Tidspunkt;Person;Objekt-id;Handling;Post;Id;Resultat\r\n", text, StringComparison.Ordinal);
        // A field with a semicolon, quotes and a line break is quoted whole, its quotes doubled.
        Assert.Contains(";\"a;b \"\"c\"\"\nd\";", text, StringComparison.Ordinal);
        var rows = ExportReaders.Csv(bytes);
        Assert.Equal(5, rows.Count);
        Assert.All(rows, row => Assert.Equal(7, row.Count));
        var viewed = rows[2];
        Assert.Equal(CopenhagenDates.DateAndTime(seed.ViewedAt, "da"), viewed[0]);
        Assert.Contains(" kl. ", viewed[0], StringComparison.Ordinal);
        Assert.Equal(["Fatima (bydelsmor)", seed.Mother, "Så oplysningerne", "Henvisning", "r1", "Tilladt"], viewed[1..]);
        Assert.Equal(Awkward, rows[1][5]);
        Assert.Equal("Afvist", rows[4][6]);

        Assert.Contains(await ReadAsync(seed.Project, seed.Coordinator), e => e is { Action: AuditTrailService.ExportAction, Allowed: true });
    }

    [Fact]
    public async Task In_english_the_csv_has_english_columns_and_dates()
    {
        var seed = await SeedAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/projects/{seed.Project}/audit?format=csv");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Host.TokenFor(seed.Coordinator));
        request.Headers.AcceptLanguage.ParseAdd("en-GB");

        using var response = await Host.CreateClient().SendAsync(request);

        var rows = ExportReaders.Csv(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["Time", "Person", "Object id", "Action", "Record", "Id", "Outcome"], rows[0]);
        Assert.Equal(CopenhagenDates.DateAndTime(seed.ViewedAt, "en"), rows[2][0]);
        Assert.Equal("Viewed the details", rows[2][3]);
        Assert.StartsWith("audit-trail-", response.Content.Headers.ContentDisposition!.FileName, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("from=2026-13-01", "from")]
    [InlineData("to=04-12-2026", "to")]
    [InlineData("from=2026-12-04&to=2026-12-01", "to")]
    [InlineData("from=2023-01-01&to=2026-01-01", "to")]
    [InlineData("recordType=referral", "recordId")]
    [InlineData("recordId=r1", "recordType")]
    [InlineData("recordType=ref%27%20or%201&recordId=r1", "recordType")]
    [InlineData("actor=a%00b", "actor")]
    [InlineData("format=xml", "format")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string query, string field)
    {
        var seed = await SeedAsync(rows: false);

        using var response = await Host.GetAsync($"/api/projects/{seed.Project}/audit?{query}", Host.TokenFor(seed.Coordinator));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await response.JsonAsync())["errors"]![field]);
    }

    [Fact]
    public async Task Thirty_six_calendar_months_are_read_and_a_record_id_with_odata_text_is_only_text()
    {
        var seed = await SeedAsync(rows: false);

        using var response = await Host.GetAsync($"/api/projects/{seed.Project}/audit?from=2023-02-01&to=2026-01-31&recordType=referral&recordId=%27%20or%20true%20or%20%27", Host.TokenFor(seed.Coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.JsonAsync())["entries"]!.AsArray());
    }

    [Theory]
    [InlineData("mother")]
    [InlineData("staff")]
    [InlineData("teacher")]
    [InlineData("other coordinator")]
    [InlineData("admin")]
    public async Task Anyone_but_the_projects_coordinator_is_refused_403_even_with_a_bad_period(string who)
    {
        var seed = await SeedAsync(rows: false);
        var objectId = who switch
        {
            "mother" => seed.Mother,
            "staff" => seed.Staff,
            "teacher" => seed.Teacher,
            "other coordinator" => seed.OtherCoordinator,
            _ => Guid.NewGuid().ToString(),
        };
        var token = Host.TokenFor(objectId, roles: who == "admin" ? [AdministrationRegistration.AdminAppRole] : null);

        foreach (var query in new[] { "", "?format=csv", "?from=nonsense" })
        {
            using var response = await Host.GetAsync($"/api/projects/{seed.Project}/audit{query}", token);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task No_token_or_a_forged_one_is_401()
    {
        var seed = await SeedAsync(rows: false);
        using var forger = new PartnerHub.Tests.Shared.TestKey("forger-audit");
        foreach (var token in new string?[] { null, Host.TokenFor(seed.Coordinator, key: forger) })
        {
            using var response = await Host.GetAsync($"/api/projects/{seed.Project}/audit?format=csv", token);
            await RestAuthenticationTests.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    private static DateOnly Today => CopenhagenTime.DateOf(DateTimeOffset.UtcNow);

    private sealed record Seed(string Project, string Coordinator, string Mother, string Staff, string Teacher, string OtherCoordinator, DateTimeOffset ViewedAt);

    /// <summary>
    /// A project with its cast in the directory, a coordinator of another project, and audit rows: someone outside the
    /// project withdrew a record with an awkward id a day ago, the mother viewed r1 two days ago, staff viewed r2 five
    /// days ago, the mother was refused accepting r1 ten days ago, the coordinator wrote notes on r1 forty days ago.
    /// </summary>
    /// <param name="rows">The directory's names and the audit rows; without, only the memberships (for the refusals).</param>
    private async Task<Seed> SeedAsync(bool rows = true)
    {
        var project = RestHostFixture.NewProjectId("audit");
        var (coordinator, mother, staff, teacher, other) = (Id(), Id(), Id(), Id(), Id());
        var now = DateTimeOffset.UtcNow;
        var seed = new Seed(project, coordinator, mother, staff, teacher, other, now.AddDays(-2));
        await Host.Projects.UpsertAsync(new Project(project, "Bydelsmødre " + project, "Testby Kommune", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        var otherProject = RestHostFixture.NewProjectId("audit-other");
        await Host.SeedProjectAsync(otherProject);
        await Host.GrantAsync(other, otherProject, ProjectRole.Coordinator);
        if (!rows)
        {
            await Host.GrantAsync(coordinator, project, ProjectRole.Coordinator);
            await Host.GrantAsync(mother, project, ProjectRole.NeighbourhoodMother);
            await Host.GrantAsync(staff, project, ProjectRole.PartnerStaff, "solsikken");
            await Host.GrantAsync(teacher, project, ProjectRole.Teacher);
            return seed;
        }

        var directory = Host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(coordinator, project, ProjectRole.Coordinator, null, "Camilla"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(mother, project, ProjectRole.NeighbourhoodMother, null, "Fatima"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(staff, project, ProjectRole.PartnerStaff, "solsikken", "Birgitte"), CancellationToken.None);
        await RecordAtAsync(now.AddDays(-1), project, Id(), "Withdraw", "referral", Awkward, allowed: true);
        await RecordAtAsync(now.AddDays(-2), project, mother, "ViewDetails", "referral", "r1", allowed: true);
        await RecordAtAsync(now.AddDays(-5), project, staff, "ViewStatus", "referral", "r2", allowed: true);
        await RecordAtAsync(now.AddDays(-10), project, mother, "Accept", "referral", "r1", allowed: false);
        await RecordAtAsync(now.AddDays(-40), project, coordinator, "EditNotes", "referral", "r1", allowed: true);
        // The other project's row never shows in this one's trail.
        await RecordAtAsync(now.AddDays(-2), otherProject, other, "ViewDetails", "referral", "r1", allowed: true);
        return seed;
    }

    private static string Id() => Guid.NewGuid().ToString("D");

    /// <summary>An audit row written by the real <see cref="AuditLog"/> as if at <paramref name="at"/>.</summary>
    private Task RecordAtAsync(DateTimeOffset at, string project, string actor, string action, string recordType, string recordId, bool allowed) =>
        new AuditLog(Host.Tables, new FakeTimeProvider(at), NullLogger<AuditLog>.Instance).RecordAsync(project, actor, action, recordType, recordId, allowed, CancellationToken.None);

    private async Task<List<AuditEntry>> ReadAsync(string project, string actor)
    {
        var audit = Host.Services.GetRequiredService<AuditLog>();
        var rows = new List<AuditEntry>();
        await foreach (var row in audit.ReadAsync(project, new AuditQuery(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), Actor: actor), CancellationToken.None))
        {
            rows.Add(row);
        }

        return rows;
    }

    private async Task<List<string?>> ActionsAsync(string path, string token)
    {
        using var response = await Host.GetAsync(path, token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync())["entries"]!.AsArray().Select(e => (string?)e!["action"])];
    }
}
