using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Api.Health;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Teams.Protocol;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace PartnerHub.Api.Tests.Health;

/// <summary>
/// GET /health/ready against the real host: tables, queues and blobs in Azurite, WireMock as Entra's token endpoint
/// for the bot's Connector token and the Graph token (whose roles are the app's Graph permissions).
/// </summary>
public sealed class ReadinessTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string BotToken = "connector-token-from-entra-stub";
    private const string GraphClientId = "5b0c9e1d-0000-4000-8000-00000000a9a9";
    private const string GraphSecret = "graph-secret-never-shown";
    private const string RefusalDescription = "AADSTS7000215: Invalid client secret provided. Trace ID: 0b1c";

    private readonly List<RestHost> _hosts = [];

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }
    }

    [Fact]
    public async Task Everything_reachable_answers_200_with_each_check_by_name()
    {
        var host = Host(graph: true);
        GivenConnectorToken(host);
        GivenGraphToken(host, "Calendars.ReadWrite", "MailboxSettings.ReadWrite", "User.Read.All");

        var (status, body, text) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", (string?)body["status"]);
        Assert.Equal(
            [HealthRegistration.Checks.Connector, HealthRegistration.Checks.Graph, HealthRegistration.Checks.Blobs, HealthRegistration.Checks.Queues, HealthRegistration.Checks.Tables],
            Checks(body).Keys.Order(StringComparer.Ordinal));
        Assert.All(Checks(body).Values, check => Assert.Equal("Healthy", (string?)check["status"]));
        AssertNothingSecret(text);
    }

    [Fact]
    public async Task Graph_not_configured_is_reported_as_such_and_not_a_failure()
    {
        var host = Host(graph: false);
        GivenConnectorToken(host);

        var (status, body, _) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("not configured", (string?)Checks(body)[HealthRegistration.Checks.Graph]["reason"]);
        Assert.DoesNotContain(host.Entra.LogEntries, e => e.RequestMessage.Body?.Contains("graph.microsoft.com", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Storage_at_a_closed_port_answers_503_naming_storage()
    {
        var port = ClosedPort();
        var host = Host(graph: false, settings: new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] =
                "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
                $"TableEndpoint=http://127.0.0.1:{port}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{port}/devstoreaccount1;BlobEndpoint=http://127.0.0.1:{port}/devstoreaccount1",
        }, withoutStartupStorage: true);
        GivenConnectorToken(host);

        var (status, body, text) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)body["status"]);
        foreach (var name in new[] { HealthRegistration.Checks.Tables, HealthRegistration.Checks.Queues, HealthRegistration.Checks.Blobs })
        {
            Assert.Equal("Unhealthy", (string?)Checks(body)[name]["status"]);
            Assert.Equal("not reachable", (string?)Checks(body)[name]["reason"]);
        }

        Assert.Equal("Healthy", (string?)Checks(body)[HealthRegistration.Checks.Connector]["status"]);
        Assert.DoesNotContain(port.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        AssertNothingSecret(text);

        // Liveness is not readiness: the process still answers /health.
        using var live = await host.CreateClient().GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Connector_token_refused_answers_503_naming_it_without_Entras_message()
    {
        var host = Host(graph: false);
        host.Entra.Given(TokenRequest("api.botframework.com"))
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody(new JsonObject { ["error"] = "invalid_client", ["error_description"] = RefusalDescription, ["error_codes"] = new JsonArray(7000215) }.ToJsonString()));

        var (status, body, text) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)Checks(body)[HealthRegistration.Checks.Connector]["status"]);
        Assert.Equal("token refused", (string?)Checks(body)[HealthRegistration.Checks.Connector]["reason"]);
        Assert.Equal("Healthy", (string?)Checks(body)[HealthRegistration.Checks.Tables]["status"]);
        Assert.DoesNotContain("AADSTS", text, StringComparison.Ordinal);
        Assert.Contains(host.Logs.Lines, line => line.Contains("invalid_client", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Graph_token_refused_answers_503_naming_graph()
    {
        var host = Host(graph: true);
        GivenConnectorToken(host);
        host.Entra.Given(TokenRequest("graph.microsoft.com"))
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody(new JsonObject { ["error"] = "invalid_client", ["error_description"] = RefusalDescription, ["error_codes"] = new JsonArray(7000215) }.ToJsonString()));

        var (status, body, text) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", (string?)Checks(body)[HealthRegistration.Checks.Graph]["status"]);
        Assert.Equal("token refused", (string?)Checks(body)[HealthRegistration.Checks.Graph]["reason"]);
        Assert.Equal("Healthy", (string?)Checks(body)[HealthRegistration.Checks.Connector]["status"]);
        AssertNothingSecret(text);
    }

    [Fact]
    public async Task Graph_token_without_a_needed_permission_answers_503_naming_it()
    {
        var host = Host(graph: true);
        GivenConnectorToken(host);
        GivenGraphToken(host, "Directory.Read.All", "Mail.Send");

        var (status, body, _) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var graph = Checks(body)[HealthRegistration.Checks.Graph];
        Assert.Equal("Unhealthy", (string?)graph["status"]);
        // Directory.Read.All covers the user lookups: only the calendar and mailbox-settings permissions are missing.
        Assert.Equal("missing application permissions: Calendars.ReadWrite, MailboxSettings.ReadWrite", (string?)graph["reason"]);
    }

    [Fact]
    public async Task Putting_the_Outlook_category_in_coordinators_mailboxes_needs_MailboxSettings_ReadWrite()
    {
        var host = Host(graph: true);
        GivenConnectorToken(host);
        GivenGraphToken(host, "Calendars.ReadWrite", "User.Read.All");

        var (status, body, _) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("missing application permissions: MailboxSettings.ReadWrite", (string?)Checks(body)[HealthRegistration.Checks.Graph]["reason"]);
    }

    [Fact]
    public async Task User_ReadBasic_All_is_not_enough_to_check_chosen_people()
    {
        var host = Host(graph: true);
        GivenConnectorToken(host);
        GivenGraphToken(host, "Calendars.ReadWrite", "MailboxSettings.ReadWrite", "User.ReadBasic.All");

        var (status, body, _) = await ReadyAsync(host);

        // The people check reads userType and accountEnabled, outside the basic profile.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("missing application permissions: User.Read.All", (string?)Checks(body)[HealthRegistration.Checks.Graph]["reason"]);
    }

    [Fact]
    public async Task With_a_document_library_the_Sites_permission_is_needed_too()
    {
        var host = Host(graph: true, settings: new Dictionary<string, string?> { ["Graph:DriveId"] = "b!drive-of-the-project" });
        GivenConnectorToken(host);
        GivenGraphToken(host, "Calendars.ReadWrite", "MailboxSettings.ReadWrite", "User.Read.All");

        var (status, body, _) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("missing application permissions: Sites.Selected", (string?)Checks(body)[HealthRegistration.Checks.Graph]["reason"]);
    }

    [Fact]
    public async Task Installing_the_app_for_people_needs_the_Teams_app_installation_permission_too()
    {
        var host = Host(graph: true, settings: new Dictionary<string, string?> { ["Graph:TeamsAppCatalogId"] = "4c1f0a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b" });
        GivenConnectorToken(host);
        GivenGraphToken(host, "Calendars.ReadWrite", "MailboxSettings.ReadWrite", "User.Read.All");

        var (status, body, _) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("missing application permissions: TeamsAppInstallation.ReadWriteForUser.All", (string?)Checks(body)[HealthRegistration.Checks.Graph]["reason"]);
    }

    [Fact]
    public async Task Reading_Teams_attendance_needs_the_online_meeting_permissions_too()
    {
        var host = Host(graph: true, settings: new Dictionary<string, string?> { ["Graph:ReadsMeetingAttendance"] = "true" });
        GivenConnectorToken(host);
        GivenGraphToken(host, "Calendars.ReadWrite", "MailboxSettings.ReadWrite", "User.Read.All");

        var (status, body, _) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("missing application permissions: OnlineMeetings.Read.All, OnlineMeetingArtifact.Read.All", (string?)Checks(body)[HealthRegistration.Checks.Graph]["reason"]);
    }

    [Fact]
    public async Task Reading_Teams_attendance_is_ready_with_both_permissions()
    {
        var host = Host(graph: true, settings: new Dictionary<string, string?> { ["Graph:ReadsMeetingAttendance"] = "true" });
        GivenConnectorToken(host);
        GivenGraphToken(host, "Calendars.ReadWrite", "MailboxSettings.ReadWrite", "User.Read.All", "OnlineMeetings.ReadWrite.All", "OnlineMeetingArtifact.Read.All");

        var (status, _, _) = await ReadyAsync(host);

        Assert.Equal(HttpStatusCode.OK, status);
    }

    private RestHost Host(bool graph, IReadOnlyDictionary<string, string?>? settings = null, bool withoutStartupStorage = false)
    {
        RestHost host = null!;
        host = new RestHost(
            settings: settings,
            services: services =>
            {
                services.AddHttpClient(MsalBotAppTokenProvider.HttpClientName).ConfigurePrimaryHttpMessageHandler(TrustingHandler);
                services.AddHttpClient(GraphHealthCheck.HttpClientName).ConfigurePrimaryHttpMessageHandler(TrustingHandler);
                if (withoutStartupStorage)
                {
                    // A refused connection fails at once instead of after the SDK's back-off (seconds per probe): the
                    // answer, "not reachable", is the same either way.
                    services.AddSingleton(new StorageClientPolicies { Configure = options => options.Retry.MaxRetries = 0 });

                    // The app's own start-up work (creating tables, the staging container) would fail first: the
                    // question here is what readiness says about storage that is gone, not whether the host starts.
                    foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly == typeof(Program).Assembly).ToList())
                    {
                        services.Remove(descriptor);
                    }
                }
            })
        {
            Customize = builder =>
            {
                builder.UseSetting("Bot:TokenAuthority", $"{host.Entra.Url}/{RestHost.TenantId}");
                builder.UseSetting("Outbox:Enabled", "false");
                if (graph)
                {
                    builder.UseSetting("Graph:TenantId", RestHost.TenantId);
                    builder.UseSetting("Graph:ClientId", GraphClientId);
                    builder.UseSetting("Graph:ClientSecret", GraphSecret);
                    builder.UseSetting("Graph:AuthorityHost", host.Entra.Url + "/");
                }
            },
        };
        _hosts.Add(host);
        return host;
    }

    private static IRequestBuilder TokenRequest(string scopeHost) =>
        Request.Create().WithPath($"/{RestHost.TenantId}/oauth2/v2.0/token").UsingPost().WithBody(new WildcardMatcher($"*{scopeHost}*"));

    private static void GivenConnectorToken(RestHost host) =>
        host.Entra.Given(TokenRequest("api.botframework.com")).RespondWith(TokenResponse(BotToken));

    private static void GivenGraphToken(RestHost host, params string[] roles)
    {
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = new Dictionary<string, object> { ["aud"] = "https://graph.microsoft.com", ["roles"] = roles, ["tid"] = RestHost.TenantId },
        });
        host.Entra.Given(TokenRequest("graph.microsoft.com")).RespondWith(TokenResponse(token));
    }

    private static IResponseBuilder TokenResponse(string accessToken) =>
        Response.Create().WithHeader("Content-Type", "application/json")
            .WithBody(new JsonObject { ["token_type"] = "Bearer", ["expires_in"] = 3600, ["ext_expires_in"] = 3600, ["access_token"] = accessToken }.ToJsonString());

    private static async Task<(HttpStatusCode Status, JsonObject Body, string Text)> ReadyAsync(RestHost host)
    {
        using var response = await host.CreateClient().GetAsync(HealthRegistration.ReadyPath);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), text);
    }

    private static Dictionary<string, JsonObject> Checks(JsonObject body) =>
        body["checks"]!.AsArray().Select(c => c!.AsObject()).ToDictionary(c => (string)c["name"]!, StringComparer.Ordinal);

    /// <summary>Anonymous callers learn names and statuses only: no token, secret, tenant, client id or host.</summary>
    private static void AssertNothingSecret(string text)
    {
        foreach (var secret in new[] { BotToken, GraphSecret, "test-secret", RestHost.TenantId, GraphClientId, "127.0.0.1", "localhost", "Exception" })
        {
            Assert.DoesNotContain(secret, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    };
}
