using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Reporting;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Reporting;

/// <summary>The programme report's one rule for who asks, shared by the JSON report and its exports.</summary>
public class ReportProblemsTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task A_caller_without_an_entra_identity_is_refused_as_unauthenticated()
    {
        var (refusal, _) = await ReportProblems.ProgrammeLeadAsync(Caller(), new ProgrammeLeadStore(await AzuriteFixture.NewStoreAsync()), CancellationToken.None);

        Assert.Equal(StatusCodes.Status401Unauthorized, await StatusOfAsync(refusal));
    }

    [Fact]
    public async Task Someone_not_appointed_is_forbidden_and_an_appointed_lead_gets_her_identity()
    {
        var leads = new ProgrammeLeadStore(await AzuriteFixture.NewStoreAsync());
        var tenant = Guid.NewGuid().ToString();
        var lead = Guid.NewGuid().ToString();
        await leads.WriteAsync(new ProgrammeLead(tenant, lead, "Lone", ["p1"]), null, "admin", CancellationToken.None);

        var (notAppointed, _) = await ReportProblems.ProgrammeLeadAsync(Caller(tenant, Guid.NewGuid().ToString()), leads, CancellationToken.None);
        var (none, identity) = await ReportProblems.ProgrammeLeadAsync(Caller(tenant, lead), leads, CancellationToken.None);

        Assert.Equal(StatusCodes.Status403Forbidden, await StatusOfAsync(notAppointed));
        Assert.Null(none);
        Assert.Equal((tenant, lead), identity);
    }

    private static DefaultHttpContext Caller(params string[] tenantAndObject)
    {
        var claims = tenantAndObject.Length == 2
            ? new[] { new Claim(RestApi.TenantIdClaim, tenantAndObject[0]), new Claim(RestApi.ObjectIdClaim, tenantAndObject[1]) }
            : [];
        return new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity(claims, "test")) };
    }

    private static async Task<int?> StatusOfAsync(IResult? result)
    {
        Assert.NotNull(result);
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider() };
        await result.ExecuteAsync(http);
        return http.Response.StatusCode;
    }
}
