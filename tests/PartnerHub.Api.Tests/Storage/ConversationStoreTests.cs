using PartnerHub.Api.Storage;
using PartnerHub.Api.Tests.Infrastructure;

namespace PartnerHub.Api.Tests.Storage;

public class ConversationStoreTests : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Welcome_is_claimed_exactly_once_even_under_concurrent_install_events()
    {
        var store = new ConversationStore(await AzuriteFixture.NewStoreAsync());
        var conversationId = "a:1" + Guid.NewGuid().ToString("N") + "/#?weird";

        var claims = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => store.TryClaimWelcomeAsync("tenant-1", conversationId, CancellationToken.None)));

        Assert.Equal(1, claims.Count(claimed => claimed));
        Assert.False(await store.TryClaimWelcomeAsync("tenant-1", conversationId, CancellationToken.None));
        // Another tenant's conversation with the same id is its own conversation.
        Assert.True(await store.TryClaimWelcomeAsync("tenant-2", conversationId, CancellationToken.None));
    }

    [Fact]
    public async Task A_released_claim_can_be_claimed_again()
    {
        var store = new ConversationStore(await AzuriteFixture.NewStoreAsync());
        Assert.True(await store.TryClaimWelcomeAsync(null, "c1", CancellationToken.None));
        await store.ReleaseWelcomeAsync(null, "c1", CancellationToken.None);
        Assert.True(await store.TryClaimWelcomeAsync(null, "c1", CancellationToken.None));
    }

    [Fact]
    public async Task Her_language_choice_is_kept_per_tenant_and_person_beside_her_conversation()
    {
        var store = new ConversationStore(await AzuriteFixture.NewStoreAsync());
        var reference = new ConversationReference("tenant-1", "aad-1", "https://smba.trafficmanager.net/emea/", "a:1", "28:bot", "msteams");
        await store.SaveReferenceAsync(reference, CancellationToken.None);
        Assert.Null(await store.FindLanguageAsync("tenant-1", "aad-1", CancellationToken.None));

        await store.SaveLanguageAsync("tenant-1", "aad-1", "EN", CancellationToken.None);
        await store.SaveLanguageAsync("tenant-1", "aad-2", "da", CancellationToken.None);

        Assert.Equal("en", await store.FindLanguageAsync("tenant-1", "aad-1", CancellationToken.None));
        Assert.Equal("da", await store.FindLanguageAsync("tenant-1", "aad-2", CancellationToken.None));
        Assert.Null(await store.FindLanguageAsync("tenant-2", "aad-1", CancellationToken.None));
        // The choice is a row of its own: her conversation reference is untouched.
        Assert.Equal(reference, await store.FindReferenceAsync("tenant-1", "aad-1", CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => store.SaveLanguageAsync("tenant-1", "aad-1", "de", CancellationToken.None));
        Assert.Equal("en", await store.FindLanguageAsync("tenant-1", "aad-1", CancellationToken.None));
    }

    [Fact]
    public async Task Conversation_reference_round_trips_and_is_replaced_on_save()
    {
        var store = new ConversationStore(await AzuriteFixture.NewStoreAsync());
        var first = new ConversationReference("tenant-1", "aad-1", "https://smba.trafficmanager.net/emea/", "a:old", "28:bot", "msteams");
        await store.SaveReferenceAsync(first, CancellationToken.None);
        await store.SaveReferenceAsync(first with { ConversationId = "a:new" }, CancellationToken.None);

        var found = await store.FindReferenceAsync("tenant-1", "aad-1", CancellationToken.None);

        Assert.Equal(first with { ConversationId = "a:new" }, found);
        Assert.Null(await store.FindReferenceAsync("tenant-1", "aad-2", CancellationToken.None));
    }

    [Fact]
    public async Task A_save_without_a_locale_keeps_the_locale_we_had()
    {
        var store = new ConversationStore(await AzuriteFixture.NewStoreAsync());
        var withLocale = new ConversationReference("tenant-1", "aad-1", "https://smba.trafficmanager.net/emea/", "a:1", "28:bot", "msteams", "29:u", "en-US");
        await store.SaveReferenceAsync(withLocale, CancellationToken.None);
        await store.SaveReferenceAsync(withLocale with { Locale = null }, CancellationToken.None);

        Assert.Equal("en-US", (await store.FindReferenceAsync("tenant-1", "aad-1", CancellationToken.None))!.Locale);

        await store.SaveReferenceAsync(withLocale with { Locale = "da-DK" }, CancellationToken.None);
        Assert.Equal("da-DK", (await store.FindReferenceAsync("tenant-1", "aad-1", CancellationToken.None))!.Locale);
    }
}
