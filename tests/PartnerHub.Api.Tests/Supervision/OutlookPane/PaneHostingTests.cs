using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Dashboard;
using PartnerHub.Api.Demo;
using PartnerHub.Api.Framing;
using PartnerHub.Api.Partners;
using PartnerHub.Api.Supervision.OutlookPane;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Rest;
using RestMode = PartnerHub.Api.Rest.RestAuthenticationMode;

namespace PartnerHub.Api.Tests.Supervision.OutlookPane;

/// <summary>The pane's files, headers and config as the real host serves them, with Entra and in the local demo.</summary>
public sealed class PaneHostingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] PaneFiles =
    [
        "/addin/pane.html", "/addin/pane.css", "/addin/pane.js", "/addin/pane-page.js", "/addin/strings.da.json", "/addin/strings.en.json",
        "/addin/icons/icon-16.png", "/addin/icons/icon-32.png", "/addin/icons/icon-80.png",
        "/addin/vendor/office-js/office.js", "/addin/vendor/office-js/outlook-web-16.01.js", "/addin/vendor/office-js/da-dk/outlook_strings.js",
        "/addin/vendor/msal-browser/msal-browser.min.js",
    ];

    [Fact]
    public async Task The_pane_and_its_vendored_scripts_are_served_with_a_CSP_that_lets_only_Microsoft_hosts_frame_them()
    {
        _ = azurite;
        using var host = new RestHost();
        using var client = host.CreateClient();
        foreach (var file in PaneFiles)
        {
            using var response = await client.GetAsync(new Uri(file, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{file}: {response.StatusCode}");
            var csp = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains(MicrosoftHostFraming.FrameAncestors, csp, StringComparison.Ordinal);
            Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        }
    }

    [Fact]
    public void One_list_frames_the_tab_and_the_pane_and_it_names_Outlook_and_the_Microsoft_365_app()
    {
        Assert.Equal(MicrosoftHostFraming.FrameAncestors, DashboardHosting.FrameAncestors);
        Assert.Contains(MicrosoftHostFraming.FrameAncestors, OutlookPaneHosting.ContentSecurityPolicy, StringComparison.Ordinal);
        foreach (var host in new[] { "https://outlook.office.com", "https://outlook.office365.com", "https://*.cloud.microsoft", "https://*.microsoft365.com", "https://*.office.com", "https://teams.microsoft.com" })
        {
            Assert.Contains(host, MicrosoftHostFraming.Hosts);
        }

        Assert.All(MicrosoftHostFraming.Hosts, h => Assert.StartsWith("https://", h, StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_Entra_the_config_names_the_API_scope_and_there_is_no_demo_API()
    {
        using var host = new RestHost();
        using var response = await host.GetAsync("/addin/config.json", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var config = await response.JsonAsync();
        Assert.Equal("entra", (string?)config["mode"]);
        Assert.Equal(RestHost.ClientId, (string?)config["clientId"]);
        Assert.Equal($"api://{RestHost.ClientId}/access_as_user", (string?)config["apiScope"]);
        Assert.Equal("/api", (string?)config["apiBase"]);
        Assert.Equal("Calendars.Read", (string?)config["graphScopes"]![0]);
        Assert.Equal(Core.Supervision.OutlookCategory.Name, (string?)config["category"]);

        using var demo = await host.GetAsync(OutlookPaneHosting.DemoApiPath + "/me/projects", null);
        Assert.Equal(HttpStatusCode.NotFound, demo.StatusCode);
    }

    [Fact]
    public async Task In_the_local_demo_the_pane_calls_the_demo_API_as_the_demo_coordinator_and_the_real_API_still_refuses()
    {
        using var host = new RestHost(environment: "Development", configureEntra: false);
        using var configResponse = await host.GetAsync("/addin/config.json", null);
        var config = await configResponse.JsonAsync();
        Assert.True("demo" == (string?)config["mode"], $"{configResponse.StatusCode}: {config.ToJsonString()}");
        Assert.Equal(OutlookPaneHosting.DemoApiPath, (string?)config["apiBase"]);

        await host.Projects.UpsertAsync(DemoData.Vollsmose, CancellationToken.None);
        await host.Services.GetRequiredService<DirectoryStore>().UpsertMemberAsync(DemoData.PlaygroundTenant, DemoData.Coordinator, CancellationToken.None);
        using var projects = await host.GetAsync(OutlookPaneHosting.DemoApiPath + "/me/projects", null);
        Assert.Equal(HttpStatusCode.OK, projects.StatusCode);
        Assert.Equal("vollsmose", (string?)(await projects.JsonAsync())["projects"]![0]!["id"]);

        // "Gør til supervisionsmøde" reaches the adoption endpoint through the demo group too.
        using var marked = await host.SendAsync(HttpMethod.Put, OutlookPaneHosting.DemoApiPath + "/projects/vollsmose/outlook-events/AAMk-demo-pane", null);
        Assert.Equal(HttpStatusCode.Accepted, marked.StatusCode);
        Assert.Equal("pending", (string?)(await marked.JsonAsync())["status"]);

        using var real = await host.GetAsync("/api/me/projects", null);
        Assert.Equal(HttpStatusCode.Unauthorized, real.StatusCode);
    }

    [Theory]
    [InlineData(true, RestMode.Entra, "http://0.0.0.0:80", PaneMode.Entra)]
    [InlineData(true, RestMode.Unavailable, "http://127.0.0.1:3978", PaneMode.LocalDemo)]
    [InlineData(true, RestMode.Unavailable, "http://0.0.0.0:3978", PaneMode.Unavailable)]
    [InlineData(false, RestMode.Unavailable, "http://127.0.0.1:3978", PaneMode.Unavailable)]
    public void The_demo_runs_only_in_Development_on_loopback_without_Entra(bool development, RestMode rest, string url, PaneMode expected) =>
        Assert.Equal(expected, OutlookPaneHosting.Decide(development, rest, [url]));
}
