using System.Diagnostics.Metrics;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using PartnerHub.Api.Cards;
using PartnerHub.Api.Cards.Holders;
using PartnerHub.Api.Observability;
using PartnerHub.Api.Storage;
using PartnerHub.Api.Storage.ReadCaching;
using PartnerHub.Api.Supervision;
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
    private readonly MeterListener _listener = new();
    private readonly List<string> _reads = [];
    private TableStore _tables = null!;

    public SessionCardHoldersTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == Telemetry.Name && instrument.Name == "partnerhub.storage.requests")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Record(tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task A_session_is_created_with_its_holders_row_holding_the_organisers_card()
    {
        _tables = await AzuriteFixture.NewStoreAsync();
        var id = await CreateAsync(NewInstance());

        var row = await _tables.Table(TableNames.Main).GetEntityAsync<TableEntity>(ProjectId, SessionStore.HoldersRowKey(id));

        Assert.Equal($"card-holders|session|{id}", row.Value.RowKey);
        Assert.Equal([OrganiserCard], HoldersRow.LocationsIn(row.Value));
    }

    [Fact]
    public async Task Cards_sent_at_once_on_two_instances_are_all_in_the_holders_row_read_by_one_point_read()
    {
        _tables = await AzuriteFixture.NewStoreAsync();
        var one = NewInstance();
        var two = NewInstance();
        var id = await CreateAsync(one);
        // Every invitee's card written at the same moment from two instances: merged, none lost (no ETag to race on).
        var sent = Enumerable.Range(0, 12).Select(n => new CardLocation($"aad-{n:D2}", $"29:{n}", "https://smba.example/", $"a:{n}", $"card-{n}")).ToList();
        await Task.WhenAll(sent.Select((card, n) => (n % 2 == 0 ? one : two).SaveAsync(ProjectId, CardKind.Session, id, card, CancellationToken.None)));

        _reads.Clear();
        var shown = await NewInstance().ForAsync(ProjectId, CardKind.Session, id, CancellationToken.None);

        Assert.Equal(["point-read"], Reads);
        Assert.Equal(await LocationRowsAsync(id), shown);
        Assert.Equal(13, shown.Count);
    }

    [Fact]
    public async Task An_older_session_without_a_complete_holders_row_has_every_card_read_by_the_prefix_range()
    {
        _tables = await AzuriteFixture.NewStoreAsync();
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
    private async Task<List<CardLocation>> LocationRowsAsync(string id)
    {
        var reads = Reads;
        var rows = new List<CardLocation>();
        await foreach (var row in _tables.Table(TableNames.Main).QueryAsync<TableEntity>(TableQueries.Prefix(ProjectId, CardLocationStore.RowKey(CardKind.Session, id, string.Empty))))
        {
            rows.Add(new CardLocation(TableKeys.Unescape(row.RowKey[(row.RowKey.LastIndexOf('|') + 1)..]), row.GetString("UserId")!, row.GetString("ServiceUrl")!, row.GetString("ConversationId")!, row.GetString("ActivityId")!, row.GetString("Language")!));
        }

        lock (_reads)
        {
            _reads.Clear();
            _reads.AddRange(reads);
        }

        return rows;
    }

    private string[] Reads
    {
        get
        {
            lock (_reads)
            {
                return [.. _reads];
            }
        }
    }

    /// <summary>One instance's card locations on the shared tables, with a memory of its own; sessions keep a holders row.</summary>
    private CardLocationStore NewInstance() =>
        new(_tables, new ReadCache(Options.Create(new ReadCacheOptions { Seconds = 30 }), _time), [new CardHolderRows(CardKind.Session)]);

    private void Record(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? target = null;
        string? operation = null;
        foreach (var tag in tags)
        {
            target = tag.Key == "target" ? tag.Value as string : target;
            operation = tag.Key == "operation" ? tag.Value as string : operation;
        }

        // Only reads of this test's main table: other classes run beside this one on tables of their own.
        if (_tables is not null && target == _tables.Table(TableNames.Main).Name && operation is "point-read" or "query")
        {
            lock (_reads)
            {
                _reads.Add(operation);
            }
        }
    }
}
