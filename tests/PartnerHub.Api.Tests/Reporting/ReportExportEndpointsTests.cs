using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;
using PartnerHub.Core.Referrals;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>
/// The report downloads through the real host, real token validation and the real <see cref="FunderReportService"/>:
/// each test makes a project of its own and its referrals through the real <see cref="ReferralStore"/>, so the files
/// carry what the month counters hold.
/// </summary>
public sealed class ReportExportEndpointsTests(RestHostFixture fixture) : IClassFixture<RestHostFixture>
{
    private RestHost Host => fixture.Host;

    [Theory]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("csv", "text/csv; charset=utf-8")]
    [InlineData("pdf", "application/pdf")]
    public async Task The_coordinator_downloads_her_projects_report_uncached_under_a_file_name_of_ids_only(string extension, string contentType)
    {
        var (project, coordinator) = await SeedAsync(referrals: 12);

        using var response = await Host.GetAsync($"/api/projects/{project}/report.{extension}?period=2026-01..2026-12", Host.TokenFor(coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal($"rapport-{project}-2026-01_to_2026-12.{extension}", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        switch (extension)
        {
            case "xlsx":
                var overview = ExportReaders.Xlsx(bytes).Sheets[0];
                Assert.Equal("Oversigt", overview.Name);
                Assert.Contains(overview.Cells, cell => cell.Value.Number == 12);
                break;
            case "csv":
                var rows = ExportReaders.Csv(bytes);
                Assert.Equal(["Periode", "januar–december 2026"], rows[2]);
                Assert.Contains(rows, row => row.Count > 1 && row[0] == "Henvisninger i alt" && row.Contains("12"));
                break;
            default:
                Assert.Contains("12", Assert.Single(ExportReaders.PdfPages(bytes)), StringComparison.Ordinal);
                break;
        }

        Assert.DoesNotContain("Amina", System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_referrals_leave_the_csv_only_as_under_five()
    {
        var (project, coordinator) = await SeedAsync(referrals: 3);

        using var response = await Host.GetAsync($"/api/projects/{project}/report.csv?period=2026-Q3", Host.TokenFor(coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var total = ExportReaders.Csv(await response.Content.ReadAsByteArrayAsync()).Single(row => row[0] == "Henvisninger i alt");
        Assert.Contains("<5", total);
        Assert.DoesNotContain("3", total.Skip(1));
    }

    [Fact]
    public async Task Lang_en_gives_the_english_report_and_file_name()
    {
        var (project, coordinator) = await SeedAsync(referrals: 6);

        using var response = await Host.GetAsync($"/api/projects/{project}/report.csv?period=2026-Q3&lang=en", Host.TokenFor(coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"report-{project}-2026-Q3.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(["Period", "Q3 2026"], ExportReaders.Csv(await response.Content.ReadAsByteArrayAsync())[2]);
    }

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother)]
    [InlineData(ProjectRole.PartnerStaff)]
    [InlineData(ProjectRole.Teacher)]
    public async Task Anyone_but_the_coordinator_is_refused_with_403(ProjectRole role)
    {
        var (project, _) = await SeedAsync(referrals: 6);
        var member = Guid.NewGuid().ToString();
        await Host.GrantAsync(member, project, role, organisationId: role == ProjectRole.PartnerStaff ? "solsikken" : null);

        foreach (var extension in new[] { "xlsx", "csv", "pdf" })
        {
            using var response = await Host.GetAsync($"/api/projects/{project}/report.{extension}?period=2026-Q3", Host.TokenFor(member));

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task A_coordinator_of_another_project_gets_no_report()
    {
        var (project, _) = await SeedAsync(referrals: 6);
        var (_, otherCoordinator) = await SeedAsync(referrals: 0);

        using var response = await Host.GetAsync($"/api/projects/{project}/report.pdf?period=2026-Q3", Host.TokenFor(otherCoordinator));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
    }

    [Theory]
    [InlineData("/api/projects/report-x/report.xlsx?period=2026-Q3")]
    [InlineData("/api/projects/report-x/report.csv?period=2026-Q3")]
    [InlineData("/api/projects/report-x/report.pdf?period=2026-Q3")]
    [InlineData("/api/programme/report.pdf?period=2026-Q3")]
    public async Task Without_a_token_the_answer_is_401(string path)
    {
        using var response = await Host.GetAsync(path, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_401()
    {
        var (project, coordinator) = await SeedAsync(referrals: 0);
        using var forger = new PartnerHub.Tests.Shared.TestKey("forger-report-export");

        using var response = await Host.GetAsync($"/api/projects/{project}/report.xlsx?period=2026-Q3", Host.TokenFor(coordinator, key: forger));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("?period=2026-Q5")]
    [InlineData("?period=2026-07..2026-01")]
    [InlineData("?period=2020-01..2026-01")]
    [InlineData("?period=1999")]
    [InlineData("?period=..%2F..%2Fetc")]
    public async Task A_bad_period_is_a_400_problem_naming_the_field(string query)
    {
        var (project, coordinator) = await SeedAsync(referrals: 0);
        var lead = await AppointLeadAsync(project);

        using var project400 = await Host.GetAsync($"/api/projects/{project}/report.xlsx{query}", Host.TokenFor(coordinator));
        using var programme400 = await Host.GetAsync($"/api/programme/report.csv{query}", Host.TokenFor(lead));

        foreach (var response in new[] { project400, programme400 })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"period\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_programme_lead_downloads_her_projects_added_up_and_nobody_else_does()
    {
        // 3 + 3: each project hides its own count, the programme's sum of 6 shows.
        var (first, firstCoordinator) = await SeedAsync(referrals: 3);
        var (second, _) = await SeedAsync(referrals: 3);
        var lead = await AppointLeadAsync(first, second);

        using var leads = await Host.GetAsync("/api/programme/report.csv?period=2026", Host.TokenFor(lead));
        using var xlsx = await Host.GetAsync("/api/programme/report.xlsx?period=2026", Host.TokenFor(lead));
        using var stranger = await Host.GetAsync("/api/programme/report.xlsx?period=2026", Host.TokenFor(Guid.NewGuid().ToString()));
        using var coordinator = await Host.GetAsync("/api/programme/report.xlsx?period=2026", Host.TokenFor(firstCoordinator));

        Assert.Equal(HttpStatusCode.OK, leads.StatusCode);
        Assert.Equal("rapport-programme-2026.csv", leads.Content.Headers.ContentDisposition!.FileName);
        Assert.True(leads.Headers.CacheControl!.NoStore);
        var total = ExportReaders.Csv(await leads.Content.ReadAsByteArrayAsync()).Single(row => row[0] == "Henvisninger i alt");
        Assert.Contains("6", total);
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("Oversigt", ExportReaders.Xlsx(await xlsx.Content.ReadAsByteArrayAsync()).Sheets[0].Name);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, coordinator.StatusCode);
    }

    [Fact]
    public async Task Every_read_of_a_report_is_audited_in_each_project_it_covers_whatever_format()
    {
        var (first, coordinator) = await SeedAsync(referrals: 5);
        var (second, _) = await SeedAsync(referrals: 5);
        var lead = await AppointLeadAsync(first, second);

        (await Host.GetAsync($"/api/projects/{first}/report.pdf?period=2026", Host.TokenFor(coordinator))).Dispose();
        (await Host.GetAsync($"/api/projects/{first}/report?period=2026-Q3", Host.TokenFor(coordinator))).Dispose();
        (await Host.GetAsync("/api/programme/report.xlsx?period=2026", Host.TokenFor(lead))).Dispose();

        var rows = await TableRows.AllAsync(Host.Tables.Table(TableNames.Audit));
        string[] Actions(string project, string actor) =>
            [.. rows.Where(row => row.PartitionKey.StartsWith(TableKeys.Escape(project) + "|", StringComparison.Ordinal) && (string?)row["Actor"] == actor)
                .OrderBy(row => (DateTimeOffset)row["At"]).Select(row => $"{row["Action"]} {row["RecordId"]} {row["Allowed"]}")];
        Assert.Equal(["ViewReport 2026 True", "ViewReport 2026-Q3 True"], Actions(first, coordinator));
        Assert.Equal(["ViewProgrammeReport 2026 True"], Actions(first, lead));
        Assert.Equal(["ViewProgrammeReport 2026 True"], Actions(second, lead));
    }

    /// <summary>A project of the host's tenant, its coordinator, and <paramref name="referrals"/> referrals from a kindergarten in August 2026.</summary>
    private async Task<(string Project, string Coordinator)> SeedAsync(int referrals)
    {
        var project = RestHostFixture.NewProjectId("export");
        var coordinator = Guid.NewGuid().ToString("D");
        var staff = new Actor(Guid.NewGuid().ToString("D"), project, ProjectRole.PartnerStaff, "solsikken");
        await Host.Projects.UpsertAsync(new Project(project, "Bydelsmødre " + project, "Testby Kommune", "Beboerhuset") { TenantId = RestHost.TenantId }, CancellationToken.None);
        await Host.GrantAsync(coordinator, project, ProjectRole.Coordinator);
        await Host.GrantAsync(staff.ObjectId, project, ProjectRole.PartnerStaff, staff.OrganisationId);

        var store = Host.Services.GetRequiredService<ReferralStore>();
        await ReportSeeds.ReferAsync(store, staff, NeedCategories.Health, referrals, 3);

        return (project, coordinator);
    }

    /// <summary>A new programme lead over <paramref name="projectIds"/>, appointed through the real store.</summary>
    private async Task<string> AppointLeadAsync(params string[] projectIds)
    {
        var lead = Guid.NewGuid().ToString("D");
        var appointed = await Host.Services.GetRequiredService<ProgrammeLeadStore>()
            .WriteAsync(new ProgrammeLead(RestHost.TenantId, lead, "Birgit", projectIds), expected: null, changedBy: "test", CancellationToken.None);
        Assert.NotNull(appointed);
        return lead;
    }
}
