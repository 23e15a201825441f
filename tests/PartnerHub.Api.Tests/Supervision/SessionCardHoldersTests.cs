using Azure.Data.Tables;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Supervision;
using PartnerHub.Api.Tests.Cards.Holders;
using PartnerHub.Api.Tests.Infrastructure;
using PartnerHub.Core.Supervision;

namespace PartnerHub.Api.Tests.Supervision;

/// <summary>
/// A session's cards are kept in its holders row (<see cref="HoldersRow"/>, created with the session): every card of it
/// is read by one point read, also when cards were sent at once on two instances; a session made before the row existed
/// (none, or one a later card made by a merge) is read by the prefix range, and no card is left out.
/// Two instances are two stores with memories of their own on the same tables.
/// </summary>
public sealed class SessionCardHoldersTests : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string ProjectId = "vollsmose";
    private static readonly CardLocation OrganiserCard = new("aad-coordinator", "29:coordinator", "https://smba.example/", "a:coordinator", "card-0");
    private static readonly CardLocation MotherCard = new("aad-mother", "29:mother", "https://smba.example/", "a:mother", "card-m");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));
    private readonly MainTableReads _reads = new();
    private TableStore _tables = null!;

    public void Dispose() => _reads.Dispose();

    [Fact]
    public async Task A_session_is_created_with_its_holders_row_holding_the_organisers_card()
    {
        _reads.Tables = _tables = await AzuriteFixture.NewStoreAsync();
        var id = await CreateAsync(NewInstance());

        var row = await _tables.Table(TableNames.Main).GetEntityAsync<TableEntity>(ProjectId, SessionStore.HoldersRowKey(id));

        Assert.Equal($"card-holders|session|{id}", row.Value.RowKey);
        Assert.Equal([OrganiserCard], HoldersRow.LocationsIn(row.Value));
    }

    [Fact]
    public async Task Cards_sent_at_once_on_two_instances_are_all_in_the_holders_row_read_by_one_point_read()
    {
        _reads.Tables = _tables = await AzuriteFixture.NewStoreAsync();
        var one = NewInstance();
        var two = NewInstance();
        var id = await CreateAsync(one);
        // Every invitee's card written at the same moment from two instances: merged, none lost (no ETag to race on).
        await MainTableReads.SendAtOnceOnTwoInstancesAsync(one, two, ProjectId, CardKind.Session, id);

        _reads.Clear();
        var shown = await NewInstance().ForAsync(ProjectId, CardKind.Session, id, CancellationToken.None);

        Assert.Equal(["point-read"], Reads);
        Assert.Equal(await LocationRowsAsync(id), shown);
        Assert.Equal(13, shown.Count);
    }

    [Fact]
    public async Task An_older_session_without_a_complete_holders_row_has_every_card_read_by_the_prefix_range()
    {
        _reads.Tables = _tables = await AzuriteFixture.NewStoreAsync();
        var here = NewInstance();
        var id = await CreateAsync(here);
        // Created before the holders row was kept: none.
        await _tables.Table(TableNames.Main).DeleteEntityAsync(ProjectId, SessionStore.HoldersRowKey(id));

        _reads.Clear();
        Assert.Equal([OrganiserCard], await NewInstance().ForAsync(ProjectId, CardKind.Session, id, CancellationToken.None));
        Assert.Equal(["point-read", "query"], Reads);

        // The next card sent makes a row by merging, which lacks "Complete": it holds her card only, so it is not trusted.
        await here.SaveAsync(ProjectId, CardKind.Session, id, MotherCard, CancellationToken.None);
        _reads.Clear();
        var shown = await NewInstance().ForAsync(ProjectId, CardKind.Session, id, CancellationToken.None);

        Assert.Equal(["point-read", "query"], Reads);
        Assert.Equal(await LocationRowsAsync(id), shown);
        Assert.Equal([OrganiserCard.ObjectId, MotherCard.ObjectId], shown.Select(l => l.ObjectId).Order(StringComparer.Ordinal));
    }

    /// <summary>A session made on a card: her card recorded with it, as <see cref="SessionService"/> does.</summary>
    private async Task<string> CreateAsync(CardLocationStore cards)
    {
        var template = SessionDemoSeed.Sessions(_time.GetUtcNow()).First(s => s.State == SessionState.Scheduled);
        var session = template with { Id = SessionIds.New(), ProjectId = ProjectId };
        await new SessionStore(_tables).CreateAsync(session, "create-" + session.Id, cards.Upserts(ProjectId, CardKind.Session, session.Id, OrganiserCard), CancellationToken.None);
        return session.Id;
    }

    /// <summary>The card locations as their own rows hold them (one prefix query, not counted).</summary>
    private Task<List<CardLocation>> LocationRowsAsync(string id) => _reads.LocationRowsAsync(ProjectId, CardKind.Session, id);

    private string[] Reads => _reads.Reads;

    /// <summary>One instance's card locations on the shared tables, with a memory of its own; sessions keep a holders row.</summary>
    private CardLocationStore NewInstance() =>
        new(_tables, ReadCaches.Of(30, _time), [new CardHolderRows(CardKind.Session)]);
}
