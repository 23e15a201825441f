using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Administration;
using PartnerHub.Core.Partners;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>
/// Every REST endpoint with a body (the host's endpoint data source: those declaring what they accept) sent a body in
/// a content type it does not take: without a token the answer is 401, as for any other request, never a 415 that
/// would tell the endpoint's shape; with a permitted token it is the 415 it was.
/// </summary>
public sealed partial class ContentTypeAfterAuthenticationTests(RestHostFixture fixture) : IClassFixture<RestHostFixture>
{
    [Fact]
    public async Task A_wrong_content_type_is_401_without_a_token_and_415_with_one_at_every_body_endpoint()
    {
        var host = fixture.Host;
        var project = RestHostFixture.NewProjectId("ctype");
        var coordinator = Guid.NewGuid().ToString("D");
        await host.SeedProjectAsync(project);
        await host.GrantAsync(coordinator, project, ProjectRole.Coordinator);
        var token = host.TokenFor(coordinator, roles: [AdministrationRegistration.AdminAppRole]);
        var endpoints = BodyEndpoints(host, project);
        Assert.True(endpoints.Count >= 10, $"Only {endpoints.Count} body endpoints found.");

        var wrong = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            using var anonymous = await host.SendAsync(method, path, token: null, Text());
            using var permitted = await host.SendAsync(method, path, token, Text());
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized || permitted.StatusCode != HttpStatusCode.UnsupportedMediaType)
            {
                wrong.Add($"{method} {path}: {(int)anonymous.StatusCode} without a token, {(int)permitted.StatusCode} with one");
            }
            else
            {
                await RestAuthenticationTests.AssertProblemAsync(anonymous, HttpStatusCode.Unauthorized);
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    private static StringContent Text() => new("{\"threshold\": 3}", Encoding.UTF8, "text/plain");

    /// <summary>Each /api endpoint that declares what it accepts, its route filled with the project and made-up ids.</summary>
    private static List<(HttpMethod Method, string Path)> BodyEndpoints(RestHost host, string project) =>
        [.. host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is not null && e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .Select(e => (
                new HttpMethod(e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0]),
                Parameter().Replace(e.RoutePattern.RawText!.Replace("{projectId}", project, StringComparison.Ordinal), "x1")))];

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Parameter();
}
