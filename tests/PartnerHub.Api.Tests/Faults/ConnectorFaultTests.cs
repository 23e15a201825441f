using System.Globalization;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// The Bot Connector failing while the outbox brings the coordinator her new referral: answering 503, or not
/// answering within the client's timeout. A host per test: each asserts on every call its Connector received.
/// </summary>
public sealed class ConnectorFaultTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private readonly BotHost _host = new()
    {
        Customize = builder =>
        {
            // One attempt per delivery, cut short: the outbox's own retry is what is tested, without real waits.
            builder.UseSetting("Bot:Connector:MaxRetryAttempts", "0");
            builder.UseSetting("Bot:Connector:AttemptTimeout", "00:00:02");
            builder.UseSetting("Bot:Connector:TotalTimeout", "00:00:02");
            builder.UseSetting("Outbox:BaseDelay", "00:00:00");
            builder.UseSetting("Outbox:Jitter", "0");
        },
    };

    private ReferralScenario _scenario = null!;

    private static string CoordinatorChat => $"/teams/v3/conversations/{Coordinator.ConversationId}/activities";

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Connector_answering_503_leaves_the_card_in_the_outbox_and_it_is_delivered_once_when_Teams_is_back()
    {
        await SubmitAsync();
        ConnectorAnswers(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/json")
            .WithBody("""{"error":{"code":"ServiceUnavailable","message":"Teams is down"}}"""));

        await AssertNotDeliveredAsync();

        await AssertDeliveredOnceAfterRecoveryAsync();
    }

    [Fact]
    public async Task Connector_not_answering_in_time_leaves_the_card_in_the_outbox_and_it_is_delivered_once_when_Teams_answers_again()
    {
        await SubmitAsync();
        // Beyond the 2 s attempt timeout: the bot gives up on the call and the outbox keeps the row. (Had Teams posted
        // the card all the same, it would show twice: the Connector takes no idempotency key for a new activity.)
        ConnectorAnswers(Response.Create().WithStatusCode(504).WithDelay(TimeSpan.FromSeconds(5)));

        await AssertNotDeliveredAsync();

        await AssertDeliveredOnceAfterRecoveryAsync();
    }

    private async Task SubmitAsync()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        var received = Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        // Her card never waits for Teams: the referral is received whatever the Connector does afterwards.
        Assert.Contains("Modtaget", Text(received), StringComparison.Ordinal);
    }

    private void ConnectorAnswers(IResponseBuilder response)
    {
        _host.Connector.ResetMappings();
        _host.Connector.ResetLogEntries();
        _host.Connector.Given(Request.Create().WithPath("/teams/v3/*").UsingAnyMethod()).RespondWith(response);
    }

    private async Task AssertNotDeliveredAsync()
    {
        Assert.Equal(0, await _scenario.DeliverAsync());
        Assert.Empty(DeliveredToCoordinator());

        // The referral is whole and its card waits in the outbox with a short code, due again, not failed for good.
        var rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal(1, FaultAssert.Referrals(rows));
        var pending = Assert.Single(rows, row => row.RowKey.StartsWith(OutboxKeys.Prefix, StringComparison.Ordinal)
            && row.GetString(OutboxKeys.Kind) == ReferralNotifications.SendCardKind);
        Assert.Equal("ConnectorException", pending.GetString("LastError")); // a code, never the exception's message
        Assert.False(pending.GetBoolean("Failed") ?? false);
    }

    /// <summary>Cards the Connector accepted (201) in the coordinator's chat, as the text of each request.</summary>
    private List<string> DeliveredToCoordinator() =>
        _host.Connector.LogEntries
            .Where(entry => entry.RequestMessage.Method == "POST" && entry.RequestMessage.AbsolutePath == CoordinatorChat
                && entry.ResponseMessage?.StatusCode is { } status && Convert.ToInt32(status, CultureInfo.InvariantCulture) == 201)
            .Select(entry => entry.RequestMessage.Body ?? string.Empty)
            .ToList();

    private async Task AssertDeliveredOnceAfterRecoveryAsync()
    {
        ConnectorAnswers(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"id":"sent-1"}"""));

        Assert.Equal(1, await _scenario.DeliverAsync());
        Assert.Equal(0, await _scenario.DeliverAsync());

        var delivered = Assert.Single(DeliveredToCoordinator());
        Assert.Contains("Amina", delivered, StringComparison.Ordinal);
        var rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal((0, 1), FaultAssert.Outbox(rows, ReferralNotifications.SendCardKind));
        Assert.Equal(1, FaultAssert.Referrals(rows));
    }
}
