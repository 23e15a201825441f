using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Demo;

/// <summary>The demo seed is data a coordinator could have typed: valid GUIDs, its own reference per referral, the forms' validation.</summary>
public sealed class DemoDataTests : IClassFixture<AzuriteFixture>
{
    /// <summary>The Agents Playground's built-in ids: 13 digits in the last group, so not GUIDs.</summary>
    private const string BuiltInPlaygroundId = "00000000-0000-0000-0000-0000000000021";

    [Fact]
    public void The_seed_passes_the_directory_forms_and_every_person_is_a_valid_Entra_object_id()
    {
        DemoValidation.ThrowIfInvalid();

        Assert.All(DemoData.Members, m => Assert.Equal(m.ObjectId, DirectoryForms.NormaliseObjectId(m.ObjectId)));
        // The check that kept calendar links off the demo people's session cards.
        Assert.All(DemoData.Members, m => Assert.True(CalendarLinkSigner.IsObjectId(m.ObjectId), m.FirstName));
        Assert.True(Guid.TryParseExact(DemoData.PlaygroundTenant, "D", out _));
    }

    [Fact]
    public void The_seed_uses_the_ids_the_repositorys_Playground_config_gives_its_mock_users()
    {
        var config = File.ReadAllText(Path.Combine(PartnerHub.Tests.Shared.RepositoryRoot.FullName, ".m365agentsplayground.yml"));

        Assert.Contains("tenantId: " + DemoData.PlaygroundTenant, config, StringComparison.Ordinal);
        Assert.All(DemoData.PlaygroundUsers, m => Assert.Contains("aadObjectId: " + m.ObjectId, config, StringComparison.Ordinal));
        // The Playground refuses to start unless its config has exactly five users besides the current one.
        Assert.Equal(DemoData.PlaygroundUsers.Count, System.Text.RegularExpressions.Regex.Count(config, "aadObjectId: "));
        Assert.All(DemoData.Members.Except(DemoData.PlaygroundUsers), m => Assert.DoesNotContain(m.ObjectId, config, StringComparison.Ordinal));
    }

    [Fact]
    public void A_seed_real_data_could_not_be_fails_loudly()
    {
        var megan = DemoData.KindergartenStaff;
        Assert.Contains("member Megan", Assert.Throws<InvalidOperationException>(() =>
            DemoValidation.ThrowIfInvalid(DemoData.PlaygroundTenant, DemoData.Vollsmose, DemoData.Organisations, [megan with { ObjectId = BuiltInPlaygroundId }])).Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() =>
            DemoValidation.ThrowIfInvalid(DemoData.PlaygroundTenant, DemoData.Vollsmose, DemoData.Organisations, [megan with { OrganisationId = "nowhere" }]));
        Assert.Throws<InvalidOperationException>(() =>
            DemoValidation.ThrowIfInvalid(DemoData.PlaygroundTenant, DemoData.Vollsmose, DemoData.Organisations, [megan with { FirstName = "Megan 2" }]));
        Assert.Throws<InvalidOperationException>(() =>
            DemoValidation.ThrowIfInvalid("00000000-0000-0000-0000-0000000000001", DemoData.Vollsmose, DemoData.Organisations, DemoData.Members));
        Assert.Throws<InvalidOperationException>(() =>
            DemoValidation.ThrowIfInvalid(DemoData.PlaygroundTenant, DemoData.Vollsmose, [DemoData.Organisations[0] with { Name = " " }], []));
    }

    [Fact]
    public void Every_demo_referral_shows_its_own_reference()
    {
        var referrals = ReferralDemoSeed.Referrals(DateTimeOffset.UtcNow).ToList();

        Assert.All(referrals, r => Assert.True(ReferralIds.IsValid(r.Id), r.Id));
        var references = referrals.Select(r => ReferralIds.Reference(r.Id)).ToList();
        Assert.Equal(referrals.Count, references.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain("H-DEMO", references);
    }

    [Fact]
    public async Task The_coordinator_changes_a_demo_person_over_REST()
    {
        using var host = new RestHost();
        var directory = host.Services.GetRequiredService<DirectoryStore>();
        await host.Projects.UpsertAsync(DemoData.Vollsmose with { TenantId = RestHost.TenantId }, CancellationToken.None);
        foreach (var organisation in DemoData.Organisations)
        {
            await directory.UpsertOrganisationAsync(organisation, CancellationToken.None);
        }

        foreach (var member in DemoData.Members)
        {
            await directory.UpsertMemberAsync(RestHost.TenantId, member, CancellationToken.None);
        }

        var megan = DemoData.KindergartenStaff;
        var path = "/api/projects/vollsmose/directory/members/" + megan.ObjectId;
        using var list = await host.GetAsync("/api/projects/vollsmose/directory/members", host.TokenFor(DemoData.Coordinator.ObjectId));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var etag = (string)JsonNode.Parse(await list.Content.ReadAsStringAsync())!.AsArray().Single(m => (string?)m!["objectId"] == megan.ObjectId)!["eTag"]!;

        using var content = new StringContent(new JsonObject { ["role"] = "PartnerStaff", ["organisationId"] = "myretuen", ["firstName"] = "Megan" }.ToJsonString(), Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", host.TokenFor(DemoData.Coordinator.ObjectId));
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        using var changed = await host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal("myretuen", (await directory.FindMemberAsync("vollsmose", megan.ObjectId, CancellationToken.None))!.OrganisationId);
    }
}
