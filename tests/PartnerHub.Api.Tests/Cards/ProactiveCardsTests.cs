using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage.Outbox;
using PartnerHub.Api.Tests.Bot;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Api.Tests.Referrals;
using PartnerHub.Core.Partners;
using static PartnerHub.Api.Tests.Referrals.ReferralScenario;

namespace PartnerHub.Api.Tests.Cards;

/// <summary>
/// The one send every outbox handler uses: a card for someone without a personal chat waits for her (logged by ids
/// only); a delivery that re-sends a waiting card reaches only her; a sent card's location is remembered.
/// </summary>
public sealed class ProactiveCardsTests : IAsyncLifetime, IDisposable, IClassFixture<AzuriteFixture>
{
    private const string RecordId = "01JDEMO0000000000000000001";
    private static readonly ProjectMember Stranger = new("c0a1b2c3-0000-4000-8000-0000000000aa", ProjectId, ProjectRole.NeighbourhoodMother, null, "Nadia");
    private static readonly ProjectMember Samira = new(Mother.ObjectId, ProjectId, ProjectRole.NeighbourhoodMother, null, "Samira");
    private static readonly OutboxDelivery Delivery = new(ProjectId, "outbox|01JDEMO0000000000000000002", "test.send", "{}", 1, DateTimeOffset.UtcNow);
    private static readonly JsonObject TheCard = new() { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray() };

    private readonly BotHost _host = new();

    public async Task InitializeAsync() => await new ReferralScenario(_host).SeedAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _host.Dispose();

    private ProactiveCards Cards => _host.Services.GetRequiredService<ProactiveCards>();

    private CardLocationStore Locations => _host.Services.GetRequiredService<CardLocationStore>();

    private WaitingCards Waiting => _host.Services.GetRequiredService<WaitingCards>();

    [Fact]
    public async Task A_sent_card_is_posted_in_her_chat_in_her_language_and_its_location_remembered()
    {
        string? asked = null;
        var outcome = await Cards.SendOrFailAsync(Delivery, BotHost.TenantId, Samira, new CardRecord(CardKind.Session, RecordId),
            language => Task.FromResult<JsonObject?>((asked = language) is not null ? TheCard.DeepClone().AsObject() : null), CancellationToken.None);

        Assert.Equal(ProactiveOutcome.Sent, outcome);
        Assert.Equal("da", asked);
        Assert.Equal($"/teams/v3/conversations/{Mother.ConversationId}/activities", Assert.Single(_host.ConnectorCalls()).Path);
        var saved = await Locations.FindAsync(ProjectId, CardKind.Session, RecordId, Samira.ObjectId, CancellationToken.None);
        Assert.Equal(("sent-1", Mother.ConversationId, Mother.UserId), (saved?.ActivityId, saved?.ConversationId, saved?.UserId));
    }

    [Fact]
    public async Task Without_a_personal_chat_the_rows_own_card_waits_for_her_and_nothing_is_sent_or_remembered()
    {
        var outcome = await Cards.SendOrFailAsync(Delivery, BotHost.TenantId, Stranger,
            new CardRecord(CardKind.Referral, RecordId), _ => Task.FromResult<JsonObject?>(TheCard.DeepClone().AsObject()), CancellationToken.None);

        Assert.Equal(ProactiveOutcome.Waiting, outcome);
        Assert.Empty(_host.ConnectorCalls());
        Assert.Empty(await Locations.ForAsync(ProjectId, CardKind.Referral, RecordId, CancellationToken.None));
        Assert.True(await Waiting.AnyWaitingAsync(BotHost.TenantId, Stranger.ObjectId, CancellationToken.None));
        Assert.False(await Waiting.AnyWaitingAsync(BotHost.TenantId, Samira.ObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task Without_a_personal_chat_a_card_to_one_of_several_waits_and_is_logged_by_ids()
    {
        var outcome = await Cards.SendIfReachableAsync(Delivery, BotHost.TenantId, Stranger,
            new CardRecord(CardKind.Onward, RecordId), _ => Task.FromResult<JsonObject?>(TheCard.DeepClone().AsObject()), CancellationToken.None);

        Assert.Equal(ProactiveOutcome.Waiting, outcome);
        Assert.Empty(_host.ConnectorCalls());
        Assert.True(await Waiting.AnyWaitingAsync(BotHost.TenantId, Stranger.ObjectId, CancellationToken.None));
        var line = Assert.Single(_host.Logs.Lines, l => l.Contains(Delivery.RowKey, StringComparison.Ordinal));
        Assert.Contains("waits", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Stranger.FirstName, line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_delivery_that_re_sends_a_card_for_one_person_sends_nothing_to_anyone_else()
    {
        var forStranger = Delivery with { OnlyFor = Stranger.ObjectId };

        var outcome = await Cards.SendIfReachableAsync(forStranger, BotHost.TenantId, Samira,
            new CardRecord(CardKind.Session, RecordId), _ => Task.FromResult<JsonObject?>(TheCard.DeepClone().AsObject()), CancellationToken.None);

        Assert.Equal(ProactiveOutcome.NotThisRecipient, outcome);
        Assert.Empty(_host.ConnectorCalls());
        Assert.False(await Waiting.AnyWaitingAsync(BotHost.TenantId, Samira.ObjectId, CancellationToken.None));
    }

    [Fact]
    public async Task Nothing_she_may_see_sends_nothing_fails_nothing_and_is_logged()
    {
        var outcome = await Cards.SendOrFailAsync(Delivery, BotHost.TenantId, Samira, new CardRecord(CardKind.Referral, RecordId),
            _ => Task.FromResult<JsonObject?>(null), CancellationToken.None);

        Assert.Equal(ProactiveOutcome.NothingToShow, outcome);
        Assert.Empty(_host.ConnectorCalls());
        Assert.Empty(await Locations.ForAsync(ProjectId, CardKind.Referral, RecordId, CancellationToken.None));
        Assert.Contains(_host.Logs.Lines, l => l.Contains("nothing to send", StringComparison.Ordinal) && l.Contains(Delivery.RowKey, StringComparison.Ordinal));
    }
}
