using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Teams.Protocol;

using PartnerHub.Tests.Shared;

namespace PartnerHub.Teams.Tests.Protocol;

public sealed class BotTokenValidatorTests : IDisposable
{
    private const string AppId = "6f1c0e4e-0000-4000-8000-00000000b0b0";
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private const string BotFrameworkIssuer = "https://api.botframework.com";

    // Far from the real clock, so a pass proves the injected TimeProvider is the one used.
    private static readonly DateTimeOffset Now = new(2031, 3, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly OpenIdStub _stub = new();
    private readonly TestKey _bfKey = new("bf-key-1", "msteams", "skype");
    private readonly TestKey _entraKey = new("entra-key-1");
    private readonly TestKey _attackerKey = new("attacker-key");
    private readonly List<BotTokenValidator> _validators = [];

    public BotTokenValidatorTests()
    {
        _stub.SetBotFrameworkKeys(_bfKey);
        _stub.SetEntraKeys(_entraKey);
    }

    public void Dispose()
    {
        foreach (var v in _validators) v.Dispose();
        _stub.Dispose();
        _bfKey.Dispose();
        _entraKey.Dispose();
        _attackerKey.Dispose();
    }

    private BotTokenValidator Validator(Action<BotAuthenticationOptions>? configure = null)
    {
        var options = new BotAuthenticationOptions
        {
            AppId = AppId,
            TenantId = OpenIdStub.TenantId,
            ClientSecret = "unused",
            RequireHttpsMetadata = false,
            OpenIdMetadataUrls = [_stub.BotFrameworkMetadataUrl, _stub.EntraMetadataUrl],
        };
        configure?.Invoke(options);
        options.ApplyDefaults();
        var validator = new BotTokenValidator(Options.Create(options), new PlainHttpClientFactory(), _time, NullLogger<BotTokenValidator>.Instance);
        _validators.Add(validator);
        return validator;
    }

    private static string Token(
        TestKey key,
        string issuer = BotFrameworkIssuer,
        string? audience = AppId,
        string? serviceUrl = ServiceUrl,
        DateTimeOffset? notBefore = null,
        DateTimeOffset? expires = null,
        bool withExpiry = true,
        string algorithm = SecurityAlgorithms.RsaSha256,
        IDictionary<string, object>? extraClaims = null)
    {
        var claims = new Dictionary<string, object>(extraClaims ?? new Dictionary<string, object>());
        if (serviceUrl is not null) claims["serviceurl"] = serviceUrl;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            IssuedAt = (notBefore ?? Now.AddMinutes(-1)).UtcDateTime,
            NotBefore = (notBefore ?? Now.AddMinutes(-1)).UtcDateTime,
            Expires = withExpiry ? (expires ?? Now.AddHours(1)).UtcDateTime : null,
            SigningCredentials = new SigningCredentials(key.SecurityKey, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    private static Task<TokenValidationOutcome> Validate(BotTokenValidator v, string? header, string? serviceUrl = ServiceUrl, string? channelId = "msteams") =>
        v.ValidateAsync(header, serviceUrl, channelId, CancellationToken.None);

    private static void AssertRejected(TokenValidationOutcome outcome, string expectedReason, string? token = null)
    {
        Assert.False(outcome.IsValid);
        Assert.Null(outcome.Identity);
        Assert.Equal(expectedReason, outcome.FailureReason);
        if (token is not null)
        {
            // The reason is for logs: it must never carry the token or any part of it.
            foreach (var part in token.Split('.').Where(p => p.Length > 8))
            {
                Assert.DoesNotContain(part, outcome.FailureReason!, StringComparison.Ordinal);
            }
        }
    }

    // ---- accepted ----

    [Fact]
    public async Task Valid_bot_framework_token_is_accepted_with_its_claims()
    {
        var outcome = await Validate(Validator(), "Bearer " + Token(_bfKey));

        Assert.True(outcome.IsValid, outcome.FailureReason);
        Assert.Equal(ServiceUrl, outcome.Identity!.FindFirst("serviceurl")?.Value);
        Assert.Equal(AppId, outcome.Identity.FindFirst("aud")?.Value);
    }

    [Fact]
    public async Task Scheme_is_case_insensitive()
    {
        var outcome = await Validate(Validator(), "bearer " + Token(_bfKey));
        Assert.True(outcome.IsValid, outcome.FailureReason);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea")]
    [InlineData("HTTPS://SMBA.trafficmanager.NET/emea/")]
    public async Task ServiceUrl_comparison_ignores_scheme_host_case_and_trailing_slash(string activityServiceUrl)
    {
        var outcome = await Validate(Validator(), "Bearer " + Token(_bfKey), activityServiceUrl);
        Assert.True(outcome.IsValid, outcome.FailureReason);
    }

    [Fact]
    public async Task Entra_v2_token_issued_to_this_bot_without_serviceurl_is_accepted()
    {
        var token = Token(_entraKey, OpenIdStub.EntraV2Issuer, serviceUrl: null,
            extraClaims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AppId });
        var outcome = await Validate(Validator(), "Bearer " + token);
        Assert.True(outcome.IsValid, outcome.FailureReason);
    }

    [Fact]
    public async Task Entra_v1_token_issued_to_this_bot_without_serviceurl_is_accepted()
    {
        var token = Token(_entraKey, OpenIdStub.EntraV1Issuer, serviceUrl: null,
            extraClaims: new Dictionary<string, object> { ["ver"] = "1.0", ["appid"] = AppId });
        var outcome = await Validate(Validator(), "Bearer " + token);
        Assert.True(outcome.IsValid, outcome.FailureReason);
    }

    [Fact]
    public async Task Expired_within_skew_is_accepted()
    {
        var token = Token(_bfKey, notBefore: Now.AddHours(-1), expires: Now.AddMinutes(-4));
        Assert.True((await Validate(Validator(), "Bearer " + token)).IsValid);
    }

    [Fact]
    public async Task Not_yet_valid_within_skew_is_accepted()
    {
        var token = Token(_bfKey, notBefore: Now.AddMinutes(4), expires: Now.AddHours(1));
        Assert.True((await Validate(Validator(), "Bearer " + token)).IsValid);
    }

    [Fact]
    public async Task Key_rotation_unknown_kid_refreshes_metadata_once_and_accepts_the_new_key()
    {
        using var rotated = new TestKey("bf-key-2", "msteams");
        var validator = Validator();
        Assert.True((await Validate(validator, "Bearer " + Token(_bfKey))).IsValid); // metadata cached with key 1

        _stub.SetBotFrameworkKeys(_bfKey, rotated);
        var before = _stub.Requests("/bf/keys");
        var outcome = await Validate(validator, "Bearer " + Token(rotated));

        Assert.True(outcome.IsValid, outcome.FailureReason);
        Assert.Equal(before + 1, _stub.Requests("/bf/keys"));
    }

    // ---- rejected: lifetime ----

    [Fact]
    public async Task Expired_beyond_skew_is_rejected()
    {
        var token = Token(_bfKey, notBefore: Now.AddHours(-2), expires: Now.AddMinutes(-6));
        AssertRejected(await Validate(Validator(), "Bearer " + token), "token expired", token);
    }

    [Fact]
    public async Task Not_yet_valid_beyond_skew_is_rejected()
    {
        var token = Token(_bfKey, notBefore: Now.AddMinutes(6), expires: Now.AddHours(1));
        AssertRejected(await Validate(Validator(), "Bearer " + token), "token not yet valid", token);
    }

    [Fact]
    public async Task Configured_skew_above_five_minutes_is_capped()
    {
        var token = Token(_bfKey, notBefore: Now.AddHours(-2), expires: Now.AddMinutes(-6));
        var validator = Validator(o => o.ClockSkew = TimeSpan.FromMinutes(30));
        AssertRejected(await Validate(validator, "Bearer " + token), "token expired", token);
    }

    [Fact]
    public async Task Token_without_exp_is_rejected()
    {
        var token = Token(_bfKey, withExpiry: false);
        AssertRejected(await Validate(Validator(), "Bearer " + token), "token has no expiry", token);
    }

    // ---- rejected: audience / issuer ----

    [Fact]
    public async Task Wrong_audience_is_rejected()
    {
        var token = Token(_bfKey, audience: "00000000-0000-0000-0000-000000000bad");
        AssertRejected(await Validate(Validator(), "Bearer " + token), "audience not accepted", token);
    }

    [Theory]
    [InlineData(AppId, "another-app")]
    [InlineData("another-app", AppId)]
    [InlineData(AppId, AppId)]
    public async Task Audience_list_holding_the_app_id_and_more_is_rejected(string first, string second)
    {
        var token = Token(_bfKey, audience: null, extraClaims: new Dictionary<string, object> { ["aud"] = new[] { first, second } });
        AssertRejected(await Validate(Validator(), "Bearer " + token), "audience not accepted", token);
    }

    [Fact]
    public async Task Audience_list_of_exactly_the_app_id_is_accepted()
    {
        var token = Token(_bfKey, audience: null, extraClaims: new Dictionary<string, object> { ["aud"] = new[] { AppId } });
        var outcome = await Validate(Validator(), "Bearer " + token);
        Assert.True(outcome.IsValid, outcome.FailureReason);
    }

    [Fact]
    public async Task Api_uri_audience_is_rejected_because_the_docs_require_the_app_id_itself()
    {
        var token = Token(_bfKey, audience: "api://" + AppId);
        AssertRejected(await Validate(Validator(), "Bearer " + token), "audience not accepted", token);
    }

    [Fact]
    public async Task Unknown_issuer_is_rejected()
    {
        var token = Token(_bfKey, issuer: "https://api.botframework.com.evil.example");
        AssertRejected(await Validate(Validator(), "Bearer " + token), "issuer not accepted", token);
    }

    [Fact]
    public async Task Entra_issuer_of_another_tenant_is_rejected()
    {
        var token = Token(_entraKey, "https://login.microsoftonline.com/99999999-9999-9999-9999-999999999999/v2.0", serviceUrl: null,
            extraClaims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AppId });
        AssertRejected(await Validate(Validator(), "Bearer " + token), "issuer not accepted", token);
    }

    [Fact]
    public async Task Entra_token_for_another_app_without_serviceurl_is_rejected()
    {
        var token = Token(_entraKey, OpenIdStub.EntraV2Issuer, serviceUrl: null,
            extraClaims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = "someone-else" });
        AssertRejected(await Validate(Validator(), "Bearer " + token), "Entra token not issued to this bot", token);
    }

    [Fact]
    public async Task Bot_framework_issuer_signed_with_an_entra_key_is_rejected()
    {
        // Keys are bound to their document's issuer: Entra keys never vouch for Bot Framework tokens.
        var token = Token(_entraKey);
        AssertRejected(await Validate(Validator(), "Bearer " + token), "signing key not found", token);
    }

    // ---- rejected: keys and signatures ----

    [Fact]
    public async Task Unknown_kid_is_rejected_after_one_refresh()
    {
        var validator = Validator();
        var token = Token(_attackerKey);
        var outcome = await Validate(validator, "Bearer " + token);

        AssertRejected(outcome, "signing key not found", token);
        Assert.Equal(2, _stub.Requests("/bf/keys")); // initial fetch + exactly one forced refresh
    }

    [Fact]
    public async Task Forced_refresh_is_rate_limited()
    {
        var validator = Validator();
        AssertRejected(await Validate(validator, "Bearer " + Token(_attackerKey)), "signing key not found");
        AssertRejected(await Validate(validator, "Bearer " + Token(_attackerKey)), "signing key not found");
        Assert.Equal(2, _stub.Requests("/bf/keys")); // the second unknown kid did not fetch again

        _time.Advance(TimeSpan.FromMinutes(6));
        AssertRejected(await Validate(validator, "Bearer " + Token(_attackerKey)), "signing key not found");
        Assert.Equal(3, _stub.Requests("/bf/keys"));
    }

    [Fact]
    public async Task Attacker_key_reusing_a_published_kid_fails_the_signature()
    {
        using var impostor = new TestKey(_bfKey.Kid);
        var token = Token(impostor);
        AssertRejected(await Validate(Validator(), "Bearer " + token), "signature invalid", token);
    }

    // ---- remembered tokens (issue 15: a token that passed is not verified again until it expires) ----

    [Fact]
    public async Task A_changed_signature_is_refused_after_the_same_token_was_accepted()
    {
        var validator = Validator();
        var token = Token(_bfKey);
        Assert.True((await Validate(validator, "Bearer " + token)).IsValid);

        // The same header and payload signed by another key: only the signature differs.
        using var impostor = new TestKey(_bfKey.Kid);
        var forged = Token(impostor);
        Assert.Equal(token[..token.LastIndexOf('.')], forged[..forged.LastIndexOf('.')]);
        AssertRejected(await Validate(validator, "Bearer " + forged), "signature invalid", forged);

        var parts = token.Split('.');
        var flipped = $"{parts[0]}.{parts[1]}.{(parts[2][0] == 'A' ? 'B' : 'A')}{parts[2][1..]}";
        AssertRejected(await Validate(validator, "Bearer " + flipped), "signature invalid", flipped);
        Assert.True((await Validate(validator, "Bearer " + token)).IsValid);
    }

    [Fact]
    public async Task A_remembered_token_is_refused_once_it_expires_and_still_bound_to_each_activity()
    {
        var validator = Validator();
        var header = "Bearer " + Token(_bfKey, expires: Now.AddMinutes(10));
        var first = await Validate(validator, header);
        Assert.True(first.IsValid, first.FailureReason);
        first.Identity!.AddClaim(new System.Security.Claims.Claim("added", "by a caller"));

        var again = await Validate(validator, header);
        Assert.True(again.IsValid, again.FailureReason);
        Assert.Null(again.Identity!.FindFirst("added"));
        AssertRejected(await Validate(validator, header, "https://smba.trafficmanager.net/amer/"), "serviceurl claim does not match the activity");
        AssertRejected(await Validate(validator, header, channelId: "webchat"), "signing key not endorsed for channel");

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.True((await Validate(validator, header)).IsValid);
        _time.Advance(TimeSpan.FromMinutes(10));
        AssertRejected(await Validate(validator, header), "token expired");
    }

    [Fact]
    public async Task Tampered_payload_is_rejected()
    {
        var parts = Token(_bfKey).Split('.');
        var payload = RawJwt.DecodeSegment(parts[1]);
        payload["serviceurl"] = "https://smba.trafficmanager.net/amer/";
        var forged = $"{parts[0]}.{RawJwt.Segment(payload)}.{parts[2]}";

        AssertRejected(await Validate(Validator(), "Bearer " + forged, "https://smba.trafficmanager.net/amer/"), "signature invalid", forged);
    }

    [Fact]
    public async Task Alg_none_is_rejected()
    {
        var payload = RawJwt.DecodeSegment(Token(_bfKey).Split('.')[1]);
        var forged = $"{RawJwt.Segment(new JsonObject { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = _bfKey.Kid })}.{RawJwt.Segment(payload)}.";

        AssertRejected(await Validate(Validator(), "Bearer " + forged), "signing algorithm not allowed", forged);
    }

    [Fact]
    public async Task Hs256_signed_with_the_public_key_as_secret_is_rejected()
    {
        var payload = RawJwt.DecodeSegment(Token(_bfKey).Split('.')[1]);
        var header = RawJwt.Segment(new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = _bfKey.Kid });
        var signingInput = $"{header}.{RawJwt.Segment(payload)}";
        // The classic confusion: the attacker knows the public key and uses its bytes (PEM and raw) as an HMAC secret.
        foreach (var secret in new[] { Encoding.UTF8.GetBytes(_bfKey.Rsa.ExportSubjectPublicKeyInfoPem()), _bfKey.Rsa.ExportParameters(false).Modulus! })
        {
            var signature = Base64UrlEncoder.Encode(HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes(signingInput)));
            var forged = $"{signingInput}.{signature}";
            AssertRejected(await Validate(Validator(), "Bearer " + forged), "signing algorithm not allowed", forged);
        }
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSsaPssSha256)]
    public async Task Other_rsa_algorithms_are_rejected_even_with_the_real_key(string algorithm)
    {
        var token = Token(_bfKey, algorithm: algorithm);
        AssertRejected(await Validate(Validator(), "Bearer " + token), "signing algorithm not allowed", token);
    }

    [Fact]
    public async Task Key_not_endorsed_for_the_channel_is_rejected()
    {
        using var webchatOnly = new TestKey("bf-webchat", "webchat");
        _stub.SetBotFrameworkKeys(_bfKey, webchatOnly);
        var token = Token(webchatOnly);
        AssertRejected(await Validate(Validator(), "Bearer " + token, channelId: "msteams"), "signing key not endorsed for channel", token);
    }

    [Fact]
    public async Task Endorsement_defaults_to_msteams_when_the_activity_names_no_channel()
    {
        using var webchatOnly = new TestKey("bf-webchat", "webchat");
        _stub.SetBotFrameworkKeys(_bfKey, webchatOnly);
        var validator = Validator();
        Assert.True((await validator.ValidateAsync("Bearer " + Token(_bfKey), ServiceUrl, CancellationToken.None)).IsValid);
        AssertRejected(await validator.ValidateAsync("Bearer " + Token(webchatOnly), ServiceUrl, CancellationToken.None), "signing key not endorsed for channel");
    }

    // ---- rejected: serviceUrl binding ----

    [Fact]
    public async Task ServiceUrl_mismatch_is_rejected()
    {
        var token = Token(_bfKey);
        AssertRejected(await Validate(Validator(), "Bearer " + token, "https://attacker.example/emea/"), "serviceurl claim does not match the activity", token);
    }

    [Fact]
    public async Task Missing_activity_serviceUrl_is_rejected()
    {
        var token = Token(_bfKey);
        AssertRejected(await Validate(Validator(), "Bearer " + token, null), "serviceurl claim does not match the activity", token);
    }

    [Fact]
    public async Task Bot_framework_token_without_serviceurl_claim_is_rejected()
    {
        var token = Token(_bfKey, serviceUrl: null);
        AssertRejected(await Validate(Validator(), "Bearer " + token), "serviceurl claim missing", token);
    }

    [Fact]
    public async Task Entra_token_with_a_mismatching_serviceurl_claim_is_rejected()
    {
        var token = Token(_entraKey, OpenIdStub.EntraV2Issuer, serviceUrl: "https://attacker.example/",
            extraClaims: new Dictionary<string, object> { ["ver"] = "2.0", ["azp"] = AppId });
        AssertRejected(await Validate(Validator(), "Bearer " + token), "serviceurl claim does not match the activity", token);
    }

    // ---- rejected: header shape ----

    [Fact]
    public async Task Missing_header_is_rejected()
    {
        AssertRejected(await Validate(Validator(), null), "missing Authorization header");
    }

    [Theory]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("Bearerx.y.z")]
    [InlineData("Bearer a.b c")]
    public async Task Malformed_header_is_rejected(string header)
    {
        AssertRejected(await Validate(Validator(), header), "Authorization header is not a Bearer token");
    }

    [Theory]
    [InlineData("Bearer garbage")]
    [InlineData("Bearer not.a.jwt")]
    [InlineData("Bearer eyJhbGciOiJSUzI1NiJ9.%%%.abc")]
    public async Task Garbage_jwt_is_rejected(string header)
    {
        AssertRejected(await Validate(Validator(), header), "malformed token");
    }

    public static TheoryData<string> UnreadableTokens()
    {
        static string B64(string text) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(text));
        var rs256 = B64("""{"alg":"RS256","kid":"bf-key-1","typ":"JWT"}""");
        var payload = B64("""{"iss":"https://api.botframework.com"}""");
        return new TheoryData<string>
        {
            // JWE-shaped: five segments, whatever they hold.
            "a.b.c.d.e",
            B64("""{"alg":"RSA-OAEP","enc":"A256GCM"}""") + ".a.b.c.d",
            rs256 + ".a.b.c.d",
            B64("""{"alg":"RSA-OAEP","enc":"A256GCM","kid":"bf-key-1"}""") + "." + payload + "." + payload + "." + payload + "." + payload,
            "....",
            // Four and six segments.
            rs256 + "." + payload + ".sig.extra",
            rs256 + "." + payload + ".sig.x.y.z",
            // Base64 that is not base64url, or not base64 at all.
            "!!!.###.$$$",
            "eyJ+YWxn/.eyJ+.sig==",
            rs256 + ".%%%." + "sig",
            // Headers that are not a JSON object, or whose members have the wrong types.
            B64("{not json") + "." + payload + ".sig",
            B64("[]") + "." + payload + ".sig",
            B64("\"RS256\"") + "." + payload + ".sig",
            B64("""{"alg":5,"kid":["bf-key-1"]}""") + "." + payload + ".sig",
            B64("""{"alg":"RS256","kid":"bf-key-1"}""") + "." + B64("[1,2]") + ".sig",
            B64("""{"alg":"RS256","kid":"bf-key-1"}""") + "." + B64("""{"exp":"soon","aud":{"x":1}}""") + ".sig",
            // Empty segments.
            "..",
            rs256 + "..",
        };
    }

    [Theory]
    [MemberData(nameof(UnreadableTokens))]
    public async Task Unreadable_token_is_rejected_not_thrown(string token)
    {
        var outcome = await Validate(Validator(), "Bearer " + token);
        Assert.False(outcome.IsValid);
        Assert.Null(outcome.Identity);
        Assert.Contains(outcome.FailureReason, new[] { "malformed token", "signing algorithm not allowed", "token has no key id", "issuer not accepted", "signing key not found", "signature invalid" });
    }

    [Fact]
    public async Task Oversized_token_is_rejected_unread()
    {
        var header = "Bearer " + new string('a', BotTokenValidator.MaxTokenLength + 1);
        AssertRejected(await Validate(Validator(), header), "Authorization header is not a Bearer token");
        Assert.Equal(0, _stub.Requests("/bf/openid")); // refused before any metadata fetch
    }

    [Fact]
    public async Task Unconfigured_app_id_rejects_everything()
    {
        var outcome = await Validate(Validator(o => o.AppId = ""), "Bearer " + Token(_bfKey));
        AssertRejected(outcome, "bot app id not configured");
    }
}
