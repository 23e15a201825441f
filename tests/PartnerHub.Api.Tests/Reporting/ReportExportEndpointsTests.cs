using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>The report downloads through the real host and real token validation, with <see cref="FixedFunderReports"/> as the data.</summary>
public sealed class ReportExportEndpointsTests(ReportExportEndpointsTests.Host fixture) : IClassFixture<ReportExportEndpointsTests.Host>
{
    private readonly RestHost _host = fixture.Host;

    [Theory]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("csv", "text/csv; charset=utf-8")]
    [InlineData("pdf", "application/pdf")]
    public async Task The_coordinator_downloads_her_projects_report_uncached_under_a_file_name_of_ids_only(string extension, string contentType)
    {
        var project = RestHostFixture.NewProjectId("report");
        var coordinator = Guid.NewGuid().ToString();
        await _host.GrantAsync(coordinator, project, ProjectRole.Coordinator);

        using var response = await _host.GetAsync($"/api/projects/{project}/report.{extension}?period=2026-01..2026-06", _host.TokenFor(coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal($"rapport-{project}-2026-01_to_2026-06.{extension}", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        switch (extension)
        {
            case "xlsx":
                Assert.Equal("Oversigt", ExportReaders.Xlsx(bytes).Sheets[0].Name);
                break;
            case "csv":
                Assert.Equal(["Periode", "januar–juni 2026"], ExportReaders.Csv(bytes)[2]);
                break;
            default:
                Assert.Single(ExportReaders.PdfPages(bytes));
                break;
        }
    }

    [Fact]
    public async Task Lang_en_gives_the_english_report_and_file_name()
    {
        var project = RestHostFixture.NewProjectId("report");
        var coordinator = Guid.NewGuid().ToString();
        await _host.GrantAsync(coordinator, project, ProjectRole.Coordinator);

        using var response = await _host.GetAsync($"/api/projects/{project}/report.csv?period=2026-Q3&lang=en", _host.TokenFor(coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"report-{project}-2026-Q3.csv", response.Content.Headers.ContentDisposition!.FileName);
        Assert.Equal(["Period", "Q3 2026"], ExportReaders.Csv(await response.Content.ReadAsByteArrayAsync())[2]);
    }

    [Theory]
    [InlineData(ProjectRole.NeighbourhoodMother)]
    [InlineData(ProjectRole.PartnerStaff)]
    public async Task Anyone_but_the_coordinator_is_refused_with_403(ProjectRole role)
    {
        var project = RestHostFixture.NewProjectId("report");
        var member = Guid.NewGuid().ToString();
        await _host.GrantAsync(member, project, role, organisationId: role == ProjectRole.PartnerStaff ? "org-1" : null);

        using var response = await _host.GetAsync($"/api/projects/{project}/report.xlsx?period=2026-Q3", _host.TokenFor(member));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Someone_outside_the_project_gets_no_report()
    {
        var project = RestHostFixture.NewProjectId("report");
        var other = RestHostFixture.NewProjectId("other");
        var coordinator = Guid.NewGuid().ToString();
        await _host.GrantAsync(coordinator, other, ProjectRole.Coordinator);

        using var response = await _host.GetAsync($"/api/projects/{project}/report.pdf?period=2026-Q3", _host.TokenFor(coordinator));

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.NotFound });
    }

    [Theory]
    [InlineData("/api/projects/report-x/report.xlsx?period=2026-Q3")]
    [InlineData("/api/programme/report.pdf?period=2026-Q3")]
    public async Task Without_a_token_the_answer_is_401(string path)
    {
        using var response = await _host.GetAsync(path, token: null);

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
        var project = RestHostFixture.NewProjectId("report");
        var coordinator = Guid.NewGuid().ToString();
        await _host.GrantAsync(coordinator, project, ProjectRole.Coordinator);

        using var project400 = await _host.GetAsync($"/api/projects/{project}/report.xlsx{query}", _host.TokenFor(coordinator));
        using var programme400 = await _host.GetAsync($"/api/programme/report.csv{query}", _host.TokenFor(FixedFunderReports.ProgrammeLeadObjectId));

        foreach (var response in new[] { project400, programme400 })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("\"period\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_programme_lead_downloads_the_combined_report_and_nobody_else_does()
    {
        using var lead = await _host.GetAsync("/api/programme/report.xlsx?period=2026", _host.TokenFor(FixedFunderReports.ProgrammeLeadObjectId));
        using var other = await _host.GetAsync("/api/programme/report.xlsx?period=2026", _host.TokenFor(Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.OK, lead.StatusCode);
        Assert.Equal("rapport-programme-2026.xlsx", lead.Content.Headers.ContentDisposition!.FileName);
        Assert.True(lead.Headers.CacheControl!.NoStore);
        Assert.Equal(HttpStatusCode.Forbidden, other.StatusCode);
    }

    /// <summary>One host for the class; every test works in a project of its own.</summary>
    public sealed class Host : RestHostFixture
    {
        public Host()
            : base(new RestHost(services: services => services.AddSingleton<IFunderReports, FixedFunderReports>()))
        {
        }
    }
}
