using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PartnerHub.Teams.Tests.Protocol;

/// <summary>An IHttpClientFactory for unit tests that construct protocol types by hand.</summary>
internal sealed class PlainHttpClientFactory : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new();
}

/// <summary>A test signing key: an RSA pair with a key id, published as a JWK.</summary>
internal sealed class TestKey : IDisposable
{
    public TestKey(string kid, params string[] endorsements)
    {
        Kid = kid;
        Rsa = RSA.Create(2048);
        Endorsements = endorsements;
        SecurityKey = new RsaSecurityKey(Rsa) { KeyId = kid };
    }

    public string Kid { get; }
    public RSA Rsa { get; }
    public string[] Endorsements { get; }
    public RsaSecurityKey SecurityKey { get; }

    public JsonObject ToJwk()
    {
        var p = Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (Endorsements.Length > 0)
        {
            jwk["endorsements"] = new JsonArray(Endorsements.Select(e => (JsonNode?)JsonValue.Create(e)).ToArray());
        }

        return jwk;
    }

    public void Dispose() => Rsa.Dispose();
}

/// <summary>Serves a Bot Framework and an Entra OpenID metadata document with their JWKS from WireMock.</summary>
internal sealed class OpenIdStub : IDisposable
{
    public const string TenantId = "11111111-2222-3333-4444-555555555555";
    public const string EntraV2Issuer = $"https://login.microsoftonline.com/{TenantId}/v2.0";
    public const string EntraV1Issuer = $"https://sts.windows.net/{TenantId}/";

    public OpenIdStub()
    {
        Server = WireMockServer.Start();
        ServeDocument("/bf/openid", "https://api.botframework.com", "/bf/keys");
        ServeDocument("/entra/openid", EntraV2Issuer, "/entra/keys");
    }

    public WireMockServer Server { get; }
    public string BotFrameworkMetadataUrl => Server.Url + "/bf/openid";
    public string EntraMetadataUrl => Server.Url + "/entra/openid";

    public void SetBotFrameworkKeys(params TestKey[] keys) => ServeKeys("/bf/keys", keys);
    public void SetEntraKeys(params TestKey[] keys) => ServeKeys("/entra/keys", keys);

    public int Requests(string path) => Server.LogEntries.Count(e => e.RequestMessage.AbsolutePath == path);

    private void ServeDocument(string path, string issuer, string jwksPath)
    {
        var doc = new JsonObject
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = Server.Url + jwksPath,
            ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
        };
        Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(doc.ToJsonString()));
    }

    private void ServeKeys(string path, TestKey[] keys)
    {
        var jwks = new JsonObject { ["keys"] = new JsonArray(keys.Select(k => (JsonNode?)k.ToJwk()).ToArray()) };
        Server.Given(Request.Create().WithPath(path).UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(jwks.ToJsonString()));
    }

    public void Dispose() => Server.Stop();
}

/// <summary>Hand-built JWTs for the forgeries a library would refuse to create.</summary>
internal static class RawJwt
{
    public static string Segment(JsonObject json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public static JsonObject DecodeSegment(string segment) => JsonNode.Parse(Base64UrlEncoder.Decode(segment))!.AsObject();
}

/// <summary>
/// Fixed "now"; timers up to <see cref="ShortTimerLimit"/> fire at once (retry back-off) and their due
/// times are recorded; longer timers (the timeouts) run on the real clock and so never fire in a test.
/// </summary>
internal sealed class InstantDelayTimeProvider(DateTimeOffset now) : TimeProvider
{
    public static readonly TimeSpan ShortTimerLimit = TimeSpan.FromMinutes(10);

    private readonly List<TimeSpan> _delays = [];

    public IReadOnlyList<TimeSpan> ShortTimerDueTimes
    {
        get
        {
            lock (_delays)
            {
                return [.. _delays];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime > TimeSpan.Zero && dueTime <= ShortTimerLimit)
        {
            lock (_delays)
            {
                _delays.Add(dueTime);
            }

            return System.CreateTimer(callback, state, TimeSpan.Zero, period);
        }

        return System.CreateTimer(callback, state, dueTime, period);
    }
}
