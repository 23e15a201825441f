using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Partners;
using PartnerHub.Tests.Shared;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PartnerHub.Api.Tests.Rest;

/// <summary>
/// The real API host with real Entra token validation (Microsoft.Identity.Web) against a WireMock Entra: OpenID
/// metadata and JWKS over https with a throwaway certificate. Tables in Azurite. Reusable for every REST feature:
/// <c>TokenFor</c> signs access tokens, <c>GrantAsync</c> puts people in projects, <c>GetAsync</c> calls with a token.
/// </summary>
internal sealed class RestHost : WebApplicationFactory<Program>
{
    public const string TenantId = OpenIdStub.TenantId;
    public const string ClientId = "7a2d1b3c-0000-4000-8000-0000000a91a9";
    public const string Issuer = OpenIdStub.EntraV2Issuer;

    private readonly string _tablePrefix = AzuriteFixture.NewPrefix();
    private readonly string _instanceId = "i" + UniqueIds.Next(12);
    private readonly string _environment;
    private readonly bool _configureEntra;
    private readonly Action<IServiceCollection>? _services;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    /// <param name="environment">Production (default) or Development (OpenAPI, Scalar, exception details).</param>
    /// <param name="configureEntra">False leaves AzureAd unset: Development must fail closed, anything else refuse to start.</param>
    /// <param name="services">Test-only replacements, applied last.</param>
    /// <param name="settings">Configuration on top of the defaults (e.g. <c>Outbox:Enabled</c> = false to count outbox rows).</param>
    public RestHost(string environment = "Production", bool configureEntra = true, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string?>();
        _environment = environment;
        _configureEntra = configureEntra;
        _services = services;
        ServeOpenIdConfiguration();
        SetKeys(SigningKey);
    }

    /// <summary>
    /// This host's Entra instance: the stub's address plus a path of its own. Microsoft.IdentityModel caches issuer
    /// validators process-wide by authority, each with the HttpClient of the host that made it; when a disposed host's
    /// port is reused, a later host sharing its authority would fetch metadata through a disposed handler (401).
    /// </summary>
    public string EntraInstance => $"{Entra.Url}/{_instanceId}/";

    /// <summary>The key Entra signs with; tokens signed with any other key are forgeries.</summary>
    public TestKey SigningKey { get; } = new("entra-rest-key-1");

