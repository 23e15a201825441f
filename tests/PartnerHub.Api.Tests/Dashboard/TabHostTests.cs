using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Dashboard;

namespace PartnerHub.Api.Tests.Dashboard;

/// <summary>The personal tab opened in Outlook and the Microsoft 365 app: teams-js host detection, the same SSO.</summary>
[SuppressMessage("Design", "CA1001", Justification = "xunit disposes it through IAsyncLifetime.DisposeAsync.")]
[Collection(SharedTabHost.Name)]
public sealed class TabHostTests(SharedTabHost host) : IAsyncLifetime
{
    private readonly TabScenario _tab = new(host.Host);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _tab.DisposeAsync().AsTask();

    [Theory]
    [InlineData("Teams", TabHosts.Teams)]
    [InlineData("Outlook", TabHosts.Outlook)]
    [InlineData("outlook", TabHosts.Outlook)]
    [InlineData("Office", TabHosts.Microsoft365)]
    [InlineData(null, TabHosts.Teams)]
    [InlineData("SomethingNew", TabHosts.Teams)]
    public void The_host_name_teams_js_reports_is_told_apart(string? hostName, string expected)
    {
        Assert.Equal(expected, TabHosts.Of(hostName));
        Assert.Equal(expected, new TabHostContext(true, "da-dk", hostName).HostKind);
        Assert.Null(new TabHostContext(false, null, hostName).HostKind);
    }

    [Theory]
    [InlineData("Outlook", TabHosts.Outlook)]
    [InlineData("Office", TabHosts.Microsoft365)]
    public async Task In_Outlook_and_the_Microsoft_365_app_she_signs_in_through_the_same_SSO_flow(string hostName, string expected)
    {
        var own = await host.OwnProjectAsync();
        _tab.Teams.Token = host.Host.TokenFor(own.CoordinatorId);
        _tab.Teams.HostName = hostName;
        await using var scope = _tab.Context.Services.CreateAsyncScope();
        var identity = scope.ServiceProvider.GetRequiredService<TabIdentity>();

        var status = await identity.SignInAsync(CancellationToken.None);

        Assert.Equal(TabStatus.SignedIn, status);
        Assert.Equal(expected, identity.Host);
        Assert.Equal(1, _tab.Teams.TokenRequests);
        Assert.Equal(own.ProjectId, identity.ProjectId);
    }
}
