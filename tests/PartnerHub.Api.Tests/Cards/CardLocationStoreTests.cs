using Azure.Data.Tables;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Cards;

/// <summary>Card locations under neutral keys, <c>card|{kind}|{id}|{objectId}</c>, for every feature alike.</summary>
public sealed class CardLocationStoreTests : IClassFixture<AzuriteFixture>
{
    private const string ProjectId = "vollsmose";
    private const string Id = "01JDEMO0000000000000000001";

    [Fact]
    public async Task Each_kind_of_record_keeps_its_own_cards_under_a_key_that_names_the_kind()
    {
        var tables = await AzuriteFixture.NewStoreAsync();
        var store = new CardLocationStore(tables);
        var card = Location("aad-1", "card-1");

        // The same id as a referral and as a session (ids of different kinds may meet): never each other's cards.
        await store.SaveAsync(ProjectId, CardKind.Referral, Id, card, CancellationToken.None);
        await store.SaveAsync(ProjectId, CardKind.Session, Id, card with { ActivityId = "card-2" }, CancellationToken.None);
        await store.SaveAsync(ProjectId, CardKind.OnwardStatus, Id, card with { ActivityId = "card-3" }, CancellationToken.None);

        Assert.Equal("card-1", Assert.Single(await store.ForAsync(ProjectId, CardKind.Referral, Id, CancellationToken.None)).ActivityId);
        Assert.Equal("card-2", Assert.Single(await store.ForAsync(ProjectId, CardKind.Session, Id, CancellationToken.None)).ActivityId);
        Assert.Empty(await store.ForAsync(ProjectId, CardKind.Onward, Id, CancellationToken.None));
        Assert.Equal("card-3", (await store.FindAsync(ProjectId, CardKind.OnwardStatus, Id, "aad-1", CancellationToken.None))?.ActivityId);
        Assert.Null(await store.FindAsync(ProjectId, CardKind.Onward, Id, "aad-1", CancellationToken.None));

        var keys = new List<string>();
        await foreach (var row in tables.Table(TableNames.Main).QueryAsync<TableEntity>(e => e.PartitionKey == ProjectId, select: ["RowKey"]))
        {
            keys.Add(row.RowKey);
        }

        Assert.Equal([$"card|onward-status|{Id}|aad-1", $"card|referral|{Id}|aad-1", $"card|session|{Id}|aad-1"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_object_id_with_key_characters_is_escaped_and_read_back_as_it_was()
    {
        var store = new CardLocationStore(await AzuriteFixture.NewStoreAsync());
        const string odd = "aad|1/#?%";

        await store.SaveAsync(ProjectId, CardKind.Referral, Id, Location(odd, "card-1"), CancellationToken.None);
        await store.SaveAsync(ProjectId, CardKind.Referral, Id, Location("aad-2", "card-2"), CancellationToken.None);

        var cards = await store.ForAsync(ProjectId, CardKind.Referral, Id, CancellationToken.None);
        Assert.Equal(["aad-2", odd], cards.Select(c => c.ObjectId).Order(StringComparer.Ordinal));
        Assert.Equal("card-1", (await store.FindAsync(ProjectId, CardKind.Referral, Id, odd, CancellationToken.None))?.ActivityId);
        Assert.Equal("en", cards.Single(c => c.ObjectId == odd).Language);
    }

    [Fact]
    public async Task A_later_card_of_the_same_person_replaces_the_earlier_one()
    {
        var store = new CardLocationStore(await AzuriteFixture.NewStoreAsync());
        await store.SaveAsync(ProjectId, CardKind.Session, Id, Location("aad-1", "phone-card"), CancellationToken.None);
        await store.SaveAsync(ProjectId, CardKind.Session, Id, Location("aad-1", "laptop-card"), CancellationToken.None);

        Assert.Equal("laptop-card", Assert.Single(await store.ForAsync(ProjectId, CardKind.Session, Id, CancellationToken.None)).ActivityId);
        Assert.Equal(["29:aad-1"], await store.AudienceAsync(ProjectId, CardKind.Session, Id, CancellationToken.None));
    }

    private static CardLocation Location(string objectId, string activityId) =>
        new(objectId, "29:" + objectId.Replace('|', '-'), "https://smba.trafficmanager.net/emea/", "a:chat-" + objectId, activityId, "en");
}
