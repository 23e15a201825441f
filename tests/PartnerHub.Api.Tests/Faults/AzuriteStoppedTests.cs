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
/// Storage stopping mid-workflow: a private Azurite under the host (the shared one is never stopped), stopped while
/// the coordinator assigns a referral and again between the commit and the outbox's delivery, then started again.
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
    public async Task Storage_stopped_while_she_assigns_and_before_delivery_gives_a_try_again_card_loses_nothing_and_delivers_once()
    {
        // The coordinator reads PartnerHub in English: her choice is in storage, so while it is down her card tells.
        await _scenario.ChooseLanguageAsync(Coordinator, "en");
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        Assert.Equal(1, await _scenario.DeliverAsync());
        var triage = _host.ConnectorCalls().Single(c => c.Method == "POST" && c.Path.Contains(Coordinator.ConversationId, StringComparison.Ordinal)).Body!["attachments"]![0]!["content"]!;
        var assign = ActionData(triage, "referral.assign");
        assign["motherId"] = Mother.ObjectId;
        var referralId = (string)assign["referralId"]!;

        // 1. Storage stops as she presses "Assign": a try-again card in her English, and the outbox waits without failing.
        await _azurite.StopAsync();
        Assert.True(FaultAssert.IsTryAgain(await FaultAssert.PressAsync(_host, Coordinator, "referral.assign", assign, "sent-1"), "en"));
        Assert.Equal(0, await FaultAssert.SweepAsync(_scenario));

        // Back: nothing of the assignment was written.
        await _azurite.StartAsync();
        var rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal("Submitted", Assert.Single(rows, r => r.RowKey == "referral|" + referralId).GetString("State"));
        Assert.Equal(0, FaultAssert.Outbox(rows, ReferralNotifications.SendCardKind).Pending);

        // 2. She presses again: assigned. Storage stops before the outbox delivers the mother's card.
        _host.Connector.ResetLogEntries();
        var answer = await FaultAssert.PressAsync(_host, Coordinator, "referral.assign", assign, "sent-1");
        Assert.False(FaultAssert.IsTryAgain(answer, "en"));
        await _azurite.StopAsync();
        Assert.Equal(0, await FaultAssert.SweepAsync(_scenario));
        Assert.Empty(_host.ConnectorCalls());

        // 3. Storage is back: the outbox resumes and the mother gets her card once, the referrer her update once.
        await _azurite.StartAsync();
        for (var sweep = 0; sweep < 5 && await _scenario.DeliverAsync() > 0; sweep++)
        {
        }

        var calls = _host.ConnectorCalls();
        Assert.Single(calls, c => c.Method == "POST" && c.Path == $"/teams/v3/conversations/{Mother.ConversationId}/activities");
        Assert.Single(calls, c => c.Method == "PUT" && c.Path.Contains(Kindergarten.ConversationId, StringComparison.Ordinal));
        rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal("Assigned", Assert.Single(rows, r => r.RowKey == "referral|" + referralId).GetString("State"));
        Assert.Equal(0, FaultAssert.Count(rows, OutboxKeys.Prefix));
    }
}