    /// <summary>Entra's stand-in: https, because Microsoft.Identity.Web's metadata retrieval insists on it.</summary>
    public WireMockServer Entra { get; } = WireMockServer.Start(new WireMockServerSettings
    {
        UseSSL = true,
        CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestCertificates.Localhost },
    });

    public TableStore Tables => Services.GetRequiredService<TableStore>();

    public string TablePrefix => _tablePrefix;

    public TableCallerDirectory Directory => Services.GetRequiredService<TableCallerDirectory>();

    public ProjectStore Projects => Services.GetRequiredService<ProjectStore>();

    /// <summary>Every log line the host wrote, fully rendered with its structured values, scopes and exceptions.</summary>
    public LogSink Logs { get; } = new();

    /// <summary>Extra host settings for one test class (e.g. the outbox switched off so a test drives it).</summary>
    public Action<IWebHostBuilder>? Customize { get; init; }

    /// <summary>Replaces the published signing keys (key rollover, unknown-key tests).</summary>
    public void SetKeys(params TestKey[] keys)
    {
        var jwks = new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode?)k.ToJwk()).ToArray()) };
        Entra.Given(Request.Create().WithPath($"/{TenantId}/discovery/v2.0/keys").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(jwks.ToJsonString()));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(_environment);
        // Production refuses to start without the bot's credentials; nothing here talks to the bot's services.
        builder.UseSetting("Bot:AppId", "6f1c0e4e-0000-4000-8000-00000000b0b0");
        builder.UseSetting("Bot:TenantId", TenantId);
        builder.UseSetting("Bot:ClientSecret", "test-secret");
        builder.UseSetting("Storage:ConnectionString", AzuriteFixture.ConnectionString);
        builder.UseSetting("Storage:TablePrefix", _tablePrefix);
        builder.UseSetting("Calendar:LinkSigningKey", CalendarLinkTestKey.Base64);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
        if (_configureEntra)
        {
            builder.UseSetting("AzureAd:Instance", EntraInstance);
            builder.UseSetting("AzureAd:TenantId", TenantId);
            builder.UseSetting("AzureAd:ClientId", ClientId);
        }

        builder.ConfigureTestServices(services =>
        {
            if (_configureEntra)
            {
                // Test-only: trust the Entra stub's throwaway certificate for metadata and key retrieval, nothing else.
                // Configure (not PostConfigure) so it is in place before JwtBearer builds its configuration manager.
                services.Configure<JwtBearerOptions>(RestApi.AuthenticationScheme, options => options.BackchannelHttpHandler = TrustingHandler());
                services.Configure<AadIssuerValidatorOptions>(options => options.HttpClientName = "entra-stub");
                services.AddHttpClient("entra-stub").ConfigurePrimaryHttpMessageHandler(TrustingHandler);
            }

            _services?.Invoke(services);
        });
        Customize?.Invoke(builder);
    }

    /// <summary>An Entra v2 access token for PartnerHub's API, as Entra signs it; every part can be varied to forge one.</summary>
    /// <param name="scopes">The scp claim (space-separated); null for an app-only token.</param>
    /// <param name="roles">The roles claim (app roles), if any.</param>
    /// <param name="extraClaims">Added or replacing claims; a null value removes the claim.</param>
    public string TokenFor(
        string objectId,
        string? scopes = RestApi.DelegatedScope,
        string[]? roles = null,
        string tenantId = TenantId,
        IReadOnlyDictionary<string, object?>? extraClaims = null,
        TestKey? key = null,
        string issuer = Issuer,
        string? audience = ClientId,
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            ["oid"] = objectId,
            ["sub"] = "sub-" + objectId,
            ["tid"] = tenantId,
            ["ver"] = "2.0",
            ["azp"] = "c1e47ab0-0000-4000-8000-00000000c11e",
        };
        if (scopes is not null)
        {
            claims["scp"] = scopes;
        }

        if (roles is not null)
        {
            claims["roles"] = roles;
        }

        foreach (var (name, value) in extraClaims ?? new Dictionary<string, object?>())
        {
            if (value is null)
            {
                claims.Remove(name);
            }
            else
            {
                claims[name] = value;
            }
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials((key ?? SigningKey).SecurityKey, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An app-only token for an integration's service principal.</summary>
    public string AppTokenFor(string objectId, params string[] roles) =>
        TokenFor(objectId, scopes: null, roles: roles, extraClaims: new Dictionary<string, object?> { ["idtyp"] = "app", ["sub"] = objectId });

    /// <summary>Puts a person (or an integration's service principal) in a project, in the host's directory.</summary>
    public Task GrantAsync(string objectId, string projectId, ProjectRole role, string? organisationId = null, string tenantId = TenantId) =>
        Directory.GrantAsync(tenantId, objectId, new ProjectMembership(projectId, role, organisationId), CancellationToken.None);

    /// <summary>Stores a project row, as the lead's onboarding or the demo seeding would.</summary>
    public async Task<Project> SeedProjectAsync(string projectId)
    {
        var project = new Project(projectId, "Bydelsmødre " + projectId, "Testby Kommune", "Beboerhuset");
        await Projects.UpsertAsync(project, CancellationToken.None);
        return project;
    }

    /// <summary>A request with the given bearer token (none when null), asking for JSON as the tab does.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> GetAsync(string path, string? token) => SendAsync(HttpMethod.Get, path, token);

    private void ServeOpenIdConfiguration()
    {
        var metadata = new JsonObject
        {
            ["issuer"] = Issuer,
            ["jwks_uri"] = $"{Entra.Url}/{TenantId}/discovery/v2.0/keys",
            ["token_endpoint"] = $"{Entra.Url}/{TenantId}/oauth2/v2.0/token",
            ["authorization_endpoint"] = $"{Entra.Url}/{TenantId}/oauth2/v2.0/authorize",
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        };
        Entra.Given(Request.Create().WithPath($"/{_instanceId}/{TenantId}/v2.0/.well-known/openid-configuration").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(metadata.ToJsonString()));
    }

    private static HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Entra.Stop();
            SigningKey.Dispose();
        }
    }
}
