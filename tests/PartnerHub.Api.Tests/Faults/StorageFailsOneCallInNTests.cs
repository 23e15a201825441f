using System.Text.Json.Nodes;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Referrals;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Faults;

/// <summary>
/// Storage failing one call in five, in the host's own clients, while the kindergarten submits referrals and the
/// outbox delivers them to the coordinator. A host of its own: the fault is armed for everything the host does.
/// </summary>
public sealed class StorageFailsOneCallInNTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const int Referrals = 8;
    private static readonly TimeSpan PastAnyLease = TimeSpan.FromMinutes(3);
    private readonly FailEveryNthCall _fault = new(5);

    // The outbox's clock: a row whose delivery ended in a storage failure stays claimed for its lease (2 min).
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    // The outbox's success transaction (delete the row, add its tombstone): a delivery's only $batch with outbox rows
    // (the other records where the card landed, its location and its holder row beside the referral).
    private readonly FailNextMatchingCall _lostEnding = new(request => request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) && Mentions(request, "outbox"));
    private readonly BotHost _host;
    private ReferralScenario _scenario = null!;

    public StorageFailsOneCallInNTests()
    {
        _host = new BotHost
        {
            Customize = builder =>
            {
                // A failed delivery is due again at once, so the sweeps below retry it without waiting.
                builder.UseSetting("Outbox:BaseDelay", "00:00:00");
                builder.UseSetting("Outbox:Jitter", "0");
                // A failing call every fifth, and a retried delivery that makes five calls up to its check of what it
                // already sent, can meet at the same call on every attempt; which call depends on the count of every
                // call before it. Keeping a row as failed after its attempts is OutboxDispatcherTests' subject, not this one's.
                builder.UseSetting("Outbox:MaxAttempts", "1000");
                builder.ConfigureTestServices(services =>
                {
                    var policies = new StorageClientPolicies();
                    policies.PerCall.Add(_fault);
                    policies.PerCall.Add(_lostEnding);
                    services.AddSingleton(policies);
                    services.AddSingleton<TimeProvider>(_time);
                });
            },
        };
    }

    public async Task InitializeAsync()
    {
        _scenario = new ReferralScenario(_host);
        await _scenario.SeedAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Submits_under_failing_storage_get_a_try_again_card_are_stored_whole_once_and_each_reaches_the_coordinator_once()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        _fault.Arm();
        // Which calls one in five lands on depends on how many calls each step makes; her first transaction fails
        // for certain, so the test never depends on that count.
        _lostEnding.Arm();
        var tryAgainCards = 0;
        for (var i = 0; i < Referrals; i++)
        {
            var data = ReferralWorkflowTests.FormData(form, firstName: "Amina");
            data["requestId"] = $"fault-{i}";
            // She presses "Send" until it is received: a try-again card each time storage failed under her.
            var received = false;
            for (var press = 0; press < 10 && !received; press++)
            {
                var answer = await FaultAssert.PressAsync(_host, Kindergarten, "referral.submit", data, "form-message");
                if (FaultAssert.IsTryAgain(answer))
                {
                    tryAgainCards++;
                    continue;
                }

                Assert.Contains("Modtaget", answer.Body, StringComparison.Ordinal);
                received = true;
            }

            Assert.True(received, "storage failing one call in five must not keep a referral out for ten presses");
            // The outbox runs under the same fault: a sweep that fails leaves its rows for the next.
            await FaultAssert.SweepAsync(_scenario);
        }

        var failedUnderWorkflow = _fault.Failed;
        _fault.Disarm();
        _time.Advance(PastAnyLease);
        for (var sweep = 0; sweep < 5 && await _scenario.DeliverAsync() > 0; sweep++)
        {
        }

        // The fault really hit the workflow, and she was told to try again at least once.
        Assert.True(failedUnderWorkflow >= Referrals, $"only {failedUnderWorkflow} storage calls failed");
        Assert.True(tryAgainCards > 0);

        // Nothing half-written: per referral its row, index rows, dedupe row and coordinator card row, all or none.
        var rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal(Referrals, FaultAssert.Referrals(rows));
        Assert.Equal(Referrals, FaultAssert.Count(rows, ReferralStore.Dedupe));
        Assert.Equal(Referrals, FaultAssert.Count(rows, ReferralStore.ByTime));
        Assert.Equal((0, Referrals), FaultAssert.Outbox(rows, ReferralNotifications.SendCardKind));

        // Delivered exactly once: one new card per referral in the coordinator's chat, each a different referral.
        var toCoordinator = _host.ConnectorCalls()
            .Where(c => c.Method == "POST" && c.Path == $"/teams/v3/conversations/{Coordinator.ConversationId}/activities")
            .ToList();
        Assert.Equal(Referrals, toCoordinator.Count);
        var referralIds = toCoordinator.Select(c => ReferralIdOn(c.Body!)).ToList();
        Assert.Equal(Referrals, referralIds.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(_host.Logs.Lines, line => line.Contains("Amina", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_card_posted_just_before_storage_failed_is_not_posted_again_when_the_row_is_retried()
    {
        var form = await _scenario.SayAsync(Kindergarten, "henvis");
        Card(await _scenario.ActAsync(Kindergarten, "referral.submit", ReferralWorkflowTests.FormData(form), "form-message"));
        _host.Connector.ResetLogEntries();

        // The card goes out; storage fails as the row is to be deleted, so the row stays and is due again.
        _lostEnding.Arm();
        Assert.Equal(0, await _scenario.DeliverAsync());
        Assert.True(_lostEnding.Fired);
        Assert.Equal(0, await _scenario.DeliverAsync()); // still claimed by the attempt whose ending was lost
        _time.Advance(PastAnyLease);
        Assert.Equal(1, await _scenario.DeliverAsync());

        Assert.Single(_host.ConnectorCalls(), c => c.Method == "POST" && c.Path == $"/teams/v3/conversations/{Coordinator.ConversationId}/activities");
        var rows = await FaultAssert.PartitionAsync(_host.Tables, ProjectId);
        Assert.Equal((0, 1), FaultAssert.Outbox(rows, ReferralNotifications.SendCardKind));
    }

    private static bool Mentions(Azure.Core.Request request, string text)
    {
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None);
        return System.Text.Encoding.UTF8.GetString(body.ToArray()).Contains(text, StringComparison.Ordinal);
    }

    private static string ReferralIdOn(JsonObject activity)
    {
        var card = activity["attachments"]![0]!["content"]!;
        return Walk(card).OfType<JsonObject>()
            .Select(node => (string?)node["referralId"])
            .First(id => id is not null)!;
    }
}
