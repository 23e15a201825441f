using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// Storage stopping mid-workflow: a private Azurite under the host (the shared one is never stopped), stopped between
/// a referral's commit and its delivery while the referrer sends another, then started again.
/// </summary>
public sealed class AzuriteStoppedTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly PrivateAzurite _azurite = new();
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public AzuriteStoppedTests()
    {
        _host = new BotHost
        {
            Customize = builder =>
            {
                builder.UseSetting("Storage:ConnectionString", _azurite.ConnectionString);
                builder.UseSetting("Outbox:BaseDelay", "00:00:00");
                builder.UseSetting("Outbox:Jitter", "0");
                // Refused connections fail at once instead of after the SDK's own back-off: the outage is what is tested.
                builder.ConfigureTestServices(services => services.AddSingleton(new StorageClientPolicies
                {
                    Configure = options => options.Retry.MaxRetries = 0,
                }));
            },
        };
    }

    public async Task InitializeAsync()
    {
        await _azurite.StartAsync();
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _host.Dispose();
        _azurite.Dispose();
    }

    [Fact]
    public async Task Storage_stopped_mid_workflow_gives_a_try_again_card_in_her_language_loses_nothing_and_delivers_once()
    {
        // The kindergarten reads PartnerHub in English. Her first referral is committed; its card is not delivered yet.
        await _scenario.ChooseLanguageAsync(Kindergarten, "en");
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        var first = ReferralWorkflowTests.FormData(form);
        first["requestId"] = "before-outage";
        Card(await _scenario.ActAsync(Kindergarten, "referral.submit", first, "form-message"));
        _host.Connector.ResetLogEntries();

        // Storage stops. Her next referral gets a try-again card in English (her choice is in storage too: the card
        // she pressed tells), and the outbox waits without failing anything.
        await _azurite.StopAsync();
        var second = ReferralWorkflowTests.FormData(form, firstName: "Hawa");
        second["requestId"] = "during-outage";
        Assert.True(FaultAssert.IsTryAgain(await FaultAssert.PressAsync(_host, Kindergarten, "referral.submit", second, "form-message"), "en"));
        Assert.Equal(0, await FaultAssert.SweepAsync(_scenario));
        Assert.Empty(ToCoordinator());

        // Storage is back: the first referral is whole, nothing of the second was written, and the outbox resumes.
        await _azurite.StartAsync();
        var rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal(1, FaultAssert.Referrals(rows));
        Assert.Equal((1, 0), FaultAssert.Outbox(rows, ReferralNotifications.SendCardKind));
        Assert.Equal(1, await _scenario.DeliverAsync());
        Assert.Single(ToCoordinator());

        // She presses again: received once, delivered once.
        Assert.False(FaultAssert.IsTryAgain(await FaultAssert.PressAsync(_host, Kindergarten, "referral.submit", second, "form-message"), "en"));
        Assert.Equal(1, await _scenario.DeliverAsync());
        Assert.Equal(0, await _scenario.DeliverAsync());
        Assert.Equal(2, ToCoordinator().Count);
        rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal(2, FaultAssert.Referrals(rows));
        Assert.Equal((0, 2), FaultAssert.Outbox(rows, ReferralNotifications.SendCardKind));
        Assert.Equal(0, FaultAssert.Count(rows, OutboxKeys.Prefix));
    }

    private List<(string Method, string Path, string? Authorization, System.Text.Json.Nodes.JsonObject? Body)> ToCoordinator() =>
        [.. _host.ConnectorCalls().Where(c => c.Method == "POST" && c.Path == $"/teams/v3/conversations/{Coordinator.ConversationId}/activities")];
}
