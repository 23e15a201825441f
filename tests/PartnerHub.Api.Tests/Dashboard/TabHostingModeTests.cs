using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using Microsoft.Extensions.DependencyInjection;

namespace PartnerHub.Api.Tests.Dashboard;

public sealed class TabHostingModeTests : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("development-ish")]
    public void The_demo_coordinator_is_refused_outside_Development(string environment)
    {
        var e = Assert.Throws<InvalidOperationException>(() => TabHostingMode.Decide(environment, entraConfigured: false, ["http://127.0.0.1:3978"]));
        Assert.Contains("AzureAd__TenantId", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:3978")]
    [InlineData("http://*:3978")]
    [InlineData("http://+:80")]
    [InlineData("http://partnerhub.example:3978")]
    public void Development_beyond_loopback_lets_nobody_in(string url) =>
        Assert.Equal(TabIdentityMode.Unavailable, TabHostingMode.Decide("Development", entraConfigured: false, ["http://127.0.0.1:3978", url]));

    [Fact]
    public void Development_on_loopback_without_Entra_is_the_local_demo()
    {
        Assert.Equal(TabIdentityMode.LocalDemo, TabHostingMode.Decide("Development", entraConfigured: false, ["http://127.0.0.1:3978", "http://[::1]:3978"]));
        Assert.Equal(TabIdentityMode.LocalDemo, TabHostingMode.Decide("Development", entraConfigured: false, []));
    }

    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public void With_Entra_settings_the_tab_always_validates_tokens(string environment) =>
        Assert.Equal(TabIdentityMode.Entra, TabHostingMode.Decide(environment, entraConfigured: true, ["http://127.0.0.1:3978"]));

    [Fact]
    public void The_real_host_with_Entra_in_Development_is_never_the_demo()
    {
        using var host = new RestHost(environment: "Development");
        Assert.Equal(TabIdentityMode.Entra, host.Services.GetRequiredService<TabSettings>().Mode);
    }
}
