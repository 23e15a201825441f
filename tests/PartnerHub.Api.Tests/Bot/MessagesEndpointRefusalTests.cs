using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Bot;

/// <summary>/api/messages refuses forged, oversized and malformed requests: 401, 403, 413 or 400, and nothing is processed, sent or stored.</summary>
/// <remarks>
/// One host for the class: no test here may store or send anything, so each test's "nothing stored, nothing sent" also
/// holds for every refusal before it on the same host.
/// </remarks>
public sealed class MessagesEndpointRefusalTests(BotHostFixture fixture) : IClassFixture<AzuriteFixture>, IClassFixture<BotHostFixture>
{
    private readonly BotHost _host = fixture.Host;

    public static TheoryData<string> ForgedTokens() =>
    [
        "expired",
        "not yet valid",
        "wrong audience",
        "wrong issuer",
        "unknown key",
        "tampered payload",
        "alg none",
        "HS256 with the public key as secret",
        "serviceUrl mismatch",
        "missing header",
        "malformed header: Basic",
        "malformed header: Bearer without token",
        "malformed header: garbage JWT",
        "malformed header: Bearer and a space",
        "audience list: the app id and another",
        "JWE-shaped: five segments",
        "JWE-shaped: five segments with a JSON header",
        "garbage base64",
        "header is not JSON",
        "huge token",
    ];

