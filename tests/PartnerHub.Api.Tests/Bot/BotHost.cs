using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Leases;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Teams.Protocol;
using PartnerHub.Tests.Shared;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>
/// The real API host (Production mode, real token validation) with the outside world stood in for:
/// Bot Framework / Entra OpenID metadata and token endpoint, and a Bot Connector, all WireMock; tables in Azurite.
/// </summary>
internal sealed class BotHost : WebApplicationFactory<Program>
{
    public const string AppId = "6f1c0e4e-0000-4000-8000-00000000b0b0";
    public const string AppToken = "app-token-from-entra-stub";
    public const string BotFrameworkIssuer = "https://api.botframework.com";
    public const string TenantId = OpenIdStub.TenantId;

    // The channel's and Entra's stand-ins are the same for every host of the run (same keys, same app token), so they
    // are started once, not three servers and two RSA pairs per host. Each host keeps a Connector of its own: tests count its calls.
    private static readonly Lazy<Authority> SharedAuthority = new(() => new Authority());

    private readonly Authority _authority = SharedAuthority.Value;
    private readonly string _tablePrefix;
    private bool _ownsConnector = true;

    /// <param name="tablePrefix">Share tables with an earlier host: a restart of the same deployment.</param>
    /// <param name="connector">
    /// An earlier host's Connector (<see cref="HandOverConnector"/>), kept running so stored serviceUrls still lead to it:
    /// the channel outlives a restarted bot. Taken over rather than restarted on the same port, which another test may
    /// have bound in between.
    /// </param>
    public BotHost(string? tablePrefix = null, WireMockServer? connector = null)
    {
        _tablePrefix = tablePrefix ?? AzuriteFixture.NewPrefix();
        if (connector is not null)
        {
            Connector = connector;
            Connector.ResetLogEntries();
            return;
        }

        Connector = WireMockServer.Start();
        Connector.Given(Request.Create().WithPath("/teams/v3/*").UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"id":"sent-1"}"""));
    }

    /// <summary>Leave this host's Connector running when the host is disposed, for a restarted host to take over.</summary>
    public WireMockServer HandOverConnector()
    {
        _ownsConnector = false;
        return Connector;
    }

    /// <summary>The OpenID metadata and keys, shared by every BotHost: change them only in a test that has the process to itself.</summary>
    public OpenIdStub OpenId => _authority.OpenId;

    public TestKey BotFrameworkKey => _authority.BotFrameworkKey;

    public TestKey EntraKey => _authority.EntraKey;

    /// <summary>Entra's token endpoint, shared by every BotHost.</summary>
    public WireMockServer Entra => _authority.Entra;

    public WireMockServer Connector { get; }

    /// <summary>The Connector's base URL as Teams would put it in activities (regional path, trailing slash).</summary>
    public string ServiceUrl => Connector.Url + "/teams/";

    public TableStore Tables => Services.GetRequiredService<TableStore>();

    /// <summary>Extra host settings and services for one test class (e.g. Graph pointed at a WireMock stub).</summary>
    public Action<IWebHostBuilder>? Customize { get; init; }

    public string TablePrefix => _tablePrefix;

    /// <summary>Every log line the host wrote, fully rendered with its structured values, scopes and exceptions.</summary>
    public LogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Bot:AppId", AppId);
        builder.UseSetting("Bot:TenantId", TenantId);
        builder.UseSetting("Bot:ClientSecret", "test-secret");
        builder.UseSetting("Bot:OpenIdMetadataUrls:0", OpenId.BotFrameworkMetadataUrl);
        builder.UseSetting("Bot:OpenIdMetadataUrls:1", OpenId.EntraMetadataUrl);
        builder.UseSetting("Bot:TokenAuthority", $"{Entra.Url}/{TenantId}");
        // Production refuses to start without the REST API's Entra settings; bot tests never call the REST API.
        builder.UseSetting("AzureAd:TenantId", TenantId);
        builder.UseSetting("AzureAd:ClientId", "7a2d1b3c-0000-4000-8000-0000000a91a9");
        builder.UseSetting("Storage:ConnectionString", AzuriteFixture.ConnectionString);
        // Tests drive the outbox themselves (SweepOnceAsync), so every delivery happens at a known point.
        builder.UseSetting("Outbox:Enabled", "false");
        builder.UseSetting("Retention:Enabled", "false");
        builder.UseSetting("Storage:TablePrefix", _tablePrefix);
        builder.UseSetting("Calendar:LinkSigningKey", CalendarLinkTestKey.Base64);
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            // The OpenID stub and WireMock's Connector are http://localhost, which production refuses. Set here, in code,
            // because outside Development the host refuses to start with these as settings (DevelopmentOnlySettings).
            services.PostConfigure<BotAuthenticationOptions>(options =>
            {
                options.RequireHttpsMetadata = false;
                options.AllowLoopbackHttp = true;
            });
            services.AddHttpClient(MsalBotAppTokenProvider.HttpClientName)
                // Test-only: trust the Entra stub's throwaway certificate for MSAL's token requests, nothing else.
                .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
                });
        });
        Customize?.Invoke(builder);
    }

    /// <summary>A Bot Framework token as the channel signs it; every part can be varied to forge one.</summary>
    public string Token(
        TestKey? key = null,
        string issuer = BotFrameworkIssuer,
        string audience = AppId,
        string? serviceUrl = null,
        DateTimeOffset? expires = null,
        DateTimeOffset? notBefore = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        string[]? audiences = null)
    {
        var now = DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl ?? ServiceUrl };
        if (audiences is not null)
        {
            claims["aud"] = audiences; // an "aud" array in place of the single audience
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audiences is null ? audience : null,
            Claims = claims,
            IssuedAt = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? now.AddMinutes(-1)).UtcDateTime,
            Expires = (expires ?? now.AddHours(1)).UtcDateTime,
            SigningCredentials = new SigningCredentials((key ?? BotFrameworkKey).SecurityKey, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    public async Task<HttpResponseMessage> PostActivityAsync(JsonObject activity, string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await CreateClient().SendAsync(request);
    }

    public Task<HttpResponseMessage> PostSignedAsync(JsonObject activity) => PostActivityAsync(activity, "Bearer " + Token());

    /// <summary>
    /// Requests the bot sent to the Connector, in order; fails if a card in one still holds a template expression or
    /// shows a date not in the house style of the language its buttons answer in.
    /// </summary>
    public IReadOnlyList<(string Method, string Path, string? Authorization, JsonObject? Body)> ConnectorCalls()
    {
        var calls = Connector.LogEntries
            .OrderBy(entry => entry.RequestMessage.DateTime)
            .Select(entry => (
                entry.RequestMessage.Method,
                entry.RequestMessage.AbsolutePath,
                entry.RequestMessage.Headers is { } headers && headers.TryGetValue("Authorization", out var auth) ? auth.FirstOrDefault() : null,
                entry.RequestMessage.Body is { Length: > 0 } body ? JsonNode.Parse(body) as JsonObject : null))
            .ToList();
        foreach (var call in calls)
        {
            CardAssert.Wellformed(call.Item4, what: $"{call.Method} {call.AbsolutePath}");
        }

        return calls;
    }

    /// <summary>Every row in the host's tables (test-only scan): proof that nothing was stored.</summary>
    public async Task<int> CountStoredRowsAsync()
    {
        var count = 0;
        foreach (var name in TableNames.All)
        {
            // The background loops' leases (Storage/Leases) are the host's own bookkeeping, not anything a request stored.
            await foreach (var row in Tables.Table(name).QueryAsync<TableEntity>(select: ["PartitionKey"]))
            {
                count += row.PartitionKey == TableLeases.Partition ? 0 : 1;
            }
        }

        return count;
    }

    /// <summary>An activity as Teams sends it in a personal chat.</summary>
    public JsonObject Activity(string type, string conversationId, string? text = null, string locale = "da-DK") =>
        ActivityFrom(type, conversationId, ("29:user-1", "aad-user-1"), text, locale);

    /// <summary>An activity from a given person (Teams user id and Entra object id) in her personal chat.</summary>
    public JsonObject ActivityFrom(string type, string conversationId, (string UserId, string ObjectId) from, string? text = null, string locale = "da-DK") => new()
    {
        ["type"] = type,
        ["id"] = "act-" + UniqueIds.Next(8),
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = ServiceUrl,
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = from.UserId, ["name"] = "Staff Person", ["aadObjectId"] = from.ObjectId },
        ["conversation"] = new JsonObject { ["id"] = conversationId, ["conversationType"] = "personal", ["tenantId"] = TenantId },
        ["recipient"] = new JsonObject { ["id"] = "28:" + AppId, ["name"] = "PartnerHub" },
        ["locale"] = locale,
        ["text"] = text,
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TenantId } },
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            // The shared OpenID and Entra stubs stay up for the next host; they end with the test process.
            // A Connector handed over to a restarted host is stopped by that host.
            if (_ownsConnector)
            {
                Connector.Stop();
            }
        }
    }

    private sealed class Authority
    {
        public Authority()
        {
            OpenId.SetBotFrameworkKeys(BotFrameworkKey);
            OpenId.SetEntraKeys(EntraKey);
            Entra.Given(Request.Create().WithPath($"/{TenantId}/oauth2/v2.0/token").UsingPost())
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                    .WithBody($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"{{AppToken}}"}"""));
        }

        public OpenIdStub OpenId { get; } = new();

        public TestKey BotFrameworkKey { get; } = new("bf-key-1", "msteams");

        public TestKey EntraKey { get; } = new("entra-key-1");

        public WireMockServer Entra { get; } = WireMockServer.Start(new WireMockServerSettings
        {
            UseSSL = true,
            CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestCertificates.Localhost },
        });
    }
}

internal static class HttpResponseExtensions
{
    /// <summary>
    /// The response's JSON; fails if a card in it (an invoke response's card) still holds a template expression or shows
    /// a date not in the house style of the language its buttons answer in.
    /// </summary>
    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response)
    {
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        CardAssert.Wellformed(json, what: "response card");
        return json;
    }

    public static MediaTypeHeaderValue? MediaType(this HttpResponseMessage response) => response.Content.Headers.ContentType;
}
