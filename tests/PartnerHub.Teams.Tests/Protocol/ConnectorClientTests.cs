using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Teams.Protocol;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

using PartnerHub.Tests.Shared;

namespace PartnerHub.Teams.Tests.Protocol;

public sealed class ConnectorClientTests : IDisposable
{
    private const string Tenant = "11111111-2222-3333-4444-555555555555";
    private const string AppToken = "app-token-from-entra-stub";
    private const string ConversationId = "a:1Xy9/z;messageid=17@thread.tacv2";
    private const string ActivityId = "1699999999999";
    private static readonly DateTimeOffset Now = new(2031, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly WireMockServer _server = WireMockServer.Start();

    // MSAL insists on an https authority, so the Entra stub gets WireMock's self-signed certificate.
    private readonly WireMockServer _entra = WireMockServer.Start(new WireMockServerSettings
    {
        UseSSL = true,
        CertificateSettings = new WireMockCertificateSettings { X509Certificate = TestCertificates.Localhost },
    });
    private readonly InstantDelayTimeProvider _time = new(Now);
    private readonly RetryRecorder _retries = new();
    private ServiceProvider? _provider;

    public ConnectorClientTests()
    {
        _entra.Given(Request.Create().WithPath($"/{Tenant}/oauth2/v2.0/token").UsingPost())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":"{{AppToken}}"}"""));
    }

    public void Dispose()
    {
        _provider?.Dispose();
        _server.Stop();
        _entra.Stop();
    }

    private string ServiceUrl => _server.Url + "/amer/";

    // On the wire the id's '/' stays escaped (no path injection); ':', ';' and '@' are legal path characters
    // and System.Uri sends them as they are. WireMock matches paths decoded, so stubs use the raw id.
    private const string WireConversation = "a:1Xy9%2Fz;messageid=17@thread.tacv2";

    private string WirePath(ILogEntry entry) => entry.RequestMessage.Url[_server.Url!.Length..];

    private (IConnectorClient Client, ITrustedServiceUrls Trusted) Build(bool anonymous = false, bool trustServer = true)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Bot:AppId"] = "6f1c0e4e-0000-4000-8000-00000000b0b0",
            ["Bot:TenantId"] = Tenant,
            ["Bot:ClientSecret"] = "test-secret",
            ["Bot:TokenAuthority"] = $"{_entra.Url}/{Tenant}",
            // Test-only: WireMock listens on http://localhost.
            ["Bot:AllowLoopbackHttp"] = "true",
            ["Bot:Connector:MaxRetryAttempts"] = "2",
            ["Bot:Connector:BaseDelay"] = "00:00:00.200",
            ["Bot:Connector:MaxDelay"] = "00:01:00",
            // Far above the test's instant back-off, so a timeout can never fire during a test.
            ["Bot:Connector:AttemptTimeout"] = "01:00:00",
            ["Bot:Connector:TotalTimeout"] = "02:00:00",
        }).Build();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<IConnectorRetryObserver>(_retries);
        services.AddTeamsProtocol(config.GetSection("Bot"), anonymous);
        // Test-only: trust the stub's self-signed certificate for MSAL's token requests, nothing else.
        services.AddHttpClient(MsalBotAppTokenProvider.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
            });
        _provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        var trusted = _provider.GetRequiredService<ITrustedServiceUrls>();
        if (trustServer)
        {
            Assert.True(trusted.Trust(ServiceUrl));
        }

        return (_provider.GetRequiredService<IConnectorClient>(), trusted);
    }

    private void StubConnector(string path, Func<IRequestBuilder, IRequestBuilder> method, int status = 200, string body = """{"id":"new-activity-1"}""") =>
        _server.Given(method(Request.Create().WithPath(path)))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    private List<ILogEntry> Calls(string pathStart) =>
        _server.LogEntries.Where(e => e.RequestMessage.AbsolutePath.StartsWith(pathStart, StringComparison.Ordinal)).ToList();

    private List<ILogEntry> ConnectorCalls() => Calls("/amer/");

    private int TokenCalls() => _entra.LogEntries.Count;

    private static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text };

    private static Activity Inbound(string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = ActivityId,
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        Conversation = new ConversationAccount { Id = ConversationId },
    };

    private static string? AuthorizationOf(ILogEntry entry) =>
        entry.RequestMessage.Headers!.TryGetValue("Authorization", out var values) ? values.Single() : null;

    private static JsonObject BodyOf(ILogEntry entry) => JsonNode.Parse(entry.RequestMessage.Body!)!.AsObject();

    [Fact]
    public async Task Reply_posts_to_the_activity_path_with_the_app_token()
    {
        var (client, _) = Build();
        var path = $"/amer/v3/conversations/{ConversationId}/activities/{ActivityId}";
        StubConnector(path, r => r.UsingPost());

        var result = await client.ReplyToActivityAsync(Inbound(ServiceUrl), Message("Hej"), CancellationToken.None);

        Assert.Equal("new-activity-1", result.Id);
        var call = Assert.Single(ConnectorCalls());
        Assert.Equal("POST", call.RequestMessage.Method);
        Assert.Equal(path.Replace(ConversationId, WireConversation, StringComparison.Ordinal), WirePath(call));
        Assert.Equal("Bearer " + AppToken, AuthorizationOf(call));
        var body = BodyOf(call);
        Assert.Equal("message", (string?)body["type"]);
        Assert.Equal("Hej", (string?)body["text"]);
        Assert.Equal(ActivityId, (string?)body["replyToId"]);
    }

    [Fact]
    public async Task Send_posts_to_the_conversation_activities()
    {
        var (client, _) = Build();
        var path = $"/amer/v3/conversations/{ConversationId}/activities";
        StubConnector(path, r => r.UsingPost());

        await client.SendToConversationAsync(ServiceUrl, ConversationId, Message("Påmindelse"), CancellationToken.None);

        var call = Assert.Single(ConnectorCalls());
        Assert.Equal(path.Replace(ConversationId, WireConversation, StringComparison.Ordinal), WirePath(call));
        Assert.Equal("POST", call.RequestMessage.Method);
        Assert.Equal("Påmindelse", (string?)BodyOf(call)["text"]);
        Assert.Equal("Bearer " + AppToken, AuthorizationOf(call));
    }

    [Fact]
    public async Task Update_puts_to_the_activity()
    {
        var (client, _) = Build();
        var path = $"/amer/v3/conversations/{ConversationId}/activities/{ActivityId}";
        StubConnector(path, r => r.UsingPut());

        await client.UpdateActivityAsync(ServiceUrl, ConversationId, ActivityId, Message("Opdateret"), CancellationToken.None);

        var call = Assert.Single(ConnectorCalls());
        Assert.Equal("PUT", call.RequestMessage.Method);
        Assert.Equal(path.Replace(ConversationId, WireConversation, StringComparison.Ordinal), WirePath(call));
        Assert.Equal(ActivityId, (string?)BodyOf(call)["id"]);
        Assert.Equal("Bearer " + AppToken, AuthorizationOf(call));
    }

    [Fact]
    public async Task Create_posts_conversation_parameters()
    {
        var (client, _) = Build();
        StubConnector("/amer/v3/conversations", r => r.UsingPost(), 201, """{"id":"a:new-conv","activityId":"1"}""");

        var result = await client.CreateConversationAsync(ServiceUrl, new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount { Id = "28:bot" },
            Members = [new ChannelAccount { Id = "29:user" }],
            TenantId = Tenant,
        }, CancellationToken.None);

        Assert.Equal("a:new-conv", result.Id);
        var call = Assert.Single(ConnectorCalls());
        Assert.Equal("/amer/v3/conversations", WirePath(call));
        var body = BodyOf(call);
        Assert.Equal("29:user", (string?)body["members"]![0]!["id"]);
        Assert.Equal(Tenant, (string?)body["tenantId"]);
        Assert.Equal("Bearer " + AppToken, AuthorizationOf(call));
    }

    [Fact]
    public async Task App_token_is_fetched_once_and_cached_across_calls()
    {
        var (client, _) = Build();
        StubConnector($"/amer/v3/conversations/{ConversationId}/activities", r => r.UsingPost());

        for (var i = 0; i < 3; i++)
        {
            await client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None);
        }

        Assert.Equal(3, ConnectorCalls().Count);
        Assert.Equal(1, TokenCalls());
    }

    [Fact]
    public async Task Untrusted_serviceUrl_throws_and_sends_nothing()
    {
        var (client, _) = Build(trustServer: false);

        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None));
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            client.SendToConversationAsync("https://attacker.example/", ConversationId, Message("x"), CancellationToken.None));

        Assert.Empty(_server.LogEntries); // the Connector was not called
        Assert.Empty(_entra.LogEntries);  // and no token was even requested
    }

    [Fact]
    public async Task Reply_to_an_activity_from_an_untrusted_serviceUrl_sends_nothing()
    {
        var (client, _) = Build();
        await Assert.ThrowsAsync<UntrustedServiceUrlException>(() =>
            client.ReplyToActivityAsync(Inbound(_server.Url + "/elsewhere/"), Message("x"), CancellationToken.None));
        Assert.Empty(_server.LogEntries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Status_429_with_Retry_After_is_honoured_then_succeeds(bool asHttpDate)
    {
        var (client, _) = Build();
        var path = $"/amer/v3/conversations/{ConversationId}/activities";
        var retryAfter = asHttpDate ? Now.AddSeconds(7).ToString("R", CultureInfo.InvariantCulture) : "7";
        _server.Given(Request.Create().WithPath(path).UsingPost()).InScenario("throttle").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", retryAfter));
        _server.Given(Request.Create().WithPath(path).UsingPost()).InScenario("throttle").WhenStateIs("open")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"id":"ok"}"""));

        var result = await client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None);

        Assert.Equal("ok", result.Id);
        Assert.Equal(2, ConnectorCalls().Count);
        var retry = Assert.Single(_retries.Seen);
        Assert.Equal(429, retry.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), retry.Delay);
        Assert.Contains(TimeSpan.FromSeconds(7), _time.ShortTimerDueTimes); // and the pipeline waited on exactly that
    }

    [Fact]
    public async Task Status_503_then_200_succeeds_with_exponential_backoff()
    {
        var (client, _) = Build();
        var path = $"/amer/v3/conversations/{ConversationId}/activities";
        _server.Given(Request.Create().WithPath(path).UsingPost()).InScenario("flaky").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503));
        _server.Given(Request.Create().WithPath(path).UsingPost()).InScenario("flaky").WhenStateIs("up")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"id":"ok"}"""));

        var result = await client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None);

        Assert.Equal("ok", result.Id);
        Assert.Equal(2, ConnectorCalls().Count);
        var retry = Assert.Single(_retries.Seen);
        Assert.Equal(503, retry.StatusCode);
        Assert.InRange(retry.Delay, TimeSpan.Zero, TimeSpan.FromSeconds(1)); // jittered around the 200 ms base delay
    }

    [Fact]
    public async Task Persistent_500_throws_ConnectorException_after_max_attempts_without_the_body()
    {
        var (client, _) = Build();
        var path = $"/amer/v3/conversations/{ConversationId}/activities";
        StubConnector(path, r => r.UsingPost(), 500, """{"error":{"code":"ServiceError","message":"Anna Jensen's message failed"}}""");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None));

        Assert.Equal(500, ex.StatusCode);
        Assert.Equal("ServiceError", ex.ErrorCode);
        Assert.DoesNotContain("Anna", ex.Message, StringComparison.Ordinal);
        Assert.Equal(3, ConnectorCalls().Count); // 1 + MaxRetryAttempts(2)
        Assert.Equal(2, _retries.Seen.Count);
        Assert.All(_retries.Seen, r => Assert.Equal(500, r.StatusCode));
    }

    [Fact]
    public async Task Client_errors_are_not_retried()
    {
        var (client, _) = Build();
        StubConnector($"/amer/v3/conversations/{ConversationId}/activities", r => r.UsingPost(), 403, """{"error":{"code":"BotNotInConversationRoster","message":"x"}}""");

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None));

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("BotNotInConversationRoster", ex.ErrorCode);
        Assert.Single(ConnectorCalls());
        Assert.Empty(_retries.Seen);
    }

    [Fact]
    public async Task Anonymous_mode_sends_no_Authorization_header_and_asks_for_no_token()
    {
        var (client, _) = Build(anonymous: true);
        StubConnector($"/amer/v3/conversations/{ConversationId}/activities", r => r.UsingPost());

        await client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None);

        var call = Assert.Single(ConnectorCalls());
        Assert.Null(AuthorizationOf(call));
        Assert.Equal(0, TokenCalls());
    }

    [Fact]
    public async Task Redirects_are_not_followed()
    {
        var (client, _) = Build();
        var path = $"/amer/v3/conversations/{ConversationId}/activities";
        _server.Given(Request.Create().WithPath(path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", _server.Url + "/stolen"));

        var ex = await Assert.ThrowsAsync<ConnectorException>(() =>
            client.SendToConversationAsync(ServiceUrl, ConversationId, Message("x"), CancellationToken.None));

        Assert.Equal(307, ex.StatusCode);
        Assert.Empty(Calls("/stolen"));
    }

    private sealed class RetryRecorder : IConnectorRetryObserver
    {
        private readonly List<ConnectorRetryInfo> _seen = [];

        public IReadOnlyList<ConnectorRetryInfo> Seen
        {
            get
            {
                lock (_seen)
                {
                    return [.. _seen];
                }
            }
        }

        public void OnRetry(ConnectorRetryInfo retry)
        {
            lock (_seen)
            {
                _seen.Add(retry);
            }
        }
    }
}
