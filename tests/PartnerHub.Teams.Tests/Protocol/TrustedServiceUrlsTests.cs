using Microsoft.Extensions.Options;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Teams.Tests.Protocol;

public sealed class TrustedServiceUrlsTests
{
    private static TrustedServiceUrls Create(bool loopback = false, int capacity = 256)
    {
        var o = new BotAuthenticationOptions { AllowLoopbackHttp = loopback, MaxTrustedServiceUrls = capacity };
        o.ApplyDefaults();
        return new TrustedServiceUrls(Options.Create(o));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.trafficmanager.net/amer")]
    [InlineData("HTTPS://SMBA.TRAFFICMANAGER.NET/teams/")]
    public void Teams_public_cloud_urls_are_trusted(string url)
    {
        var trusted = Create();
        Assert.True(trusted.Trust(url));
        Assert.True(trusted.IsTrusted(url));
        Assert.True(trusted.IsTrusted(url.TrimEnd('/') + "/")); // same URL, normalised
    }

    [Theory]
    [InlineData("http://smba.trafficmanager.net/emea/")]            // not https
    [InlineData("https://smba.trafficmanager.net.evil.example/")]   // prefix of a longer host
    [InlineData("https://evil.example/smba.trafficmanager.net/")]
    [InlineData("https://smba.trafficmanager.net@evil.example/")]   // user-info trick
    [InlineData("https://smba.trafficmanager.net:8443/emea/")]      // other port
    [InlineData("https://smba.trafficmanager.net/emea/?x=1")]
    [InlineData("//smba.trafficmanager.net/emea/")]
    [InlineData("/v3/conversations")]
    [InlineData("http://localhost:5000/")]                          // loopback without the flag
    [InlineData("http://127.0.0.1:5000/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("")]
    public void Everything_else_is_refused(string url)
    {
        var trusted = Create();
        Assert.False(trusted.Trust(url));
        Assert.False(trusted.IsTrusted(url));
    }

    [Fact]
    public void Allowed_but_never_seen_url_is_not_trusted()
    {
        Assert.False(Create().IsTrusted("https://smba.trafficmanager.net/emea/"));
    }

    [Theory]
    [InlineData("http://localhost:5000/")]
    [InlineData("http://127.0.0.1:3978/api")]
    public void Loopback_is_trusted_only_with_the_development_flag(string url)
    {
        var trusted = Create(loopback: true);
        Assert.True(trusted.Trust(url));
        Assert.True(trusted.IsTrusted(url));
        Assert.False(trusted.Trust("http://localhost.evil.example/"));
        Assert.False(trusted.Trust("http://10.0.0.1/"));
    }

    [Fact]
    public void The_set_is_bounded_and_forgets_the_oldest()
    {
        var trusted = Create(capacity: 2);
        trusted.Trust("https://smba.trafficmanager.net/a/");
        trusted.Trust("https://smba.trafficmanager.net/b/");
        trusted.Trust("https://smba.trafficmanager.net/c/");

        Assert.False(trusted.IsTrusted("https://smba.trafficmanager.net/a/"));
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/b/"));
        Assert.True(trusted.IsTrusted("https://smba.trafficmanager.net/c/"));
    }

    [Fact]
    public void Prefixes_without_a_trailing_slash_are_a_configuration_error()
    {
        var o = new BotAuthenticationOptions { AppId = "a", TenantId = "t", ClientSecret = "s", AllowedServiceUrls = ["https://smba.trafficmanager.net"] };
        o.ApplyDefaults();
        Assert.NotEmpty(o.Validate(anonymous: false));
    }
}
