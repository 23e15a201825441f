using System.Net;
using System.Text.Json.Nodes;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Course;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Course;

/// <summary>A REST host (real Entra token validation against WireMock, Azurite) with a public base URL for certificate links.</summary>
public sealed class MyCourseHost : IDisposable
{
    public const string PublicBaseUrl = "https://partnerhub.example";

    internal RestHost Host { get; } = new(settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false", ["Graph:PublicBaseUrl"] = PublicBaseUrl });

    public void Dispose() => Host.Dispose();
}

/// <summary><c>GET /api/me/course</c>: a participant's own cohorts, her marks, standing and certificate link, and nobody else's.</summary>
public sealed class MyCourseEndpointTests(MyCourseHost fixture) : IClassFixture<AzuriteFixture>, IClassFixture<MyCourseHost>
{
    private const string Path = "/api/me/course";
    private readonly string _amina = Guid.NewGuid().ToString();
    private readonly string _fatima = Guid.NewGuid().ToString();

    private RestHost Host => fixture.Host;

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(string? token)
    {
        using var response = await Host.GetAsync(Path, token);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_participant_gets_her_own_cohort_marks_and_certificate_link_and_nothing_of_anyone_else()
    {
        var course = await new ParticipantCourse(Host.Services, RestHost.TenantId).SeedAsync();
        var amina = await course.AddAsync("Amina Hassan", _amina);
        var fatima = await course.AddAsync("Fatima Yusuf", _fatima);
        await course.MarkAsync(course.Held[0], (amina, AttendanceMark.Present), (fatima, AttendanceMark.Absent));
        await course.MarkAsync(course.Held[1], (amina, AttendanceMark.Excused), (fatima, AttendanceMark.Present));
        await course.CertifyAsync(amina);

        var (status, body) = await GetAsync(Host.TokenFor(_amina));

        Assert.Equal(HttpStatusCode.OK, status);
        var mine = Assert.Single(JsonNode.Parse(body)!.AsArray())!;
        Assert.Equal(course.ProjectId, (string?)mine["projectId"]);
        Assert.Equal(course.Cohort.Id, (string?)mine["cohortId"]);
        Assert.Equal(course.CohortName, (string?)mine["name"]);
        Assert.Equal(course.Cohort.Plan.Sessions.Count, mine["sessions"]!.AsArray().Count);
        Assert.Equal(
            [(course.Held[0].Id, "Present"), (course.Held[1].Id, "Excused")],
            mine["attendance"]!.AsArray().Select(a => ((string)a!["sessionId"]!, (string)a["mark"]!)).Order());
        Assert.Equal(amina, (string?)mine["completion"]!["participantId"]);
        Assert.Equal(1, (int)mine["completion"]!["attended"]!);
        Assert.StartsWith(MyCourseHost.PublicBaseUrl + course.CertificatePath(amina), (string?)mine["certificateUrl"], StringComparison.Ordinal);
        Assert.DoesNotContain("Fatima", body, StringComparison.Ordinal);
        Assert.DoesNotContain(fatima, body, StringComparison.Ordinal);
        Assert.DoesNotContain("sharepoint", body, StringComparison.OrdinalIgnoreCase);

        // Fatima: her own marks, no certificate, nothing of Amina.
        var (fatimasStatus, fatimasBody) = await GetAsync(Host.TokenFor(_fatima));
        Assert.Equal(HttpStatusCode.OK, fatimasStatus);
        var hers = Assert.Single(JsonNode.Parse(fatimasBody)!.AsArray())!;
        Assert.Null((string?)hers["certificateUrl"]);
        Assert.Equal(2, hers["attendance"]!.AsArray().Count);
        Assert.DoesNotContain("Amina", fatimasBody, StringComparison.Ordinal);
        Assert.DoesNotContain(amina, fatimasBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_token_401_and_someone_on_no_list_or_in_another_tenant_gets_nothing()
    {
        var mother = Guid.NewGuid().ToString();
        var course = await new ParticipantCourse(Host.Services, RestHost.TenantId).SeedAsync((mother, ProjectRole.NeighbourhoodMother, "Noor"));
        await course.AddAsync("Amina Hassan", _amina);

        using (var anonymous = await Host.GetAsync(Path, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("application/problem+json", anonymous.Content.Headers.ContentType?.MediaType);
        }

        var (motherStatus, motherBody) = await GetAsync(Host.TokenFor(mother));
        Assert.Equal(HttpStatusCode.OK, motherStatus);
        Assert.Empty(JsonNode.Parse(motherBody)!.AsArray());

        // Her object id under another tenant's token: refused, or an empty list; never her cohort.
        var (otherStatus, otherBody) = await GetAsync(Host.TokenFor(_amina, tenantId: "0b0e0d0c-0000-4000-8000-00000000dead"));
        Assert.True(otherStatus is HttpStatusCode.Unauthorized or HttpStatusCode.OK, otherStatus.ToString());
        Assert.DoesNotContain(course.Cohort.Id, otherBody, StringComparison.Ordinal);
        Assert.DoesNotContain(course.CohortName, otherBody, StringComparison.Ordinal);
    }
}
