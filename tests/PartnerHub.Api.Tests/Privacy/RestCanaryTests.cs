using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Localization;
using PartnerHub.Core.Partners;
using Xunit.Abstractions;

namespace PartnerHub.Api.Tests.Privacy;

/// <summary>
/// The REST side with canaries in what people type: the directory (an organisation's name, staff's and mothers' first
/// names), a referral (her first name and the referrer's note), an outreach log entry, a people search, the report and
/// its xlsx, csv and pdf downloads, the subject access exports. No canary in a log, trace, metric or outbox row; none in
/// a download's or an export's file name; none of the woman's free text in a download's content (report figures are allowed there, her words are not).
/// </summary>
public sealed class RestCanaryTests(RestHostFixture fixture, ITestOutputHelper output) : IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>, IDisposable
{
    private const string Coordinator = "e0000000-0000-4000-8000-000000000001";
    private const string Kindergarten = "e0000000-0000-4000-8000-000000000002";
    private const string Mother = "e0000000-0000-4000-8000-000000000003";

    private readonly RestHost _host = fixture.Host;
    private readonly CanaryWatch _watch = new();

    private string ProjectId { get; } = RestHostFixture.NewProjectId("vollsmose");

    public void Dispose() => _watch.Dispose();

    [Fact]
    public async Task Directory_referral_outreach_search_report_and_downloads_leave_no_personal_text_behind()
    {
        await _host.Projects.UpsertAsync(DemoData.Vollsmose with { Id = ProjectId, TenantId = RestHost.TenantId }, CancellationToken.None);
        await _host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Coordinator, ProjectId, ProjectRole.Coordinator, null, "Karen"), CancellationToken.None);
        var directory = $"/api/projects/{ProjectId}/directory";

        // The directory: an organisation, a partner's staff member and a mother, each with a canary name.
        var organisation = new JsonObject { ["kind"] = "Kindergarten", ["name"] = _watch.New("organisation name"), ["receivesOnwardReferrals"] = false };
        await ExpectAsync(HttpMethod.Put, $"{directory}/organisations/solsikken", Coordinator, organisation, HttpStatusCode.Created, HttpStatusCode.OK);
        var staffName = _watch.New("partner staff first name");
        await ExpectAsync(HttpMethod.Put, $"{directory}/members/{Kindergarten}", Coordinator, new JsonObject { ["role"] = "PartnerStaff", ["organisationId"] = "solsikken", ["firstName"] = staffName }, HttpStatusCode.Created, HttpStatusCode.OK);
        var motherName = _watch.New("mother first name");
        await ExpectAsync(HttpMethod.Put, $"{directory}/members/{Mother}", Coordinator, new JsonObject { ["role"] = "NeighbourhoodMother", ["firstName"] = motherName }, HttpStatusCode.Created, HttpStatusCode.OK);

        // A referral from the kindergarten with her name and a note; the mother logs an outreach contact.
        var womanName = _watch.New("woman's first name");
        var note = _watch.New("referrer's note");
        var form = ReferralEndpointsTests.Form(womanName);
        form["note"] = note;
        var created = await ExpectAsync(HttpMethod.Post, $"/api/projects/{ProjectId}/referrals", Kindergarten, form, HttpStatusCode.Created);
        Assert.Contains(womanName, created, StringComparison.Ordinal);
        var outreach = new JsonObject
        {
            ["date"] = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["kind"] = "OpenHouse",
            ["women"] = 3,
            ["topics"] = new JsonArray("health"),
            ["services"] = new JsonArray("HealthVisitor"),
        };
        await ExpectAsync(HttpMethod.Post, $"/api/projects/{ProjectId}/outreach", Mother, outreach, HttpStatusCode.Created);

        // She looks people up by a name (whatever the directory answers), reads the lists and the report, downloads it.
        using (var search = await SendAsync(HttpMethod.Get, "/api/people?search=" + Uri.EscapeDataString(_watch.New("people search text")), Coordinator))
        {
            Assert.NotEqual(HttpStatusCode.InternalServerError, search.StatusCode);
        }

        Assert.Contains(womanName, await ExpectAsync(HttpMethod.Get, $"/api/projects/{ProjectId}/referrals", Coordinator, null, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains(motherName, await ExpectAsync(HttpMethod.Get, $"{directory}/members", Coordinator, null, HttpStatusCode.OK), StringComparison.Ordinal);
        var year = CopenhagenTime.DateOf(DateTimeOffset.UtcNow).Year.ToString(CultureInfo.InvariantCulture);
        _watch.Check("report", [await ExpectAsync(HttpMethod.Get, $"/api/projects/{ProjectId}/report?period={year}", Coordinator, null, HttpStatusCode.OK)]);
        foreach (var extension in new[] { "xlsx", "csv", "pdf" })
        {
            using var download = await SendAsync(HttpMethod.Get, $"/api/projects/{ProjectId}/report.{extension}?period={year}", Coordinator);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            _watch.Check("download file name", [download.Content.Headers.ContentDisposition?.ToString()]);
            var content = Encoding.UTF8.GetString(await download.Content.ReadAsByteArrayAsync());
            foreach (var words in new[] { womanName, note })
            {
                Assert.DoesNotContain(words, content, StringComparison.OrdinalIgnoreCase);
            }
        }

        // The subject access exports (Privacy/Subjects): her words belong in them, never in their file names or the logs.
        var referralId = (string)JsonNode.Parse(created)!["id"]!;
        foreach (var (path, words) in new[]
        {
            ($"/api/projects/{ProjectId}/privacy/referrals/{referralId}/export?format=json", womanName),
            ($"/api/projects/{ProjectId}/privacy/referrals/{referralId}/export?format=html", note),
            ($"/api/projects/{ProjectId}/privacy/people/{Mother}/export?format=html", motherName),
        })
        {
            using var export = await SendAsync(HttpMethod.Get, path, Coordinator);
            Assert.Equal(HttpStatusCode.OK, export.StatusCode);
            Assert.Contains(words, await export.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            _watch.Check("export file name", [export.Content.Headers.ContentDisposition?.ToString()]);
        }

        _watch.CheckTelemetry(_host.Logs);
        await _watch.CheckOutboxAsync(_host.Tables, ProjectId);
        _watch.AssertNoneLeaked(output);
    }

    private async Task<string> ExpectAsync(HttpMethod method, string path, string person, JsonObject? body, params HttpStatusCode[] expected)
    {
        using var response = await SendAsync(method, path, person, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected.Contains(response.StatusCode), $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string person, JsonObject? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.TokenFor(person));
        if (method == HttpMethod.Post)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", Guid.NewGuid().ToString());
        }

        request.Content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return await _host.CreateClient().SendAsync(request);
    }
}
