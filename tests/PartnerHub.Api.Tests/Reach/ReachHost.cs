using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Identity.Web;
using PartnerHub.Api.Graph;
using PartnerHub.Api.Reach;
using PartnerHub.Api.Rest;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Graph;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Api.Tests.Rest;
using WireMock.RequestBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Reach;

/// <summary>
/// The real host as a municipality runs it: Graph configured (WireMock in Graph's place, with the app's catalog id),
/// the Bot Connector in WireMock, REST tokens signed as Entra signs them (a <see cref="RestHost"/>'s Entra stand-in and
/// signing key; that host's own app is never started), tables in Azurite under a fresh prefix.
/// </summary>
internal sealed class ReachHost : IDisposable
{
    public const string CatalogId = "4c1f0a2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";

    public ReachHost()
    {
        Bot = new BotHost
        {
            Customize = builder =>
            {
                builder.UseSetting("Graph:TenantId", Graph.Options.TenantId);
                builder.UseSetting("Graph:ClientId", Graph.Options.ClientId);
                builder.UseSetting("Graph:ClientSecret", "unused-with-a-fixed-token");
                builder.UseSetting("Graph:BaseUrl", Graph.V1);
                builder.UseSetting("Graph:TeamsAppCatalogId", CatalogId);
                builder.UseSetting("Graph:Notifications:Enabled", "false");
                builder.UseSetting("AzureAd:Instance", Rest.EntraInstance);
                builder.UseSetting("AzureAd:TenantId", RestHost.TenantId);
                builder.UseSetting("AzureAd:ClientId", RestHost.ClientId);
                builder.ConfigureTestServices(services =>
                {
                    // The real SDK pipeline against the stub; only the token comes from a fixed credential, not Entra.
                    services.AddSingleton(provider => GraphClientBuilder.Create(
                        provider.GetRequiredService<GraphOptions>(),
                        new FixedTokenCredential(),
                        provider.GetRequiredService<ILoggerFactory>().CreateLogger("PartnerHub.Api.Graph.Http")));
                    // Test-only: trust the Entra stub's throwaway certificate for REST token metadata, nothing else.
                    services.Configure<JwtBearerOptions>(RestApi.AuthenticationScheme, options => options.BackchannelHttpHandler = TrustingHandler());
                    services.Configure<AadIssuerValidatorOptions>(options => options.HttpClientName = "entra-stub");
                    services.AddHttpClient("entra-stub").ConfigurePrimaryHttpMessageHandler(TrustingHandler);
                });
            },
        };
        Scenario = new ReferralScenario(Bot);
    }

    public GraphStub Graph { get; } = new();

    public RestHost Rest { get; } = new();

    public BotHost Bot { get; }

    public ReferralScenario Scenario { get; }

    /// <summary>Graph knows her as a member account of the tenant (the people picker's check reads this).</summary>
    public void GivenMember(string objectId, string givenName) =>
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{objectId}").UsingGet())
            .RespondWith(GraphStub.Json(200, new JsonObject { ["id"] = objectId, ["givenName"] = givenName, ["userType"] = "Member", ["accountEnabled"] = true }));

    /// <summary>Installing PartnerHub for her answers this status (201 installed, 409 already, 403 policy, 404 no Teams).</summary>
    public void GivenInstallAnswers(string objectId, int status)
    {
        var body = status < 300
            ? new JsonObject { ["id"] = "installation-" + objectId }
            : new JsonObject { ["error"] = new JsonObject { ["code"] = status == 409 ? "Conflict" : "Forbidden", ["message"] = "stub" } };
        Graph.Server.Given(Request.Create().WithPath($"/v1.0/users/{objectId}/teamwork/installedApps").UsingPost())
            .RespondWith(GraphStub.Json(status, body));
    }

    public IReadOnlyList<WireMock.IRequestMessage> InstallRequests(string objectId) =>
        Graph.Requests("POST", $"/v1.0/users/{objectId}/teamwork/installedApps");

    /// <summary>Runs the outbox until nothing is due, as the dispatcher's loop would.</summary>
    public async Task DeliverAllAsync()
    {
        for (var pass = 0; pass < 10 && await Scenario.DeliverAsync() > 0; pass++)
        {
        }
    }

    /// <summary>Teams' installationUpdate for her personal chat, as it arrives after the app is installed for her.</summary>
    public async Task InstalledAsync(Person person)
    {
        var activity = Bot.ActivityFrom("installationUpdate", person.ConversationId, (person.UserId, person.ObjectId));
        activity["action"] = "add";
        using var response = await Bot.PostSignedAsync(activity);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Cards the Connector received for a conversation: (method, card), oldest first.</summary>
    public IReadOnlyList<(string Method, JsonObject Card)> CardsIn(string conversationId) =>
        Bot.ConnectorCalls()
            .Where(call => call.Path.Contains("/conversations/" + conversationId + "/", StringComparison.Ordinal) && call.Body?["attachments"] is JsonArray)
            .Select(call => (call.Method, call.Body!["attachments"]![0]!["content"]!.AsObject()))
            .ToList();

    public async Task<HttpResponseMessage> PostJsonAsync(string path, string token, JsonObject body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await Bot.CreateClient().SendAsync(request);
    }

    public ReachStore Reach => Bot.Services.GetRequiredService<ReachStore>();

    /// <summary>Rows of the main table in one partition under a key prefix (test-only read).</summary>
    public async Task<List<TableEntity>> RowsAsync(string partition, string prefix)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Bot.Tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(partition, prefix)))
        {
            rows.Add(row);
        }

        return rows;
    }

    public void Dispose()
    {
        Bot.Dispose();
        Rest.Dispose();
        Graph.Dispose();
    }

    private static HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
    };

    private sealed class FixedTokenCredential : Azure.Core.TokenCredential
    {
        public override Azure.Core.AccessToken GetToken(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GraphStub.Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<Azure.Core.AccessToken> GetTokenAsync(Azure.Core.TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
