using System.Net;
using Microsoft.IdentityModel.Abstractions;
using Microsoft.IdentityModel.Logging;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>What IdentityModel logs about forged tokens at the REST API's door: a stranger can send them, so never errors.</summary>
/// <remarks>A host of its own, alone in <see cref="IdentityModelLoggerGroup"/>: IdentityModel's logger is one per process.</remarks>
[Collection(IdentityModelLoggerGroup.Name)]
public sealed class IdentityModelLoggingTests : IClassFixture<AzuriteFixture>
{
    private const string ProjectId = "vollsmose";
    private const string Coordinator = RestAuthenticationTests.Coordinator;

    [Fact]
    public async Task Forged_tokens_are_logged_at_warning_at_most()
    {
        // IdentityModel's logger is process-wide and installed once: start from none, as a fresh process does, so
        // this host's start-up (not an earlier test's host) decides where and at which level IdentityModel logs.
        LogHelper.Logger = NullIdentityModelLogger.Instance;
        using var host = new RestHost();
        await host.SeedProjectAsync(ProjectId);
        await host.GrantAsync(Coordinator, ProjectId, ProjectRole.Coordinator);
        using var unknownKey = new TestKey("entra-rest-key-unknown");
        string[] forgeries =
        [
            host.TokenFor(Coordinator, key: unknownKey),
            host.TokenFor(Coordinator, audience: "api://someone-else"),
            host.TokenFor(Coordinator, audience: null, extraClaims: new Dictionary<string, object?> { ["aud"] = new[] { RestHost.ClientId, "api://someone-else" } }),
            host.TokenFor(Coordinator, issuer: "https://evil.example/" + RestHost.TenantId + "/v2.0"),
            host.TokenFor(Coordinator, expires: DateTimeOffset.UtcNow.AddMinutes(-10), notBefore: DateTimeOffset.UtcNow.AddHours(-1)),
            RestAuthenticationTests.Tamper(host.TokenFor(Coordinator)),
            RestAuthenticationTests.Unsigned(host.TokenFor(Coordinator)),
            "not.a.jwt",
            "a.b.c.d.e",
        ];

        foreach (var token in forgeries)
        {
            using var response = await host.GetAsync($"/api/projects/{ProjectId}", token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // Anyone can send these: error-level entries would let a stranger flood the error logs and alerts.
        var errors = host.Logs.Lines.Where(line => line.StartsWith("Error ", StringComparison.Ordinal) || line.StartsWith("Critical ", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        // IdentityModel did report them (its messages are numbered IDX...), at Warning.
        Assert.Contains(host.Logs.Lines, line => line.StartsWith("Warning ", StringComparison.Ordinal) && line.Contains("IDX", StringComparison.Ordinal));
    }
}
