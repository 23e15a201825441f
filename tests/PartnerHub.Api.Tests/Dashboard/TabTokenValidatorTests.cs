using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using PartnerHub.Tests.Shared;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>
/// The tab's token check, on the real host against the WireMock Entra the REST tests use: the REST scheme's validation
/// and rules, nothing looser.
/// </summary>
public sealed class TabTokenValidatorTests : IDisposable, IClassFixture<AzuriteFixture>
{
    private const string Coordinator = "3c5e7a10-0000-4000-8000-00000000c001";
    private readonly RestHost _host = new();

    private TabTokenValidator Validator => _host.Services.GetRequiredService<TabTokenValidator>();

    [Fact]
    public async Task A_signed_user_token_with_the_scope_is_accepted_with_its_identity_and_expiry()
    {
        var expires = DateTimeOffset.UtcNow.AddMinutes(30);
        var result = await Validator.ValidateAsync(_host.TokenFor(Coordinator, expires: expires), CancellationToken.None);

        Assert.Equal(TabTokenStatus.Valid, result.Status);
        Assert.Equal(Coordinator, result.ObjectId);
        Assert.Equal(RestHost.TenantId, result.TenantId);
        Assert.Equal(expires.ToUnixTimeSeconds(), result.ExpiresAt.ToUnixTimeSeconds());
    }

    [Fact]
    public async Task An_expired_token_says_so_so_the_tab_fetches_a_new_one()
    {
        var token = _host.TokenFor(Coordinator, notBefore: DateTimeOffset.UtcNow.AddHours(-3), expires: DateTimeOffset.UtcNow.AddHours(-1));

        Assert.Equal(TabTokenStatus.Expired, (await Validator.ValidateAsync(token, CancellationToken.None)).Status);
    }

    public static TheoryData<string> Refused => ["forged", "audience", "issuer", "other-tenant", "scope", "no-scope-app", "no-oid", "no-tid", "garbage", "empty", "audience-list"];

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Forged_or_unusable_tokens_are_refused(string variant)
    {
        using var otherKey = new TestKey("not-entras-key");
        var token = variant switch
        {
            "forged" => _host.TokenFor(Coordinator, key: otherKey),
            "audience" => _host.TokenFor(Coordinator, audience: "api://someone-else"),
            "issuer" => _host.TokenFor(Coordinator, issuer: "https://evil.example/" + RestHost.TenantId + "/v2.0"),
            "other-tenant" => _host.TokenFor(Coordinator, issuer: "https://login.microsoftonline.com/99999999-8888-7777-6666-555555555555/v2.0"),
            "scope" => _host.TokenFor(Coordinator, scopes: "User.Read"),
            // An integration's app-only token is nobody at the keyboard, whatever role it has.
            "no-scope-app" => _host.AppTokenFor(Coordinator, "PartnerHub.Integration"),
            "no-oid" => _host.TokenFor(Coordinator, extraClaims: new Dictionary<string, object?> { ["oid"] = null }),
            "no-tid" => _host.TokenFor(Coordinator, extraClaims: new Dictionary<string, object?> { ["tid"] = null }),
            "garbage" => "not.a.token",
            "audience-list" => _host.TokenFor(Coordinator, audience: null, extraClaims: new Dictionary<string, object?> { ["aud"] = new[] { RestHost.ClientId, "api://someone-else" } }),
            _ => string.Empty,
        };

        Assert.Equal(TabTokenStatus.Invalid, (await Validator.ValidateAsync(token, CancellationToken.None)).Status);
    }

    public void Dispose() => _host.Dispose();
}
