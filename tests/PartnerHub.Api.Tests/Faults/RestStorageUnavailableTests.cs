using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// A REST change that storage fails under: 503 problem details with Retry-After, nothing stored, and the same request
/// sent again creates the referral once. A host of its own: the fault is in its storage clients.
/// </summary>
public sealed class RestStorageUnavailableTests : IClassFixture<AzuriteFixture>
{
    private const string Kindergarten = "c0000000-0000-4000-8000-000000000002";
    private const string Coordinator = "c0000000-0000-4000-8000-000000000001";

    [Fact]
    public async Task A_referral_posted_while_storage_fails_is_503_with_nothing_stored_and_the_retry_creates_it_once()
    {
        var commit = new FailNextMatchingCall(request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal));
        var policies = new StorageClientPolicies();
        policies.PerCall.Add(commit);
        using var host = new RestHost(services: services => services.AddSingleton(policies), settings: new Dictionary<string, string?> { ["Outbox:Enabled"] = "false" });
        var projectId = RestHostFixture.NewProjectId("vollsmose");
        await host.Projects.UpsertAsync(DemoData.Vollsmose with { Id = projectId, TenantId = RestHost.TenantId }, CancellationToken.None);
        var directory = host.Services.GetRequiredService<DirectoryStore>();
        await directory.UpsertOrganisationAsync(new Organisation("solsikken", projectId, OrganisationKind.Kindergarten, "Børnehuset Solsikken", false), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Kindergarten, projectId, ProjectRole.PartnerStaff, "solsikken", "Mette"), CancellationToken.None);
        await directory.UpsertMemberAsync(RestHost.TenantId, new ProjectMember(Coordinator, projectId, ProjectRole.Coordinator, null, "Karen"), CancellationToken.None);

        commit.Arm();
        using (var refused = await PostAsync(host, projectId))
        {
            Assert.True(commit.Fired);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
            FaultAssert.NoInternals(await refused.Content.ReadAsStringAsync());
        }

        Assert.Equal(0, FaultAssert.Referrals(await FaultAssert.PartitionAsync(host.Tables, projectId)));

        using (var created = await PostAsync(host, projectId))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using (var repeat = await PostAsync(host, projectId))
        {
            Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        }

        var rows = await FaultAssert.PartitionAsync(host.Tables, projectId);
        Assert.Equal(1, FaultAssert.Referrals(rows));
        Assert.Equal((1, 0), FaultAssert.Outbox(rows, ReferralNotifications.SendCardKind));
    }

    private static async Task<HttpResponseMessage> PostAsync(RestHost host, string projectId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/projects/{projectId}/referrals")
        {
            Content = new StringContent(ReferralEndpointsTests.Form().ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(Kindergarten));
        request.Headers.TryAddWithoutValidation("Idempotency-Key", "fault-rest-1");
        return await host.CreateClient().SendAsync(request);
    }
}
