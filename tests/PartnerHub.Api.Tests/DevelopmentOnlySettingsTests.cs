using System.Net;
using Microsoft.AspNetCore.Hosting;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests;

/// <summary>Settings that loosen a safeguard stop a host outside Development from starting, each by name.</summary>
/// <remarks>A host per case, not one per class: each case is a different environment and settings, and most never start.</remarks>
public sealed class DevelopmentOnlySettingsTests : IClassFixture<AzuriteFixture>
{
    [Theory]
    [InlineData("Production", "Bot:RequireHttpsMetadata", "false", "Bot__RequireHttpsMetadata")]
    [InlineData("Production", "Bot:AllowLoopbackHttp", "true", "Bot__AllowLoopbackHttp")]
    [InlineData("Production", "Demo:Seed", "true", "Demo__Seed")]
    [InlineData("Staging", "Bot:RequireHttpsMetadata", "False", "Bot__RequireHttpsMetadata")]
    [InlineData("Staging", "Demo:Seed", "TRUE", "Demo__Seed")]
    public void Host_outside_Development_refuses_to_start_and_names_the_setting(string environment, string key, string value, string named)
    {
        using var host = new BotHost
        {
            Customize = builder =>
            {
                builder.UseEnvironment(environment);
                builder.UseSetting(key, value);
            },
        };

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());

        var refusal = Assert.IsType<InvalidOperationException>(Innermost(error));
        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
        Assert.Contains(environment, refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_setting_present_is_named()
    {
        using var host = new BotHost
        {
            Customize = builder =>
            {
                builder.UseSetting("Bot:RequireHttpsMetadata", "false");
                builder.UseSetting("Bot:AllowLoopbackHttp", "true");
            },
        };

        var refusal = Innermost(Assert.ThrowsAny<Exception>(() => host.CreateClient()));

        Assert.Contains("Bot__RequireHttpsMetadata", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Bot__AllowLoopbackHttp", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Bot:RequireHttpsMetadata", "true")]
    [InlineData("Bot:AllowLoopbackHttp", "false")]
    [InlineData("Demo:Seed", "false")]
    public async Task Safe_values_outside_Development_start(string key, string value)
    {
        using var host = new BotHost { Customize = builder => builder.UseSetting(key, value) };

        using var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Development_playground_mode_still_starts_with_them()
    {
        using var host = new BotHost
        {
            Customize = builder =>
            {
                builder.UseEnvironment("Development");
                builder.UseSetting("Bot:AppId", "");
                builder.UseSetting("Bot:RequireHttpsMetadata", "false");
                builder.UseSetting("Bot:AllowLoopbackHttp", "true");
            },
        };

        using var response = await host.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Exception Innermost(Exception error)
    {
        while (error.InnerException is not null && error is not InvalidOperationException)
        {
            error = error.InnerException;
        }

        return error;
    }
}
