using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PartnerHub.Teams.Protocol;

namespace PartnerHub.Teams.Tests.Protocol;

public sealed class AddTeamsProtocolTests
{
    private static ServiceProvider Build(bool anonymous, Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTeamsProtocol(config.GetSection("Bot"), anonymous);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void Missing_credentials_outside_anonymous_mode_fail_with_named_errors()
    {
        using var provider = Build(anonymous: false, []);
        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value);
        Assert.Contains(ex.Failures, f => f.Contains("Bot:AppId", StringComparison.Ordinal));
    }

    [Fact]
    public void Anonymous_mode_uses_no_token_and_defaults_are_applied()
    {
        using var provider = Build(anonymous: true, new() { ["Bot:TenantId"] = "t1" });

        Assert.IsType<NoTokenProvider>(provider.GetRequiredService<IBotAppTokenProvider>());
        Assert.Same(TimeProvider.System, provider.GetRequiredService<TimeProvider>());
        Assert.NotNull(provider.GetRequiredService<IConnectorClient>());
        var o = provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        Assert.Equal(["https://api.botframework.com", "https://sts.windows.net/t1/", "https://login.microsoftonline.com/t1/v2.0"], o.ValidIssuers);
        Assert.Equal(["https://smba.trafficmanager.net/"], o.AllowedServiceUrls);
        Assert.Equal(2, o.OpenIdMetadataUrls.Count);
        Assert.False(o.AllowLoopbackHttp);
    }

    [Fact]
    public void Configured_lists_replace_the_defaults_instead_of_appending()
    {
        using var provider = Build(anonymous: true, new() { ["Bot:AllowedServiceUrls:0"] = "https://smba.infra.gcc.teams.microsoft.com/" });
        var o = provider.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
        Assert.Equal(["https://smba.infra.gcc.teams.microsoft.com/"], o.AllowedServiceUrls);
    }
}
