using System.Net;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Api.Administration;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>Who gets through the REST API's door: Entra tokens validated by Microsoft.Identity.Web, in a Production host.</summary>
/// <remarks>
/// One host for the class; each test's project is its own. What IdentityModel logs is asserted alone, on a host of its
/// own, in <see cref="IdentityModelLoggingTests"/>.
/// </remarks>
public sealed class RestAuthenticationTests(RestHostFixture fixture) : IAsyncLifetime, IClassFixture<AzuriteFixture>, IClassFixture<RestHostFixture>
{
    internal const string Coordinator = "0b5e7c1d-0000-4000-8000-0000000c0041";
    private readonly RestHost _host = fixture.Host;

    private string ProjectId { get; } = RestHostFixture.NewProjectId("vollsmose");

    public async Task InitializeAsync()
    {
        await _host.SeedProjectAsync(ProjectId);
        await _host.GrantAsync(Coordinator, ProjectId, ProjectRole.Coordinator);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Delegated_token_with_the_scope_gets_the_project()
    {
        using var response = await _host.GetAsync($"/api/projects/{ProjectId}", _host.TokenFor(Coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal(ProjectId, (string?)body["id"]);
    }

    /// <summary>
    /// Every REST endpoint with a body (those declaring what they accept) sent a body in a content type it does not
    /// take: without a token 401 like any request, never a 415 telling the endpoint's shape; with a permitted token the 415.
    /// </summary>
    [Fact]
    public async Task A_wrong_content_type_is_401_without_a_token_and_415_with_one_at_every_body_endpoint()
    {
        var token = _host.TokenFor(Coordinator, roles: [AdministrationRegistration.AdminAppRole]);
        var endpoints = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAcceptsMetadata>() is not null && e.RoutePattern.RawText!.StartsWith("/api/", StringComparison.Ordinal))
            .Select(e => (Method: new HttpMethod(e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods[0]), Path: Filled(e.RoutePattern.RawText!)))
            .ToList();
        Assert.True(endpoints.Count >= 10, $"Only {endpoints.Count} body endpoints found.");

        var wrong = new List<string>();
        foreach (var (method, path) in endpoints)
        {
            using var anonymous = await _host.SendAsync(method, path, token: null, new StringContent("{\"threshold\": 3}", Encoding.UTF8, "text/plain"));
            using var permitted = await _host.SendAsync(method, path, token, new StringContent("{\"threshold\": 3}", Encoding.UTF8, "text/plain"));
            if (anonymous.StatusCode != HttpStatusCode.Unauthorized || permitted.StatusCode != HttpStatusCode.UnsupportedMediaType
                || anonymous.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                wrong.Add($"{method} {path}: {(int)anonymous.StatusCode} without a token, {(int)permitted.StatusCode} with one");
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>A route pattern with this test's project and a made-up value for every other parameter.</summary>
    private string Filled(string pattern)
    {
        var path = new StringBuilder();
        for (var i = 0; i < pattern.Length; i++)
        {
            if (pattern[i] != '{')
            {
                path.Append(pattern[i]);
                continue;
            }

            var end = pattern.IndexOf('}', i);
            path.Append(pattern[(i + 1)..end] == "projectId" ? ProjectId : "x1");
            i = end;
        }

        return path.ToString();
    }

    [Fact]
    public async Task Missing_token_gets_401_problem_with_a_bearer_challenge()
    {
        using var response = await _host.GetAsync($"/api/projects/{ProjectId}", token: null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    public static TheoryData<string> ForgedTokens() =>
    [
        "expired",
        "not yet valid",
        "wrong audience",
        "wrong issuer",
        "other tenant's issuer",
        "unknown key",
        "alg none",
        "HS256 with the public key as secret",
        "tampered payload",
        "no oid",
        "no tid",
        "neither scp nor roles",
        "garbage",
        "audience list: the API and another",
        "audience list: another and the API",
        "JWE-shaped: five segments",
        "header is not JSON",
    ];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_or_unusable_token_gets_401_problem(string forgery)
    {
        using var unknownKey = new TestKey("entra-rest-key-unknown");
        var now = DateTimeOffset.UtcNow;
        var token = forgery switch
        {
            "expired" => _host.TokenFor(Coordinator, expires: now.AddMinutes(-10), notBefore: now.AddHours(-1)),
            "not yet valid" => _host.TokenFor(Coordinator, notBefore: now.AddMinutes(30), expires: now.AddHours(2)),
            "wrong audience" => _host.TokenFor(Coordinator, audience: "api://someone-else"),
            "wrong issuer" => _host.TokenFor(Coordinator, issuer: "https://evil.example/" + RestHost.TenantId + "/v2.0"),
            "other tenant's issuer" => _host.TokenFor(Coordinator, issuer: "https://login.microsoftonline.com/99999999-8888-7777-6666-555555555555/v2.0"),
            "unknown key" => _host.TokenFor(Coordinator, key: unknownKey),
            "alg none" => Unsigned(_host.TokenFor(Coordinator)),
            "HS256 with the public key as secret" => HmacWithPublicKey(),
            "tampered payload" => Tamper(_host.TokenFor(Coordinator)),
            "no oid" => _host.TokenFor(Coordinator, extraClaims: new Dictionary<string, object?> { ["oid"] = null }),
            "no tid" => _host.TokenFor(Coordinator, extraClaims: new Dictionary<string, object?> { ["tid"] = null }),
            "neither scp nor roles" => _host.TokenFor(Coordinator, scopes: null),
            "garbage" => "not.a.jwt",
            "audience list: the API and another" => AudienceList(RestHost.ClientId, "api://someone-else"),
            "audience list: another and the API" => AudienceList("api://someone-else", RestHost.ClientId),
            "JWE-shaped: five segments" => "a.b.c.d.e",
            "header is not JSON" => Base64UrlEncoder.Encode("{not json") + "." + _host.TokenFor(Coordinator).Split('.')[1] + ".sig",
            _ => throw new ArgumentOutOfRangeException(nameof(forgery)),
        };

        using var response = await _host.GetAsync($"/api/projects/{ProjectId}", token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.First().Scheme);
    }

    [Fact]
    public async Task Post_without_a_token_is_401_before_its_body_is_read()
    {
        using var content = new StringContent("{not json", Encoding.UTF8, "application/json");

        using var response = await _host.SendAsync(HttpMethod.Post, $"/api/projects/{ProjectId}/referrals", token: null, content);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>The project role is checked before the endpoint binds anything: a refused member learns nothing of what it wants.</summary>
    [Theory]
    [InlineData("{not json")]
    [InlineData("")]
    public async Task A_member_whose_role_is_refused_gets_403_whatever_her_body_holds(string body)
    {
        const string mother = "0b5e7c1d-0000-4000-8000-0000000c0044";
        await _host.GrantAsync(mother, ProjectId, ProjectRole.NeighbourhoodMother);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");

        using var response = await _host.SendAsync(HttpMethod.Post, $"/api/projects/{ProjectId}/referrals", _host.TokenFor(mother), content);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Token_without_access_as_user_gets_403_problem()
    {
        using var response = await _host.GetAsync($"/api/projects/{ProjectId}", _host.TokenFor(Coordinator, scopes: "User.Read"));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    /// <summary>
    /// A member whose role does not allow the endpoint, and a stranger to the project, are refused and audited in the
    /// project (its coordinator sees the attempts in the audit trail) by the route pattern, never the path's values.
    /// An unknown project is 404 and audited nowhere.
    /// </summary>
    [Fact]
    public async Task A_refusal_by_role_is_audited_in_the_project_by_route_pattern()
    {
        const string mother = "0b5e7c1d-0000-4000-8000-0000000c0042";
        const string stranger = "0b5e7c1d-0000-4000-8000-0000000c0043";
        await _host.GrantAsync(mother, ProjectId, ProjectRole.NeighbourhoodMother);
        var unknownProject = RestHostFixture.NewProjectId("ukendt");

        using var refused = await _host.GetAsync($"/api/projects/{ProjectId}/audit", _host.TokenFor(mother));
        using var stranged = await _host.GetAsync($"/api/projects/{ProjectId}/audit", _host.TokenFor(stranger));
        using var unknown = await _host.GetAsync($"/api/projects/{unknownProject}/audit", _host.TokenFor(stranger));

        await AssertProblemAsync(refused, HttpStatusCode.Forbidden);
        await AssertProblemAsync(stranged, HttpStatusCode.Forbidden);
        await AssertProblemAsync(unknown, HttpStatusCode.NotFound);
        var audit = _host.Services.GetRequiredService<AuditLog>();
        var day = TimeSpan.FromDays(1);
        var query = new AuditQuery(DateTimeOffset.UtcNow - day, DateTimeOffset.UtcNow + day, RecordType: ProjectRoleFilter.EndpointRecordType, RecordId: "GET /api/projects/{projectId}/audit");
        var rows = await audit.ReadAsync(ProjectId, query, CancellationToken.None).ToListAsync();
        Assert.Equal([stranger, mother], rows.Select(row => row.Actor));
        Assert.All(rows, row =>
        {
            Assert.Equal(ProjectRoleFilter.RefusedAction, row.Action);
            Assert.Equal("GET /api/projects/{projectId}/audit", row.RecordId);
            Assert.False(row.Allowed);
        });
        Assert.Empty(await audit.ReadAsync(unknownProject, query with { RecordType = null, RecordId = null }, CancellationToken.None).ToListAsync());
    }

    [Fact]
    public async Task User_token_never_passes_on_the_integration_app_role()
    {
        var token = _host.TokenFor(Coordinator, scopes: "User.Read", roles: [RestApi.IntegrationAppRole]);

        using var response = await _host.GetAsync($"/api/projects/{ProjectId}", token);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task App_token_with_the_integration_role_gets_the_project()
    {
        const string integration = "5e1f0a2b-0000-4000-8000-00000000a770";
        await _host.GrantAsync(integration, ProjectId, ProjectRole.PartnerStaff, organisationId: "jobcenter-odense");

        using var response = await _host.GetAsync($"/api/projects/{ProjectId}", _host.AppTokenFor(integration, RestApi.IntegrationAppRole));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task App_token_without_the_integration_role_gets_403_problem()
    {
        const string integration = "5e1f0a2b-0000-4000-8000-00000000a771";
        await _host.GrantAsync(integration, ProjectId, ProjectRole.PartnerStaff);

        using var response = await _host.GetAsync($"/api/projects/{ProjectId}", _host.AppTokenFor(integration, "Some.Other.Role"));

        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_rest_scheme_is_not_the_default_so_the_bot_endpoint_never_runs_it()
    {
        var schemes = _host.Services.GetRequiredService<IAuthenticationSchemeProvider>();

        Assert.Null(await schemes.GetDefaultAuthenticateSchemeAsync());
        Assert.NotNull(await schemes.GetSchemeAsync(RestApi.AuthenticationScheme));
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType()?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal((int)status, (int?)problem["status"]);
        Assert.False(string.IsNullOrEmpty((string?)problem["title"]));
        Assert.False(string.IsNullOrEmpty((string?)problem["traceId"]));
    }

    private string AudienceList(params string[] audiences) =>
        _host.TokenFor(Coordinator, audience: null, extraClaims: new Dictionary<string, object?> { ["aud"] = audiences });

    internal static string Unsigned(string token)
    {
        var parts = token.Split('.');
        var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""");
        return $"{header}.{parts[1]}.";
    }

    internal static string Tamper(string token)
    {
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(Coordinator, "0b5e7c1d-0000-4000-8000-0000000c0042", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";
    }

    /// <summary>The classic key-confusion forgery: HMAC-signed with the published RSA key's bytes as the secret.</summary>
    private string HmacWithPublicKey()
    {
        var secret = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(_host.SigningKey.ToJwk().ToJsonString())) { KeyId = _host.SigningKey.Kid };
        var now = DateTime.UtcNow;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = RestHost.Issuer,
            Audience = RestHost.ClientId,
            Claims = new Dictionary<string, object> { ["oid"] = Coordinator, ["tid"] = RestHost.TenantId, ["scp"] = RestApi.DelegatedScope, ["ver"] = "2.0" },
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddHours(1),
            SigningCredentials = new SigningCredentials(secret, SecurityAlgorithms.HmacSha256),
        });
    }
}
