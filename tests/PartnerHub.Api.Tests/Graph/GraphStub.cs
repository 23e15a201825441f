using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Tests.Infrastructure;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PartnerHub.Api.Tests.Graph;

/// <summary>
/// WireMock in Graph's place, with the real SDK pipeline (auth provider, RetryHandler) pointed at it through BaseUrl.
/// Authentication is bypassed with a TokenCredential that hands out a fixed token: what is under test is that the SDK
/// puts it on Graph calls (and not on upload URLs), not MSAL's token request, which the Bot tests already cover.
/// </summary>
internal sealed class GraphStub : IDisposable
{
    public const string Token = "graph-token-for-tests";
    public const string Organizer = "00000000-0000-4000-8000-00000000000a";
    public const string DriveId = "b!drive-of-the-project";

    public GraphStub(Action<GraphOptions>? configure = null)
    {
        Options = new GraphOptions
        {
            TenantId = "11111111-2222-3333-4444-555555555555",
            ClientId = "22222222-0000-4000-8000-000000000001",
            ClientSecret = "unused-with-a-fixed-token",
            BaseUrl = Server.Url + "/v1.0",
            DriveId = DriveId,
            UploadChunkBytes = 4 * GraphOptions.UploadChunkUnit,
        };
        configure?.Invoke(Options);
        var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        Client = GraphClientBuilder.Create(Options, new FixedTokenCredential(), loggerFactory.CreateLogger("PartnerHub.Api.Graph.Http"));
        Directory = new GraphUserDirectory(Client);
        Calendar = new GraphCalendarGateway(Client, Directory, Options, loggerFactory.CreateLogger<GraphCalendarGateway>());
        Subscriptions = new GraphSubscriptionGateway(Client, Time, loggerFactory.CreateLogger<GraphSubscriptionGateway>());
        Documents = new GraphDocumentGateway(Client, Options, loggerFactory.CreateLogger<GraphDocumentGateway>());
    }

    public WireMockServer Server { get; } = WireMockServer.Start();

    public GraphOptions Options { get; }

    public LogSink Logs { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 5, 4, 8, 0, 0, TimeSpan.Zero));

    public Microsoft.Graph.GraphServiceClient Client { get; }

    public GraphUserDirectory Directory { get; }

    public GraphCalendarGateway Calendar { get; }

    public GraphSubscriptionGateway Subscriptions { get; }

    public GraphDocumentGateway Documents { get; }

    public string V1 => Server.Url + "/v1.0";

    /// <summary>GET /users/{id}?$select=… answered with the account's mail (or only its UPN when mail is null).</summary>
    public void GivenUser(string objectId, string? mail, string userPrincipalName)
    {
        var user = new JsonObject { ["id"] = objectId, ["mail"] = mail, ["userPrincipalName"] = userPrincipalName };
        Server.Given(Request.Create().WithPath($"/v1.0/users/{objectId}").UsingGet())
            .RespondWith(Json(200, user));
    }

    /// <summary>GET /users/{id}?$select=id,givenName,userType,accountEnabled answered as Entra would for this account.</summary>
    public void GivenPerson(string objectId, string? givenName, string userType, bool accountEnabled)
    {
        var user = new JsonObject { ["id"] = objectId, ["givenName"] = givenName, ["userType"] = userType, ["accountEnabled"] = accountEnabled };
        Server.Given(Request.Create().WithPath($"/v1.0/users/{objectId}").UsingGet())
            .RespondWith(Json(200, user));
    }

    /// <summary>GET /users/{id} answered 404, as Graph answers an id no account of the tenant has.</summary>
    public void GivenNoPerson(string objectId)
    {
        var error = new JsonObject { ["error"] = new JsonObject { ["code"] = "Request_ResourceNotFound", ["message"] = "Resource does not exist." } };
        Server.Given(Request.Create().WithPath($"/v1.0/users/{objectId}").UsingGet())
            .RespondWith(Json(404, error));
    }

    /// <summary>Points a test host's Graph at this stub: the real SDK pipeline, only the token from a fixed credential.</summary>
    public void Configure(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Graph:TenantId", Options.TenantId);
        builder.UseSetting("Graph:ClientId", Options.ClientId);
        builder.UseSetting("Graph:ClientSecret", "unused-with-a-fixed-token");
        builder.UseSetting("Graph:BaseUrl", V1);
        builder.ConfigureTestServices(services => services.AddSingleton(provider => GraphClientBuilder.Create(
            provider.GetRequiredService<GraphOptions>(),
            new FixedTokenCredential(),
            provider.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerHub.Api.Graph.Http"))));
    }

    public static IResponseBuilder Json(int status, JsonNode body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body.ToJsonString());

    /// <summary>Requests Graph received, oldest first.</summary>
    public IReadOnlyList<IRequestMessage> Requests() =>
        Server.LogEntries.OrderBy(entry => entry.RequestMessage.DateTime).Select(entry => entry.RequestMessage).ToList();

    public IReadOnlyList<IRequestMessage> Requests(string method, string path) =>
        Requests().Where(request => request.Method == method && request.AbsolutePath == path).ToList();

    public static JsonObject BodyOf(IRequestMessage request) => JsonNode.Parse(request.Body!)!.AsObject();

    public static string? Header(IRequestMessage request, string name) =>
        request.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>A query parameter as sent: WireMock splits values at commas, so they are joined back.</summary>
    public static string? Query(IRequestMessage request, string name) =>
        request.Query is { } query && query.TryGetValue(name, out var values) ? string.Join(',', values) : null;

    public void Dispose() => Server.Stop();

    private sealed class FixedTokenCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
