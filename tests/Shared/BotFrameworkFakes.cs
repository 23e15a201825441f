using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace PartnerHub.Tests.Shared;

// Linked into every test project that has to stand in for Entra or the Bot Framework token service:
// one copy of the fakes, so protocol tests and host tests sign tokens the same way.

/// <summary>
/// A test signing key: an RSA pair with a key id, published as a JWK. Every key alive at one time is a different
/// pair, so a forger's key never signs like the real one.
/// </summary>
/// <remarks>
/// Making a 2048-bit pair costs from a quarter of a second to over two on a loaded 2-core machine, and token tests
/// need two or three per test. So pairs are rented from a process-wide pool and handed back on Dispose: a run
/// makes only as many as are ever alive at once. A pair is never in two live keys; once handed back it may sign
/// for a later test, where it is whatever key that test calls it.
/// </remarks>
internal sealed class TestKey : IDisposable
{
    private static readonly ConcurrentBag<RSA> Idle = [];
    private int _disposed;

    public TestKey(string kid, params string[] endorsements)
    {
        Kid = kid;
        Rsa = Idle.TryTake(out var idle) ? idle : RSA.Create(2048);
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

    // Handed back once only: a pair returned twice could be rented to two live keys.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Idle.Add(Rsa);
        }
    }
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

/// <summary>Throwaway certificates: build machines have no developer certificate.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LocalhostCertificate = new(() =>
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Round-trip through PFX so the private key is usable by Kestrel on every platform.
        return X509CertificateLoader.LoadPkcs12(cert.Export(X509ContentType.Pfx), null);
    });

    /// <summary>A self-signed certificate for "localhost", made once per test run (MSAL insists on an https authority).</summary>
    public static X509Certificate2 Localhost => LocalhostCertificate.Value;
}
