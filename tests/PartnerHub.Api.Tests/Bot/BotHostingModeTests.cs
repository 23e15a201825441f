using PartnerHub.Api.Bot;

namespace PartnerHub.Api.Tests.Bot;

public class BotHostingModeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:3978")]
    [InlineData("http://localhost:3978")]
    [InlineData("http://[::1]:3978")]
    [InlineData("http://127.0.0.1:3978;http://localhost:5001")]
    [InlineData("")]
    public void Anonymous_mode_only_in_Development_on_loopback(string urls)
    {
        var mode = BotHostingMode.Decide("Development", appId: "", tenantId: null, clientSecret: null, Split(urls));
        Assert.Equal(BotAuthenticationMode.AnonymousLoopback, mode);
    }

    [Theory]
    [InlineData("http://0.0.0.0:3978")]
    [InlineData("http://*:80")]
    [InlineData("http://+:80")]
    [InlineData("http://10.0.0.4:3978")]
    [InlineData("http://127.0.0.1:3978;http://partnerhub.example:80")]
    public void Anonymous_mode_refuses_to_start_when_listening_beyond_loopback(string urls)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BotHostingMode.Decide("Development", appId: null, tenantId: null, clientSecret: null, Split(urls)));
        Assert.Contains("Bot__AppId", error.Message, StringComparison.Ordinal);
        Assert.Contains("loopback", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public void No_credentials_outside_Development_refuses_to_start(string environment)
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BotHostingMode.Decide(environment, appId: " ", tenantId: null, clientSecret: null, ["http://127.0.0.1:3978"]));
        Assert.Contains("Bot__AppId, Bot__TenantId and Bot__ClientSecret", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void App_id_without_secret_refuses_to_start_and_names_what_is_missing()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            BotHostingMode.Decide("Production", appId: "11111111-2222-3333-4444-555555555555", tenantId: "t", clientSecret: "", []));
        Assert.Contains("Bot__ClientSecret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Bot__TenantId", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Full_credentials_use_tokens_anywhere()
    {
        var mode = BotHostingMode.Decide("Production", "11111111-2222-3333-4444-555555555555", "tenant", "secret", ["http://0.0.0.0:8080"]);
        Assert.Equal(BotAuthenticationMode.Tokens, mode);
    }

    private static string[] Split(string urls) => urls.Split(';', StringSplitOptions.RemoveEmptyEntries);
}