    [Theory]
    [MemberData(nameof(ForgedTokens))]
    public async Task Forged_or_missing_token_gets_401_and_nothing_is_processed_or_stored(string forgery)
    {
        var conversationId = "a:" + Guid.NewGuid().ToString("N");
        var activity = _host.Activity("message", conversationId, "hjælp");

        using var response = await _host.PostActivityAsync(activity, Forge(forgery));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.MediaType()?.MediaType);
        Assert.Empty(_host.ConnectorCalls());
        Assert.Equal(0, await _host.CountStoredRowsAsync());
    }

    [Fact]
    public async Task Forged_install_event_sends_no_welcome_and_claims_nothing()
    {
        var install = _host.Activity("installationUpdate", "a:forged-install");
        install["action"] = "add";

        using var response = await _host.PostActivityAsync(install, Forge("unknown key"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.ConnectorCalls());
        Assert.Equal(0, await _host.CountStoredRowsAsync());
    }

    [Fact]
    public async Task Activity_whose_service_url_is_not_allowed_is_refused_even_with_a_valid_token()
    {
        const string evil = "https://connector.evil.example/";
        var activity = _host.Activity("message", "a:conv-evil", "hjælp");
        activity["serviceUrl"] = evil;

        using var response = await _host.PostActivityAsync(activity, "Bearer " + _host.Token(serviceUrl: evil));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(_host.ConnectorCalls());
        Assert.Equal(0, await _host.CountStoredRowsAsync());
    }

    [Fact]
    public async Task Oversized_activity_is_refused()
    {
        var activity = _host.Activity("message", "a:conv-big", new string('x', 300 * 1024));

        using var response = await _host.PostSignedAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(_host.ConnectorCalls());
    }

    [Fact]
    public async Task Malformed_body_with_a_forged_token_is_401_not_a_parser_error()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent("{not json", Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", Forge("unknown key"));

        using var response = await _host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("missing header")]
    [InlineData("unknown key")]
    [InlineData("JWE-shaped: five segments")]
    public async Task Oversized_body_without_a_valid_token_is_401_not_413(string forgery)
    {
        var activity = _host.Activity("message", "a:conv-big", new string('x', 300 * 1024));

        using var response = await _host.PostActivityAsync(activity, Forge(forgery));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{}")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"invoke\",\"value\":{\"action\":{\"data\":{\"phone\":1,\"Phone\":2}}}}")] // one name twice: was a 500 (fuzzing)
    public async Task Malformed_body_with_a_valid_token_is_400_not_401(string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _host.Token());

        using var response = await _host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType()?.MediaType);
        Assert.Equal(0, await _host.CountStoredRowsAsync());
    }

    [Theory]
    [InlineData("text", "message")]
    [InlineData("text", "message", "\\uDC00")]
    [InlineData("value", "invoke")]
    public async Task Activity_with_half_a_surrogate_pair_is_400_not_500(string field, string type, string escape = "\\uD800")
    {
        // Found by the card-action fuzzing (Fuzzing/): the escape is valid JSON but no text, and reading it threw deep in the bot.
        var activity = _host.Activity(type, "a:conv-surrogate", "hjælp");
        if (field == "text")
        {
            activity["text"] = "~";
        }
        else
        {
            activity["name"] = "adaptiveCard/action";
            activity["value"] = new JsonObject { ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = "help.show", ["data"] = new JsonObject { ["x"] = "~" } } };
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString().Replace("\"~\"", "\"a" + escape + "b\"", StringComparison.Ordinal), Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + _host.Token());

        using var response = await _host.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.MediaType()?.MediaType);
        Assert.Empty(_host.ConnectorCalls());
        Assert.Equal(0, await _host.CountStoredRowsAsync());
    }

    private string? Forge(string forgery)
    {
        var now = DateTimeOffset.UtcNow;
        switch (forgery)
        {
            case "expired":
                return "Bearer " + _host.Token(notBefore: now.AddHours(-2), expires: now.AddMinutes(-10));
            case "not yet valid":
                return "Bearer " + _host.Token(notBefore: now.AddMinutes(10), expires: now.AddHours(1));
            case "wrong audience":
                return "Bearer " + _host.Token(audience: "00000000-0000-0000-0000-000000000001");
            case "wrong issuer":
                return "Bearer " + _host.Token(issuer: "https://api.botframework.com.evil.example");
            case "unknown key":
                {
                    using var attacker = new TestKey("attacker-key");
                    return "Bearer " + _host.Token(key: attacker);
                }

            case "tampered payload":
                {
                    var parts = _host.Token().Split('.');
                    var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
                    payload["aud"] = "00000000-0000-0000-0000-000000000001";
                    parts[1] = Base64UrlEncoder.Encode(payload.ToJsonString());
                    return "Bearer " + string.Join('.', parts);
                }

            case "alg none":
                {
                    var parts = _host.Token().Split('.');
                    var header = Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT","kid":"bf-key-1"}""");
                    return $"Bearer {header}.{parts[1]}.";
                }

            case "HS256 with the public key as secret":
                {
                    var parts = _host.Token().Split('.');
                    var header = Base64UrlEncoder.Encode("""{"alg":"HS256","typ":"JWT","kid":"bf-key-1"}""");
                    var secret = Encoding.UTF8.GetBytes(_host.BotFrameworkKey.Rsa.ExportSubjectPublicKeyInfoPem());
                    var signature = HMACSHA256.HashData(secret, Encoding.ASCII.GetBytes($"{header}.{parts[1]}"));
                    return $"Bearer {header}.{parts[1]}.{Base64UrlEncoder.Encode(signature)}";
                }

            case "serviceUrl mismatch":
                return "Bearer " + _host.Token(serviceUrl: "https://smba.trafficmanager.net/emea/");
            case "missing header":
                return null;
            case "malformed header: Basic":
                return "Basic dXNlcjpwYXNz";
            case "malformed header: Bearer without token":
                return "Bearer";
            case "malformed header: garbage JWT":
                return "Bearer not.a.jwt";
            case "malformed header: Bearer and a space":
                return "Bearer ";
            case "audience list: the app id and another":
                return "Bearer " + _host.Token(audiences: [BotHost.AppId, "00000000-0000-0000-0000-000000000001"]);
            case "JWE-shaped: five segments":
                return "Bearer a.b.c.d.e";
            case "JWE-shaped: five segments with a JSON header":
                return "Bearer " + Base64UrlEncoder.Encode("""{"alg":"RS256","kid":"bf-key-1"}""") + ".a.b.c.d";
            case "garbage base64":
                return "Bearer !!!.###.$$$";
            case "header is not JSON":
                return "Bearer " + Base64UrlEncoder.Encode("{not json") + "." + _host.Token().Split('.')[1] + ".sig";
            case "huge token":
                return "Bearer " + new string('a', 64 * 1024);
            default:
                throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null);
        }
    }
}
